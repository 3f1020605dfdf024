// Loading data files (templates/: layouts, rule tables, thresholds) strictly: a duplicate key
// or an unknown key is an error naming the file and the key, so a misspelt setting never
// silently falls back to a default.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace beian {

// Parses the JSON file at `path`. Throws std::runtime_error naming the file on a parse error
// ("<file>: invalid JSON at byte N: ...") or a key defined twice in one object.
nlohmann::json load_strict_json(const std::filesystem::path& path);

// load_strict_json(data_path(relative)).
nlohmann::json load_data_file(const std::filesystem::path& relative);

// Throws std::runtime_error "<where>: unknown key '<k>'" when `object` has a key outside
// `allowed`, and "<where>: missing key '<k>'" when a key in `required` is absent. Keys
// starting with '_' are comments ("_source", "_comment") and always allowed. REQUIRES an
// object (else throws "<where>: expected an object").
void check_keys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required, const std::string& where);

// object[key] as T, or throws std::runtime_error "<where>: '<key>' ..." when absent or of
// the wrong type.
template <typename T>
T get_value(const nlohmann::json& object, const std::string& key, const std::string& where);

// object[key] as a list of font files (Debian font packages: wqy-zenhei, noto-cjk, ...).
// Throws std::runtime_error "<where>: font <file> is not installed (scripts/install-deps.sh)"
// for one that does not exist, besides get_value's errors.
std::vector<std::string> get_font_files(const nlohmann::json& object, const std::string& key, const std::string& where);

}  // namespace beian
