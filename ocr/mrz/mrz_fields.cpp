#include "ocr/mrz/mrz_fields.h"

#include <algorithm>

#include "ocr/validators/mrz.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

MrzFieldSettings load() {
  const auto file = load_data_file("ocr/mrz.json");
  const std::string where = "templates/ocr/mrz.json fields";
  if (!file.contains("fields")) throw std::runtime_error("templates/ocr/mrz.json: missing key 'fields'");
  const auto& j = file.at("fields");
  check_keys(j, {"verified", "repaired", "composite_failed", "unchecked_floor", "unchecked_full", "min_months_left"},
             {"verified", "repaired", "composite_failed", "unchecked_floor", "unchecked_full", "min_months_left"}, where);
  MrzFieldSettings s;
  s.verified = get_value<double>(j, "verified", where);
  s.repaired = get_value<double>(j, "repaired", where);
  s.composite_failed = get_value<double>(j, "composite_failed", where);
  s.unchecked_floor = get_value<double>(j, "unchecked_floor", where);
  s.unchecked_full = get_value<double>(j, "unchecked_full", where);
  s.min_months_left = get_value<int>(j, "min_months_left", where);
  return s;
}

FieldValue missing(const std::string& reason) {
  FieldValue v;
  v.missing_reason = reason;
  return v;
}

}  // namespace

const MrzFieldSettings& mrz_field_settings() {
  static const MrzFieldSettings s = load();
  return s;
}

FieldValue checked_field(const MrzZone& zone, const std::string& check, const std::string& value) {
  const auto& s = mrz_field_settings();
  const auto& d = zone.decoding;
  if (!d.check_ok(check)) return missing("its check digit in the machine-readable zone does not match");
  if (value.empty()) return missing("the machine-readable zone leaves it empty");
  FieldValue v;
  v.value = value;
  v.confidence = d.repaired(check) ? s.repaired : s.verified;
  if (!d.check_ok("composite")) v.confidence = std::min(v.confidence, s.composite_failed);
  return v;
}

FieldValue unchecked_field(const MrzZone& zone, int line, int begin, int end, const std::string& value) {
  const auto& s = mrz_field_settings();
  if (value.empty()) return missing("the machine-readable zone leaves it empty");
  const double score = zone.decoding.min_score(line, begin, end);
  FieldValue v;
  v.value = value;
  v.confidence = s.verified * std::clamp((score - s.unchecked_floor) / (s.unchecked_full - s.unchecked_floor), 0.0, 1.0);
  if (v.confidence <= 0.05) return missing("characters of the machine-readable zone are unreadable");
  return v;
}

FieldValue mrz_date_field(const MrzZone& zone, const std::string& check, const std::string& yymmdd, bool birth,
                          const Date& today) {
  const auto date = birth ? validators::mrz_birth_date(yymmdd, today) : validators::mrz_expiry_date(yymmdd, today);
  if (!date && zone.decoding.check_ok(check)) return missing("the machine-readable zone holds no calendar date");
  return checked_field(zone, check, date ? date->to_string() : "");
}

std::vector<Finding> mrz_zone_findings(const MrzZone& zone, const std::string& file,
                                       const std::vector<std::pair<std::string, std::string>>& labels) {
  std::vector<Finding> out;
  const auto& d = zone.decoding;
  auto label = [&](const std::string& check) {
    for (const auto& [c, l] : labels)
      if (c == check) return l;
    return check;
  };
  const bool field_failed = std::any_of(d.failed_checks.begin(), d.failed_checks.end(),
                                        [](const std::string& c) { return c != "composite"; });
  for (const auto& check : d.failed_checks) {
    if (check == "composite" && field_failed) continue;  // implied by the field's own failure
    out.push_back(make_finding("MRZ_CHECK_FAILED", {{"label", label(check)}}, file, check == "composite" ? "" : check));
  }
  if (d.repaired_chars > 0) {
    std::string fields;
    for (const auto& c : d.repaired_checks) fields += (fields.empty() ? "" : ", ") + label(c);
    out.push_back(make_finding("MRZ_REPAIRED", {{"count", std::to_string(d.repaired_chars)}, {"fields", fields}}, file));
  }
  return out;
}

std::vector<Finding> expiry_findings(const DocumentResult& result, const Date& today) {
  std::vector<Finding> out;
  const FieldValue* expiry = result.field("expiry_date");
  if (!expiry || !expiry->present()) return out;
  const auto date = Date::parse(expiry->value);
  if (!date) return out;
  const int months = mrz_field_settings().min_months_left;
  const Evidence evidence{{"document", std::string(display_name_zh(result.type))},
                          {"expiry_date", date->to_string()},
                          {"months", std::to_string(months)}};
  if (*date < today)
    out.push_back(make_finding("DOC_EXPIRED", evidence, result.file, "expiry_date"));
  else if (*date < today.add_months(months))
    out.push_back(make_finding("DOC_EXPIRING", evidence, result.file, "expiry_date"));
  return out;
}

void mark_zone_missing(DocumentResult& result, const std::vector<std::string>& fields, const std::string& reason) {
  for (const auto& f : fields) result.set_field(f, missing("no readable machine-readable zone"));
  result.findings.push_back(make_finding(
      "MRZ_NOT_FOUND", {{"document", std::string(display_name_zh(result.type))}, {"reason", reason}}, result.file));
}

}  // namespace beian::ocr
