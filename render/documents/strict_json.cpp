#include "render/documents/strict_json.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include "pipeline/base/data_dir.h"

namespace beian::render {

nlohmann::json load_strict_json(const std::filesystem::path& path) {
  const std::string text = read_file_bytes(path);
  std::vector<std::set<std::string>> seen;  // keys of each open object
  std::string duplicate;
  const auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start) seen.emplace_back();
    if (event == E::object_end && !seen.empty()) seen.pop_back();
    if (event == E::key && !seen.empty()) {
      const std::string key = parsed.get<std::string>();
      if (!seen.back().insert(key).second && duplicate.empty()) duplicate = key;
    }
    return true;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, callback);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(path.string() + ": invalid JSON at byte " + std::to_string(e.byte));
  }
  if (!duplicate.empty()) throw std::runtime_error(path.string() + ": key '" + duplicate + "' is defined twice");
  return j;
}

void check_keys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required, const std::string& where) {
  if (!object.is_object()) throw std::runtime_error(where + ": expected an object");
  for (const auto& [key, value] : object.items()) {
    if (!key.empty() && key[0] == '_') continue;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw std::runtime_error(where + ": unknown key '" + key + "'");
  }
  for (auto key : required)
    if (!object.contains(std::string(key))) throw std::runtime_error(where + ": missing key '" + std::string(key) + "'");
}

}  // namespace beian::render
