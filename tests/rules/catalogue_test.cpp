// Every code the rules use has its texts in templates/messages/rules.json and its source in
// docs/rules.md, and nothing is documented or catalogued that no rule raises.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "pipeline/base/messages.h"
#include "tests/support/test_support.h"

using namespace beian::test;
namespace fs = std::filesystem;

namespace {
// Every string literal of the form "WORD_WORD..." (upper-case letters, digits, underscores,
// at least one underscore). Scanned by hand: libstdc++'s std::regex backtracks for minutes
// on whole source files with a nested repetition.
std::set<std::string> code_literals(const std::string& text) {
  std::set<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    size_t j = i + 1;
    while (j < text.size() && ((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= '0' && text[j] <= '9') || text[j] == '_')) ++j;
    if (j < text.size() && text[j] == '"' && j > i + 1) {
      const std::string token = text.substr(i + 1, j - i - 1);
      if (token[0] >= 'A' && token[0] <= 'Z' && token.find('_') != std::string::npos && token.back() != '_' &&
          token.find("__") == std::string::npos)
        out.insert(token);
      i = j;
    }
  }
  return out;
}
}  // namespace

TEST_CASE("codes in code, catalogue and docs agree", "[rules][docs]") {
  std::set<std::string> used;
  for (const auto& e : fs::directory_iterator(source_dir() / "pipeline" / "rules"))
    if (e.path().extension() == ".cpp")
      for (const auto& c : code_literals(read_file(e.path()))) used.insert(c);
  REQUIRE(used.size() > 60);

  std::set<std::string> catalogued;
  // Kept in a variable: items() of a temporary would dangle inside the loop.
  const auto catalogue = nlohmann::json::parse(read_file(source_dir() / "templates" / "messages" / "rules.json"));
  for (const auto& [code, entry] : catalogue.items()) catalogued.insert(code);
  std::set<std::string> documented;  // table cells "| `CODE` |" of docs/rules.md
  {
    const std::string doc = read_file(source_dir() / "docs" / "rules.md");
    for (size_t at = doc.find("| `"); at != std::string::npos; at = doc.find("| `", at + 1)) {
      const size_t end = doc.find("` |", at + 3);
      if (end == std::string::npos) break;
      const std::string cell = doc.substr(at + 3, end - at - 3);
      if (!cell.empty() && cell.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string::npos &&
          cell[0] >= 'A' && cell[0] <= 'Z')
        documented.insert(cell);
    }
  }

  for (const auto& c : used) {
    INFO(c);
    CHECK(catalogued.count(c) == 1);
    CHECK(documented.count(c) == 1);
    CHECK(beian::has_message(c));
  }
  for (const auto& c : catalogued) {
    INFO(c << " is catalogued but no rule raises it");
    CHECK(used.count(c) == 1);
  }
  for (const auto& c : documented) {
    INFO(c << " is documented but no rule raises it");
    CHECK(used.count(c) == 1);
  }
}
