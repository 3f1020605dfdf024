// Every code the rules use has its texts in templates/messages/rules.json and its source in
// docs/rules.md, and nothing is documented or catalogued that no rule raises.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "pipeline/base/messages.h"
#include "tests/support/test_support.h"

using namespace beian::test;
namespace fs = std::filesystem;

namespace {
std::set<std::string> matches(const std::string& text, const std::regex& re, int group) {
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.insert((*it)[group]);
  return out;
}
}  // namespace

TEST_CASE("codes in code, catalogue and docs agree", "[rules][docs]") {
  std::set<std::string> used;
  const std::regex literal("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
  for (const auto& e : fs::directory_iterator(source_dir() / "pipeline" / "rules"))
    if (e.path().extension() == ".cpp")
      for (const auto& c : matches(read_file(e.path()), literal, 1)) used.insert(c);
  REQUIRE(used.size() > 60);

  std::set<std::string> catalogued;
  for (const auto& [code, entry] : nlohmann::json::parse(read_file(source_dir() / "templates" / "messages" / "rules.json")).items())
    catalogued.insert(code);
  const std::set<std::string> documented =
      matches(read_file(source_dir() / "docs" / "rules.md"), std::regex("\\| `([A-Z][A-Z0-9_]+)` \\|"), 1);

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
