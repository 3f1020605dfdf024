// Loading limits, website-name, domain, cloud-resource and filing-type tables, and caching
// the whole set per data folder.
#include "pipeline/rules/rule_tables.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "ocr/validators/regions.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/text.h"
#include "pipeline/rules/table_reader.h"

namespace beian::rules {

// ---- table_reader.h

const nlohmann::json& array_member(const nlohmann::json& object, const std::string& key, const std::string& where) {
  if (!object.contains(key)) throw std::runtime_error(where + ": missing key '" + key + "'");
  const auto& a = object.at(key);
  if (!a.is_array()) throw std::runtime_error(where + ": '" + key + "' must be an array");
  return a;
}

std::string province_name(const std::string& text, const std::string& where) {
  const Province* p = find_province(text);
  if (!p) throw std::runtime_error(where + ": unknown province '" + text + "'");
  return p->name;
}

FilingType filing_type(const std::string& text, const std::string& where) {
  auto t = parse_filing_type(text);
  if (!t) throw std::runtime_error(where + ": unknown filing type '" + text + "'");
  return *t;
}

DocumentType document_type(const std::string& id, const std::string& where) {
  auto t = parse_document_type(id);
  if (!t) throw std::runtime_error(where + ": unknown document type '" + id + "'");
  return *t;
}

Date date_value(const std::string& text, const std::string& where) {
  auto d = Date::parse(text);
  if (!d) throw std::runtime_error(where + ": '" + text + "' is not a date (YYYY-MM-DD)");
  return *d;
}

std::vector<std::string> normalized(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& w : words) out.push_back(normalize_for_compare(w));
  return out;
}

namespace {

void longest_first(std::vector<std::string>& words) {
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
}

std::vector<Word> word_list(const nlohmann::json& doc, const std::string& key, const std::string& file) {
  std::vector<Word> out;
  const auto& rows = array_member(doc, key, at(file, ""));
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string w = at(file, "/" + key + "/" + std::to_string(i));
    check_keys(rows[i], {"word", "source"}, {"word", "source"}, w);
    Word word{get_value<std::string>(rows[i], "word", w), "", get_value<std::string>(rows[i], "source", w)};
    word.key = normalize_for_compare(word.word);
    if (word.key.empty()) throw std::runtime_error(w + ": empty word");
    out.push_back(std::move(word));
  }
  return out;
}

Need need_value(const nlohmann::json& row, const std::string& key, const std::string& where) {
  const std::string v = get_value<std::string>(row, key, where);
  if (v == "required") return Need::kRequired;
  if (v == "forbidden") return Need::kForbidden;
  if (v == "optional") return Need::kOptional;
  throw std::runtime_error(where + ": '" + key + "' must be required, forbidden or optional, found '" + v + "'");
}

}  // namespace

Limits load_limits() {
  const std::string file = "rules/limits.json";
  const auto doc = load_data_file(file);
  check_keys(doc, {"_source", "limits"}, {"limits"}, at(file, ""));
  const auto& limits = doc.at("limits");
  const std::string lw = at(file, "/limits");
  check_keys(limits,
             {"websites_per_order", "domains_per_website", "orders_in_progress", "subjects_per_account",
              "website_name_min_chars", "document_min_valid_months", "mismatch_min_read_confidence",
              "mismatch_review_max_edits"},
             {"websites_per_order", "domains_per_website", "orders_in_progress", "subjects_per_account",
              "website_name_min_chars", "document_min_valid_months", "mismatch_min_read_confidence",
              "mismatch_review_max_edits"},
             lw);
  Limits out;
  auto read = [&](const char* name, int* value) {
    const std::string w = at(file, std::string("/limits/") + name);
    const auto& row = limits.at(name);
    check_keys(row, {"value", "source"}, {"value", "source"}, w);
    *value = get_value<int>(row, "value", w);
    if (*value < 0) throw std::runtime_error(w + ": 'value' must not be negative");
    out.sources[name] = get_value<std::string>(row, "source", w);
  };
  read("websites_per_order", &out.websites_per_order);
  read("domains_per_website", &out.domains_per_website);
  read("orders_in_progress", &out.orders_in_progress);
  read("subjects_per_account", &out.subjects_per_account);
  read("website_name_min_chars", &out.website_name_min_chars);
  read("document_min_valid_months", &out.document_min_valid_months);
  read("mismatch_review_max_edits", &out.mismatch_review_max_edits);
  {
    const std::string w = at(file, "/limits/mismatch_min_read_confidence");
    const auto& row = limits.at("mismatch_min_read_confidence");
    check_keys(row, {"value", "source"}, {"value", "source"}, w);
    out.mismatch_min_read_confidence = get_value<double>(row, "value", w);
    if (out.mismatch_min_read_confidence < 0 || out.mismatch_min_read_confidence > 1)
      throw std::runtime_error(w + ": 'value' must be a confidence between 0 and 1");
    out.sources["mismatch_min_read_confidence"] = get_value<std::string>(row, "source", w);
  }
  return out;
}

NameTables load_name_tables() {
  const std::string file = "rules/website_names.json";
  const auto doc = load_data_file(file);
  check_keys(doc,
             {"_source", "restricted_prefixes", "national_unit_name_prefixes", "sensitive_words", "allowed_symbols",
              "personal_forbidden_words", "extra_place_names", "unit_name_generic_words", "personal_name_as_website"},
             {"restricted_prefixes", "national_unit_name_prefixes", "sensitive_words", "allowed_symbols",
              "personal_forbidden_words", "extra_place_names", "unit_name_generic_words", "personal_name_as_website"},
             at(file, ""));
  NameTables out;
  out.restricted_prefixes = word_list(doc, "restricted_prefixes", file);
  out.sensitive_words = word_list(doc, "sensitive_words", file);
  out.personal_forbidden_words = word_list(doc, "personal_forbidden_words", file);

  auto listed = [&](const char* key, const char* list_key, std::initializer_list<std::string_view> extra = {}) {
    const std::string w = at(file, std::string("/") + key);
    const auto& obj = doc.at(key);
    std::vector<std::string_view> allowed = {list_key, "source"};
    allowed.insert(allowed.end(), extra.begin(), extra.end());
    // check_keys takes initializer lists; check the members by hand to allow `extra`.
    if (!obj.is_object()) throw std::runtime_error(w + ": expected an object");
    for (const auto& [k, v] : obj.items())
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        throw std::runtime_error(w + ": unknown key '" + k + "'");
    if (!obj.contains("source")) throw std::runtime_error(w + ": missing key 'source'");
    return get_value<std::vector<std::string>>(obj, list_key, w);
  };
  out.national_unit_name_prefixes = normalized(listed("national_unit_name_prefixes", "words"));
  for (const auto& s : listed("allowed_symbols", "symbols")) out.allowed_symbols += utf8_to_u32(s);
  out.personal_name_suffixes = normalized(listed("personal_name_as_website", "suffixes"));
  longest_first(out.personal_name_suffixes);
  out.generic_words = normalized(listed("unit_name_generic_words", "words", {"min_shared_chars"}));
  longest_first(out.generic_words);
  out.min_shared_chars = get_value<int>(doc.at("unit_name_generic_words"), "min_shared_chars",
                                        at(file, "/unit_name_generic_words"));
  if (out.min_shared_chars < 1)
    throw std::runtime_error(at(file, "/unit_name_generic_words/min_shared_chars") + ": must be at least 1");

  // Place names: the province names, the prefectures named in data/regions.json and the extras.
  std::vector<std::string> places = normalized(listed("extra_place_names", "names"));
  const auto& regions = validators::RegionTable::get();
  for (const auto& p : regions.provinces()) {
    places.push_back(normalize_for_compare(p.name));
    places.push_back(normalize_for_compare(p.short_name));
  }
  for (const auto& code : regions.county_codes())
    if (auto r = regions.lookup(code); r && !r->prefecture.empty()) {
      places.push_back(normalize_for_compare(r->prefecture));
      const std::u32string u = utf8_to_u32(r->prefecture);
      if (u.size() > 2 && u.back() == U'市') places.push_back(normalize_for_compare(u32_to_utf8(u.substr(0, u.size() - 1))));
    }
  longest_first(places);
  out.place_names = std::move(places);
  return out;
}

DomainTables load_domain_tables() {
  const std::string file = "rules/domains.json";
  const auto doc = load_data_file(file);
  check_keys(doc, {"_source", "filable_suffixes", "restricted_suffixes"}, {"filable_suffixes", "restricted_suffixes"},
             at(file, ""));
  DomainTables out;
  const std::string fw = at(file, "/filable_suffixes");
  check_keys(doc.at("filable_suffixes"), {"suffixes", "source"}, {"suffixes", "source"}, fw);
  for (const auto& s : get_value<std::vector<std::string>>(doc.at("filable_suffixes"), "suffixes", fw)) {
    if (s.empty() || s.front() == '.') throw std::runtime_error(fw + ": suffix '" + s + "' must be written without a leading dot");
    if (!out.filable_suffixes.insert(s).second) throw std::runtime_error(fw + ": suffix '" + s + "' is listed twice");
  }
  const auto& rows = array_member(doc, "restricted_suffixes", at(file, ""));
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string w = at(file, "/restricted_suffixes/" + std::to_string(i));
    check_keys(rows[i], {"suffix", "natures", "source"}, {"suffix", "natures", "source"}, w);
    RestrictedSuffix r{get_value<std::string>(rows[i], "suffix", w), get_value<std::vector<std::string>>(rows[i], "natures", w),
                       get_value<std::string>(rows[i], "source", w)};
    if (!out.filable_suffixes.count(r.suffix))
      throw std::runtime_error(w + ": suffix '" + r.suffix + "' is not in filable_suffixes");
    out.restricted.push_back(std::move(r));
  }
  return out;
}

CloudTables load_cloud_tables() {
  const std::string file = "rules/cloud_resources.json";
  const auto doc = load_data_file(file);
  check_keys(doc, {"_source", "kinds", "auth_code", "instance_id_prefixes", "no_auth_code_kinds"},
             {"kinds", "auth_code", "instance_id_prefixes", "no_auth_code_kinds"}, at(file, ""));
  CloudTables out;
  const auto& kinds = doc.at("kinds");
  check_keys(kinds, {"cvm", "lighthouse", "serverless", "clb", "auth_code"},
             {"cvm", "lighthouse", "serverless", "clb", "auth_code"}, at(file, "/kinds"));
  for (const auto& [name, row] : kinds.items()) {
    const std::string w = at(file, "/kinds/" + name);
    check_keys(row, {"billing", "min_purchased_months", "min_remaining_months", "requirement_zh", "requirement_en", "source"},
               {"billing", "min_purchased_months", "min_remaining_months", "requirement_zh", "requirement_en", "source"}, w);
    CloudKind k;
    k.billing = get_value<std::vector<std::string>>(row, "billing", w);
    for (const auto& b : k.billing)
      if (b != "monthly" && b != "postpaid") throw std::runtime_error(w + ": unknown billing mode '" + b + "'");
    k.min_purchased_months = get_value<int>(row, "min_purchased_months", w);
    k.min_remaining_months = get_value<int>(row, "min_remaining_months", w);
    k.requirement_zh = get_value<std::string>(row, "requirement_zh", w);
    k.requirement_en = get_value<std::string>(row, "requirement_en", w);
    k.source = get_value<std::string>(row, "source", w);
    out.kinds[name] = std::move(k);
  }
  const std::string aw = at(file, "/auth_code");
  check_keys(doc.at("auth_code"), {"usable_statuses", "known_statuses", "source"}, {"usable_statuses", "known_statuses", "source"}, aw);
  out.usable_statuses = get_value<std::vector<std::string>>(doc.at("auth_code"), "usable_statuses", aw);
  out.known_statuses = get_value<std::vector<std::string>>(doc.at("auth_code"), "known_statuses", aw);
  out.auth_code_source = get_value<std::string>(doc.at("auth_code"), "source", aw);
  for (const auto& s : out.usable_statuses)
    if (std::find(out.known_statuses.begin(), out.known_statuses.end(), s) == out.known_statuses.end())
      throw std::runtime_error(aw + ": usable status '" + s + "' is not in known_statuses");
  for (const auto& [kind, prefixes] : doc.at("instance_id_prefixes").items()) {
    const std::string w = at(file, "/instance_id_prefixes/" + kind);
    if (!out.kinds.count(kind)) throw std::runtime_error(w + ": unknown cloud resource kind '" + kind + "'");
    out.instance_id_prefixes[kind] = get_value<std::vector<std::string>>(doc.at("instance_id_prefixes"), kind, at(file, "/instance_id_prefixes"));
  }
  const std::string nw = at(file, "/no_auth_code_kinds");
  check_keys(doc.at("no_auth_code_kinds"), {"kinds", "source"}, {"kinds", "source"}, nw);
  out.no_auth_code_kinds = get_value<std::vector<std::string>>(doc.at("no_auth_code_kinds"), "kinds", nw);
  for (const auto& k : out.no_auth_code_kinds)
    if (!out.kinds.count(k)) throw std::runtime_error(nw + ": unknown cloud resource kind '" + k + "'");
  return out;
}

std::map<FilingType, FilingTypeRule> load_filing_types() {
  const std::string file = "rules/filing_types.json";
  const auto doc = load_data_file(file);
  check_keys(doc, {"_source", "types"}, {"types"}, at(file, ""));
  std::map<FilingType, FilingTypeRule> out;
  for (const auto& [name, row] : doc.at("types").items()) {
    const std::string w = at(file, "/types/" + name);
    const FilingType t = filing_type(name, w);
    check_keys(row, {"website_rules", "websites", "subject_icp", "website_icp", "cloud_resource", "materials", "source"},
               {"website_rules", "websites", "subject_icp", "website_icp", "cloud_resource", "materials", "source"}, w);
    FilingTypeRule r;
    r.website_rules = get_value<bool>(row, "website_rules", w);
    r.websites = need_value(row, "websites", w);
    r.subject_icp = need_value(row, "subject_icp", w);
    r.website_icp = need_value(row, "website_icp", w);
    r.cloud_resource = need_value(row, "cloud_resource", w);
    r.materials = get_value<bool>(row, "materials", w);
    r.source = get_value<std::string>(row, "source", w);
    out[t] = std::move(r);
  }
  for (auto t : {FilingType::kFirstFiling, FilingType::kAccessFiling, FilingType::kNewWebsite, FilingType::kChangeSubject,
                 FilingType::kChangeWebsite, FilingType::kChangeAccess, FilingType::kCancelSubject,
                 FilingType::kCancelWebsite, FilingType::kCancelAccess})
    if (!out.count(t)) throw std::runtime_error(at(file, "/types") + ": missing filing type '" + std::string(to_string(t)) + "'");
  return out;
}

RuleTables RuleTables::load() {
  RuleTables t;
  t.limits = load_limits();
  t.names = load_name_tables();
  t.domains = load_domain_tables();
  t.cloud = load_cloud_tables();
  t.filing_types = load_filing_types();
  t.materials = load_material_tables();
  t.pre_approvals = load_pre_approval_tables();
  t.provinces = load_province_tables();
  return t;
}

std::shared_ptr<const RuleTables> RuleTables::current() {
  static std::mutex mutex;
  static std::filesystem::path loaded_from;
  static std::shared_ptr<const RuleTables> tables;
  std::lock_guard lock(mutex);
  const auto dir = data_dir();
  if (!tables || dir != loaded_from) {
    tables = std::make_shared<const RuleTables>(load());
    loaded_from = dir;
  }
  return tables;
}

}  // namespace beian::rules
