#include "pipeline/manifest_reader.h"

#include <algorithm>

namespace beian {

std::string json_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {
std::string join(const std::string& path, std::string_view key) { return path + "/" + json_pointer_token(key); }

std::string type_name(const nlohmann::json& j) { return j.type_name(); }
}  // namespace

bool ManifestReader::check_object(const nlohmann::json& obj, const std::string& path,
                                  std::initializer_list<std::string_view> allowed) const {
  if (!obj.is_object()) {
    error(path, "expected an object, found " + type_name(obj));
    return false;
  }
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string names;
      for (auto a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      error(join(path, key), "unknown member '" + key + "' (allowed: " + names + ")");
    }
  }
  return true;
}

const nlohmann::json* ManifestReader::member(const nlohmann::json& obj, const std::string& path, std::string_view key,
                                             bool required) const {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) error(join(path, key), "required member is missing");
    return nullptr;
  }
  return &*it;
}

std::string ManifestReader::string(const nlohmann::json& obj, const std::string& path, std::string_view key,
                                   bool required) const {
  const auto* m = member(obj, path, key, required);
  if (!m) return {};
  if (!m->is_string()) {
    error(join(path, key), "expected a string, found " + type_name(*m));
    return {};
  }
  std::string value = m->get<std::string>();
  if (required && value.find_first_not_of(" \t\r\n") == std::string::npos) error(join(path, key), "must not be empty");
  return value;
}

int ManifestReader::integer(const nlohmann::json& obj, const std::string& path, std::string_view key, bool required) const {
  const auto* m = member(obj, path, key, required);
  if (!m) return 0;
  if (!m->is_number_integer() || m->get<long long>() < 0 || m->get<long long>() > 1000000) {
    error(join(path, key), "expected a non-negative whole number, found " + m->dump());
    return 0;
  }
  return m->get<int>();
}

std::vector<std::string> ManifestReader::strings(const nlohmann::json& obj, const std::string& path,
                                                 std::string_view key, bool required) const {
  std::vector<std::string> out;
  const auto* m = member(obj, path, key, required);
  if (!m) return out;
  if (!m->is_array()) {
    error(join(path, key), "expected an array of strings, found " + type_name(*m));
    return out;
  }
  for (size_t i = 0; i < m->size(); ++i) {
    const auto& v = (*m)[i];
    if (!v.is_string()) error(join(path, key) + "/" + std::to_string(i), "expected a string, found " + type_name(v));
    else out.push_back(v.get<std::string>());
  }
  return out;
}

Date ManifestReader::date(const nlohmann::json& obj, const std::string& path, std::string_view key, bool required) const {
  const std::string text = string(obj, path, key, required);
  if (text.empty()) return {};
  auto d = Date::parse(text);
  if (!d || d->to_string() != text) {
    error(join(path, key), "expected a date as YYYY-MM-DD, found \"" + text + "\"");
    return {};
  }
  return *d;
}

}  // namespace beian
