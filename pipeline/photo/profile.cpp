#include "pipeline/photo/profile.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include "pipeline/base/data_dir.h"
#include "pipeline/base/data_file.h"
#include "pipeline/photo/check.h"

namespace beian::photo {
namespace {

PreprocessSettings read_preprocess(const nlohmann::json& j, const std::string& where) {
  check_keys(j,
             {"work_max_side", "face_min_size", "face_scale_step", "face_min_neighbors", "face_large_size", "face_companion_size",
              "face_companion_step", "head_width", "head_above", "shoulder_drop", "shoulder_width", "mask_margin"},
             {"work_max_side", "face_min_size", "face_scale_step", "face_min_neighbors", "face_large_size", "face_companion_size",
              "face_companion_step", "head_width", "head_above", "shoulder_drop", "shoulder_width", "mask_margin"},
             where);
  PreprocessSettings p;
  p.work_max_side = get_value<int>(j, "work_max_side", where);
  p.face_min_size = get_value<double>(j, "face_min_size", where);
  p.face_scale_step = get_value<double>(j, "face_scale_step", where);
  p.face_large_size = get_value<double>(j, "face_large_size", where);
  p.face_companion_size = get_value<double>(j, "face_companion_size", where);
  p.face_companion_step = get_value<double>(j, "face_companion_step", where);
  p.face_min_neighbors = get_value<int>(j, "face_min_neighbors", where);
  p.head_width = get_value<double>(j, "head_width", where);
  p.head_above = get_value<double>(j, "head_above", where);
  p.shoulder_drop = get_value<double>(j, "shoulder_drop", where);
  p.shoulder_width = get_value<double>(j, "shoulder_width", where);
  p.mask_margin = get_value<double>(j, "mask_margin", where);
  if (p.work_max_side < 64 || p.face_scale_step <= 1.0 || p.face_min_size <= 0.0 ||
      p.face_large_size < p.face_min_size || p.face_companion_size <= 0.0 || p.face_companion_size > 1.0 ||
      p.face_companion_step < p.face_scale_step)
    throw std::runtime_error(where + ": work_max_side must be ≥ 64, face_scale_step > 1, face_min_size > 0, "
                             "face_large_size ≥ face_min_size, face_companion_size in (0, 1], "
                             "face_companion_step ≥ face_scale_step");
  return p;
}

CheckSettings read_check(const std::string& id, const nlohmann::json& row, const std::string& where) {
  const CheckDefinition* def = find_check(id);
  if (!def) throw std::runtime_error(where + ": unknown check '" + id + "'");
  check_keys(row, {"threshold", "source", "params"}, {"threshold", "source"}, where);
  CheckSettings s;
  s.id = id;
  s.threshold = get_value<double>(row, "threshold", where);
  s.source = get_value<std::string>(row, "source", where);
  const nlohmann::json params = row.value("params", nlohmann::json::object());
  if (!params.is_object()) throw std::runtime_error(where + ": 'params' must be an object");
  for (const auto& [name, value] : params.items()) {
    if (std::find(def->params.begin(), def->params.end(), name) == def->params.end())
      throw std::runtime_error(where + ": unknown parameter '" + name + "' for check '" + id + "'");
    bool strings = value.is_array();
    for (const auto& v : value.is_array() ? value : nlohmann::json::array()) strings = strings && v.is_string();
    if (!value.is_number() && !strings)
      throw std::runtime_error(where + ": parameter '" + name + "' must be a number or a list of strings");
    s.params[name] = value;
  }
  for (auto name : def->params)
    if (!s.params.contains(std::string(name)))
      throw std::runtime_error(where + ": check '" + id + "' needs parameter '" + std::string(name) + "'");
  return s;
}

std::unique_ptr<PhotoProfile> read_profile(const std::string& name, int depth) {
  if (depth > 4) throw std::runtime_error("photo profile '" + name + "': 'extends' chain too long");
  const auto names = profile_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown photo profile '" + name + "' (available: " + known + ")");
  }
  const std::string file = "photo/" + name + ".json";
  const std::string where = data_path(file).string();
  const nlohmann::json j = load_data_file(file);
  check_keys(j, {"description", "extends", "fail_confidence", "cloth_slogan", "preprocess", "checks"},
             {"description", "checks"}, where);

  std::unique_ptr<PhotoProfile> profile;
  std::map<std::string, CheckSettings> rows;
  if (j.contains("extends")) {
    profile = read_profile(get_value<std::string>(j, "extends", where), depth + 1);
    for (auto& c : profile->checks) rows[c.id] = c;
  } else {
    profile = std::make_unique<PhotoProfile>();
    if (!j.contains("preprocess") || !j.contains("fail_confidence"))
      throw std::runtime_error(where + ": a profile that extends none needs 'preprocess' and 'fail_confidence'");
  }
  profile->name = name;
  profile->description = get_value<std::string>(j, "description", where);
  if (j.contains("fail_confidence")) profile->fail_confidence = get_value<double>(j, "fail_confidence", where);
  if (j.contains("cloth_slogan")) profile->cloth_slogan = get_value<std::string>(j, "cloth_slogan", where);
  if (j.contains("preprocess")) profile->preprocess = read_preprocess(j.at("preprocess"), where + ": preprocess");

  const nlohmann::json& checks = j.at("checks");
  if (!checks.is_object()) throw std::runtime_error(where + ": 'checks' must be an object");
  for (const auto& [id, row] : checks.items()) {
    const std::string row_where = where + ": checks." + id;
    if (row.is_object() && row.size() == 1 && row.contains("enabled")) {
      if (row.at("enabled") != false) throw std::runtime_error(row_where + ": 'enabled' may only be false");
      if (!rows.erase(id)) throw std::runtime_error(row_where + ": disables a check the base profile does not have");
      continue;
    }
    rows[id] = read_check(id, row, row_where);
  }
  profile->checks.clear();
  for (const auto& def : check_definitions()) {
    auto it = rows.find(std::string(def.id));
    if (it != rows.end()) profile->checks.push_back(it->second);
  }
  return profile;
}

}  // namespace

const CheckSettings* PhotoProfile::find(std::string_view id) const {
  for (const auto& c : checks)
    if (c.id == id) return &c;
  return nullptr;
}

const PhotoProfile& load_profile(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<PhotoProfile>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, read_profile(name, 0)).first;
  return *it->second;
}

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_path("photo"), ec))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace beian::photo
