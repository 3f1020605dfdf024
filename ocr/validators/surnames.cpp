#include "ocr/validators/surnames.h"

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::validators {
namespace {

struct Surnames {
  std::vector<std::string> single;
  std::set<std::string, std::less<>> single_set;
  std::vector<std::string> compound;
};

const Surnames& surnames() {
  static const Surnames table = [] {
    const std::string file = "data/surnames.json";
    const nlohmann::json doc = load_data_file(file);
    check_keys(doc, {"coverage", "single", "compound"}, {"single", "compound"}, file);
    Surnames out;
    for (const auto& [key, length] : {std::pair{"single", size_t{1}}, std::pair{"compound", size_t{2}}}) {
      const auto names = get_value<std::vector<std::string>>(doc, key, file);
      for (const auto& name : names) {
        if (utf8_to_u32(name).size() != length)
          throw std::runtime_error(file + ": " + key + " surname \"" + name + "\" must be " + std::to_string(length) +
                                   " character" + (length == 1 ? "" : "s"));
        auto& list = length == 1 ? out.single : out.compound;
        for (const auto& seen : list)
          if (seen == name) throw std::runtime_error(file + ": surname \"" + name + "\" listed twice");
        list.push_back(name);
      }
    }
    out.single_set.insert(out.single.begin(), out.single.end());
    return out;
  }();
  return table;
}

}  // namespace

const std::vector<std::string>& single_surnames() { return surnames().single; }

bool starts_with_compound_surname(std::string_view name) {
  for (const auto& c : surnames().compound)
    if (name.substr(0, c.size()) == c) return true;
  return false;
}

bool is_single_surname(std::string_view c) { return surnames().single_set.count(c) > 0; }

namespace {

struct GivenNameCharacters {
  std::vector<std::string> list;
  std::set<std::string, std::less<>> set;
};

const GivenNameCharacters& given_names() {
  static const GivenNameCharacters table = [] {
    const std::string file = "data/given_name_characters.json";
    const nlohmann::json doc = load_data_file(file);
    check_keys(doc, {"_source", "characters"}, {"characters"}, file);
    GivenNameCharacters out;
    for (char32_t c : utf8_to_u32(get_value<std::string>(doc, "characters", file))) {
      const std::string character = u32_to_utf8(std::u32string(1, c));
      if (!out.set.insert(character).second) throw std::runtime_error(file + ": \"" + character + "\" listed twice");
      out.list.push_back(character);
    }
    if (out.list.empty()) throw std::runtime_error(file + ": no characters");
    return out;
  }();
  return table;
}

}  // namespace

const std::vector<std::string>& given_name_characters() { return given_names().list; }

bool is_given_name_character(std::string_view c) { return given_names().set.count(c) > 0; }

}  // namespace beian::validators
