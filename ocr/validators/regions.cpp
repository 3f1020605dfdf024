#include "ocr/validators/regions.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::validators {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw std::runtime_error(file.string() + ": " + what);
}

bool is_digits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::map<std::string, std::string> code_map(const std::filesystem::path& file, const json& obj,
                                            const std::string& where) {
  if (!obj.is_object()) fail(file, where + " must be an object");
  std::map<std::string, std::string> out;
  for (const auto& [code, name] : obj.items()) {
    if (!is_digits(code, 6)) fail(file, where + ": \"" + code + "\" is not a 6-digit code");
    if (!name.is_string() || name.get<std::string>().empty()) fail(file, where + "." + code + " must be a name");
    out[code] = name.get<std::string>();
  }
  return out;
}

}  // namespace

std::string Region::full_name() const { return province + prefecture + county; }

RegionTable RegionTable::load(const std::filesystem::path& file) {
  // An absolute `file` passes through data_path() unchanged.
  const json doc = load_data_file(file);
  const std::string where = file.string();
  check_keys(doc, {"coverage", "provinces", "prefectures", "counties", "historic", "residence_permit_prefixes"},
             {"provinces", "prefectures", "counties"}, where);
  RegionTable t;
  for (const auto& [code, p] : doc.at("provinces").items()) {
    if (!is_digits(code, 2)) fail(file, "provinces: \"" + code + "\" is not a 2-digit code");
    check_keys(p, {"name", "short_name", "icp_abbr"}, {"name", "short_name", "icp_abbr"}, where + ": provinces." + code);
    t.provinces_.push_back({code, p.at("name").get<std::string>(), p.at("short_name").get<std::string>(),
                            p.at("icp_abbr").get<std::string>()});
  }
  t.prefectures_ = code_map(file, doc.at("prefectures"), "prefectures");
  t.counties_ = code_map(file, doc.at("counties"), "counties");
  if (doc.contains("historic")) t.historic_ = code_map(file, doc.at("historic"), "historic");
  if (doc.contains("residence_permit_prefixes")) {
    t.residence_prefixes_ = code_map(file, doc.at("residence_permit_prefixes"), "residence_permit_prefixes");
  }
  for (const auto& [code, name] : t.prefectures_) {
    if (!t.province(code)) fail(file, "prefectures." + code + " has no province");
  }
  for (const auto& [code, name] : t.counties_) {
    if (!t.prefectures_.count(code.substr(0, 4) + "00")) fail(file, "counties." + code + " has no prefecture");
    t.county_codes_.push_back(code);
  }
  return t;
}

const RegionTable& RegionTable::get() {
  static const RegionTable table = load("data/regions.json");
  return table;
}

const Province* RegionTable::province(std::string_view code) const {
  if (code.size() < 2) return nullptr;
  for (const auto& p : provinces_) {
    if (code.substr(0, 2) == p.code) return &p;
  }
  return nullptr;
}

const Province* RegionTable::province_by_name(std::string_view name) const {
  for (const auto& p : provinces_) {
    if (name == p.short_name || name == p.name || (!p.icp_abbr.empty() && name == p.icp_abbr)) return &p;
  }
  return nullptr;
}

std::optional<Region> RegionTable::lookup(std::string_view code6) const {
  if (!is_digits(code6, 6)) return std::nullopt;
  const std::string code(code6);
  if (auto it = residence_prefixes_.find(code); it != residence_prefixes_.end()) {
    return Region{code, it->second, "", "", false};
  }
  const Province* p = province(code);
  if (!p) return std::nullopt;
  Region r{code, p->name, "", "", false};
  auto name_of_prefecture = [this](const std::string& c) -> std::string {
    if (auto it = prefectures_.find(c); it != prefectures_.end()) return it->second == "市辖区" ? "" : it->second;
    if (auto it = historic_.find(c); it != historic_.end()) return it->second;
    return "";
  };
  if (code.substr(2) == "0000") return r;
  const std::string pref_code = code.substr(0, 4) + "00";
  const bool pref_known = prefectures_.count(pref_code) || historic_.count(pref_code);
  if (code.substr(4) == "00") {
    if (!pref_known) return std::nullopt;
    r.prefecture = name_of_prefecture(pref_code);
    r.historic = !prefectures_.count(pref_code);
    return r;
  }
  if (auto it = counties_.find(code); it != counties_.end()) {
    r.prefecture = name_of_prefecture(pref_code);
    r.county = it->second;
    return r;
  }
  if (auto it = historic_.find(code); it != historic_.end()) {
    r.prefecture = name_of_prefecture(pref_code);
    r.county = it->second;
    r.historic = true;
    return r;
  }
  return std::nullopt;
}

std::string id_issuing_authority(const Region& region) {
  const auto ends_with = [](const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (region.county.empty()) return "";
  if (ends_with(region.county, "县")) return region.county + "公安局";
  std::string district = region.county;
  for (std::string_view suffix : {"新区", "区"})
    if (ends_with(district, suffix)) {
      district.resize(district.size() - suffix.size());
      break;
    }
  const std::string& city = region.prefecture.empty() ? region.province : region.prefecture;
  return city + "公安局" + district + "分局";
}

std::string with_bureau_words(std::string_view reading) {
  std::u32string u = utf8_to_u32(reading);
  for (size_t k = 0; k + 2 < u.size(); ++k)
    if (u[k] == U'公' && u[k + 1] == U'安') u[k + 2] = U'局';
  if (u.size() >= 2 && u[u.size() - 2] == U'分') u.back() = U'局';
  return u32_to_utf8(u);
}

const std::vector<std::string>& id_issuing_authorities() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    const RegionTable& table = RegionTable::get();
    for (const auto& code : table.county_codes())
      if (const auto r = table.lookup(code); r && !r->county.empty()) out.push_back(id_issuing_authority(*r));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return all;
}

const std::vector<std::string>& ethnicities() {
  static const std::vector<std::string> names = [] {
    const std::filesystem::path file = "data/ethnicities.json";
    const json doc = load_data_file(file);
    check_keys(doc, {"coverage", "ethnicities"}, {"ethnicities"}, file.string());
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& e : doc.at("ethnicities")) {
      check_keys(e, {"code", "name"}, {"code", "name"}, file.string() + ": ethnicities entry");
      const std::string name = e.at("name").get<std::string>();
      if (!seen.insert(name).second) fail(file, "ethnicity \"" + name + "\" listed twice");
      out.push_back(name);
    }
    return out;
  }();
  return names;
}

bool is_ethnicity(std::string_view name) {
  constexpr std::string_view kZu = "族";
  if (name.size() > kZu.size() && name.substr(name.size() - kZu.size()) == kZu) {
    name.remove_suffix(kZu.size());
  }
  for (const auto& e : ethnicities()) {
    if (e == name) return true;
  }
  return false;
}

}  // namespace beian::validators
