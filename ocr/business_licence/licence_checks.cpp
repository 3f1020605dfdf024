#include "ocr/business_licence/licence_checks.h"

#include "ocr/validators/credit_code.h"
#include "ocr/validators/regions.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

std::string document(const DocumentResult& r) { return std::string(display_name_zh(r.type)); }

std::string reason_zh(validators::UsccError e) {
  switch (e) {
    case validators::UsccError::kFormat: return "应为 18 位数字或大写字母（不含 I、O、Z、S、V）";
    case validators::UsccError::kCheckChar: return "第 18 位校验码不符";
    case validators::UsccError::kOrgCode: return "其中的组织机构代码校验不符";
    case validators::UsccError::kOk: break;
  }
  return "";
}

}  // namespace

std::vector<Finding> check_unit_code(const DocumentResult& r, const std::string& field, const std::string& label) {
  const FieldValue* v = r.field(field);
  if (!v || !v->present()) return {};
  return check_code_reading(r, v->value, field, label);
}

std::vector<Finding> check_code_reading(const DocumentResult& r, const std::string& code, const std::string& field,
                                        const std::string& label) {
  std::vector<Finding> out;
  if (code.size() == 15 && r.type == DocumentType::kBusinessLicence) {
    const bool ok = validators::is_valid_registration_number(code);
    out.push_back(make_finding(ok ? "LICENCE_REGISTRATION_NUMBER" : "LICENCE_CREDIT_CODE_INVALID",
                               ok ? Evidence{{"number", code}, {"check", "通过"}}
                                  : Evidence{{"code", code}, {"reason", "15 位注册号校验位不符"}},
                               r.file, field));
    return out;
  }
  const auto check = validators::check_uscc(code);
  if (check.ok()) return out;
  if (r.type == DocumentType::kBusinessLicence)
    out.push_back(make_finding("LICENCE_CREDIT_CODE_INVALID", {{"code", code}, {"reason", reason_zh(check.error)}}, r.file, field));
  else
    out.push_back(make_finding("CERT_CODE_INVALID",
                               {{"document", document(r)}, {"label", label}, {"code", code}, {"reason", reason_zh(check.error)}},
                               r.file, field));
  return out;
}

std::vector<Finding> check_term(const DocumentResult& r, const std::string& until, const Date& today) {
  std::vector<Finding> out;
  const FieldValue* v = r.field(until);
  if (!v || !v->present()) return out;
  const auto date = Date::parse(v->value);
  if (date && *date < today)
    out.push_back(make_finding("LICENCE_EXPIRED", {{"document", document(r)}, {"until", date->to_string()}}, r.file, until));
  return out;
}

std::vector<Finding> check_code_region(const DocumentResult& r) {
  std::vector<Finding> out;
  const FieldValue* code = r.field("credit_code");
  const FieldValue* address = r.field("address");
  if (!code || !address || !code->present() || !address->present()) return out;
  const auto check = validators::check_uscc(code->value);
  if (!check.ok() || !check.parts) return out;
  const auto& regions = validators::RegionTable::get();
  const auto* code_province = regions.province(check.parts->region);
  if (!code_province) return out;
  // The province the address starts with (full or short name), if any.
  const validators::Province* address_province = nullptr;
  for (const auto& p : regions.provinces())
    if (address->value.rfind(p.name, 0) == 0 || (!p.short_name.empty() && address->value.rfind(p.short_name, 0) == 0))
      address_province = &p;
  if (address_province && address_province->code != code_province->code)
    out.push_back(make_finding("LICENCE_REGION_MISMATCH",
                               {{"code_province", code_province->name}, {"address_province", address_province->name}},
                               r.file, "address"));
  return out;
}

}  // namespace beian::ocr
