#include "pipeline/base/data_file.h"

#include <set>
#include <stdexcept>
#include <vector>

#include "pipeline/base/data_dir.h"

namespace beian {

nlohmann::json load_data_file(const std::filesystem::path& relative) { return load_strict_json(data_path(relative)); }

std::vector<std::string> get_font_files(const nlohmann::json& object, const std::string& key, const std::string& where) {
  auto fonts = get_value<std::vector<std::string>>(object, key, where);
  for (const auto& font : fonts)
    if (!std::filesystem::exists(font)) throw std::runtime_error(where + ": font " + font + " is not installed (scripts/install-deps.sh)");
  return fonts;
}

nlohmann::json load_strict_json(const std::filesystem::path& path) {
  const std::string text = read_file_bytes(path);
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start) keys.emplace_back();
    else if (event == E::object_end && !keys.empty()) keys.pop_back();
    else if (event == E::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second &&
             duplicate.empty())
      duplicate = parsed.get<std::string>();
    return true;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, callback);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(path.string() + ": invalid JSON at byte " + std::to_string(e.byte) + ": " + e.what());
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
  if (!duplicate.empty()) throw std::runtime_error(path.string() + ": key '" + duplicate + "' is defined twice");
  return j;
}

void check_keys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required, const std::string& where) {
  if (!object.is_object()) throw std::runtime_error(where + ": expected an object");
  for (const auto& [key, value] : object.items()) {
    if (!key.empty() && key[0] == '_') continue;  // a comment
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) throw std::runtime_error(where + ": unknown key '" + key + "'");
  }
  for (auto r : required)
    if (!object.contains(std::string(r))) throw std::runtime_error(where + ": missing key '" + std::string(r) + "'");
}

template <typename T>
T get_value(const nlohmann::json& object, const std::string& key, const std::string& where) {
  if (!object.contains(key)) throw std::runtime_error(where + ": missing key '" + key + "'");
  try {
    return object.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(where + ": '" + key + "' has the wrong type");
  }
}

template double get_value<double>(const nlohmann::json&, const std::string&, const std::string&);
template int get_value<int>(const nlohmann::json&, const std::string&, const std::string&);
template bool get_value<bool>(const nlohmann::json&, const std::string&, const std::string&);
template std::string get_value<std::string>(const nlohmann::json&, const std::string&, const std::string&);
template std::vector<std::string> get_value<std::vector<std::string>>(const nlohmann::json&, const std::string&,
                                                                      const std::string&);
template std::vector<double> get_value<std::vector<double>>(const nlohmann::json&, const std::string&,
                                                            const std::string&);
template std::vector<int> get_value<std::vector<int>>(const nlohmann::json&, const std::string&, const std::string&);

}  // namespace beian
