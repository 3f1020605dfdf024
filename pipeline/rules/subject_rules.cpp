// The subject and the people in the manifest (seed 001 备案材料, seed 002 步骤3/步骤4;
// materials.json): the unit's nature and certificate fit (seed 001's table) and the
// certificate number has its format; an individual subject is its own owner; every person
// holds an accepted identity document with a well-formed number and has a mobile phone and
// an e-mail; a unit's subject owner is its legal representative unless the province allows
// otherwise (province-rules.md national baseline; subject_owner_may_differ rows).
#include <algorithm>
#include <regex>

#include "ocr/validators/credit_code.h"
#include "ocr/validators/id_number.h"
#include "ocr/validators/mrz.h"
#include "pipeline/base/mask.h"
#include "pipeline/base/text.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

std::string compact_upper(const std::string& text) {
  std::string out;
  for (char c : id_key(text))
    if (c != ' ' && c != '-') out += c;
  return out;
}

// Why `number` does not have `format`, or "" when it does (English, for the evidence).
std::string number_problem(NumberFormat format, const std::string& number, const Date& today) {
  const std::string n = compact_upper(number);
  switch (format) {
    case NumberFormat::kUscc:
      return validators::is_valid_uscc(n) ? "" : "not a valid unified social credit code (GB 32100 check failed)";
    case NumberFormat::kUsccOrRegistration:
      return validators::is_valid_uscc(n) || validators::is_valid_registration_number(n)
                 ? ""
                 : "neither a valid unified social credit code nor a valid 15-digit registration number";
    case NumberFormat::kOrgCode:
      return validators::is_valid_org_code(n) || validators::is_valid_uscc(n) ? "" : "not a valid organisation code (GB 11714)";
    case NumberFormat::kResidentId: {
      const auto check = validators::check_id_number(n, today);
      return check.ok() ? "" : "resident ID number: " + std::string(validators::to_string(check.error));
    }
    case NumberFormat::kHkMacauPermit:
      return validators::is_hk_macau_permit_number(n) ? "" : "not H/M + 8 digits (港澳居民来往内地通行证)";
    case NumberFormat::kTaiwanPermit:
      return validators::is_taiwan_permit_number(n) ? "" : "not 8 digits (台湾居民来往大陆通行证)";
    case NumberFormat::kPassport: {
      static const std::regex re("^[A-Z0-9]{5,20}$");
      return std::regex_match(n, re) ? "" : "not 5-20 letters or digits";
    }
  }
  return {};
}

bool valid_mobile(const std::string& phone) {
  std::string digits;
  for (char c : to_halfwidth(phone))
    if (c != ' ' && c != '-') digits += c;
  if (digits.rfind("+86", 0) == 0) digits.erase(0, 3);
  else if (digits.size() == 13 && digits.rfind("86", 0) == 0) digits.erase(0, 2);
  static const std::regex re("^1[3-9][0-9]{9}$");
  return std::regex_match(digits, re);
}

bool valid_email(const std::string& email) {
  static const std::regex re(R"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)");
  return std::regex_match(trim(email), re);
}

std::string accepted_id_types(const MaterialTables& m) {
  std::string out;
  for (const auto& i : m.identities) out += (out.empty() ? "" : "、") + i.id_type;
  return out;
}

void check_person(RuleContext& ctx, const Person& p) {
  const std::string pointer = ctx.pointer_of(p);
  const Identity* identity = ctx.tables.materials.identity(p.id_type);
  if (!identity) {
    ctx.add("PERSON_ID_TYPE_NOT_ACCEPTED", {{"person", p.name}, {"id_type", p.id_type}, {"accepted", accepted_id_types(ctx.tables.materials)}},
            pointer + "/id_type");
  } else if (auto problem = number_problem(identity->number, p.id_number, ctx.today); !problem.empty()) {
    ctx.add("PERSON_ID_NUMBER_INVALID",
            {{"person", p.name}, {"id_type", identity->id_type}, {"id_number", mask_id_number(p.id_number)}, {"reason", problem}},
            pointer + "/id_number");
  }
  std::string missing;
  if (trim(p.phone).empty()) missing = "phone";
  else if (!valid_mobile(p.phone)) ctx.add("PERSON_PHONE_INVALID", {{"person", p.name}, {"phone", mask_phone(p.phone)}}, pointer + "/phone");
  if (trim(p.email).empty()) missing += missing.empty() ? "email" : ", email";
  else if (!valid_email(p.email)) ctx.add("PERSON_EMAIL_INVALID", {{"person", p.name}, {"email", p.email}}, pointer + "/email");
  if (!missing.empty()) ctx.add("PERSON_CONTACT_MISSING", {{"person", p.name}, {"missing", missing}}, pointer);
}

void check_unit(RuleContext& ctx) {
  const Subject& s = ctx.order.subject;
  const MaterialTables& m = ctx.tables.materials;
  if (same_text(s.nature, m.individual_nature)) {
    ctx.add("SUBJECT_KIND_NATURE_CONFLICT", {{"kind", "unit"}, {"nature", s.nature}}, "/subject/nature");
    return;
  }
  const Nature* nature = m.nature(s.nature);
  if (!nature) {
    std::string known;
    for (const auto& n : m.natures) known += (known.empty() ? "" : "、") + n.nature;
    ctx.add("SUBJECT_NATURE_UNKNOWN", {{"nature", s.nature.empty() ? "(none)" : s.nature}, {"known", known}}, "/subject/nature");
  }
  const UnitCertificate* cert = m.certificate(s.certificate_type);
  if (!cert) {
    ctx.add("SUBJECT_CERTIFICATE_TYPE_UNKNOWN", {{"certificate_type", s.certificate_type}}, "/subject/certificate_type");
  } else {
    if (nature && std::find(nature->certificates.begin(), nature->certificates.end(), cert->name) == nature->certificates.end()) {
      std::string accepted;
      for (const auto& c : nature->certificates) accepted += (accepted.empty() ? "" : "、") + c;
      ctx.add("SUBJECT_CERTIFICATE_NOT_FOR_NATURE",
              {{"nature", nature->nature}, {"certificate_type", s.certificate_type}, {"accepted", accepted}, {"source", nature->source}},
              "/subject/certificate_type");
    }
    if (auto problem = number_problem(cert->number, s.certificate_number, ctx.today); !problem.empty())
      ctx.add("SUBJECT_CERTIFICATE_NUMBER_INVALID",
              {{"certificate_type", cert->name}, {"certificate_number", s.certificate_number}, {"reason", problem}},
              "/subject/certificate_number");
  }
  if (ctx.legal_representative().empty()) ctx.add("SUBJECT_LEGAL_REP_MISSING", {}, "/subject/legal_representative");
}

void check_individual(RuleContext& ctx) {
  const Subject& s = ctx.order.subject;
  const Person& owner = ctx.order.subject_owner;
  if (!s.nature.empty() && !same_text(s.nature, ctx.tables.materials.individual_nature))
    ctx.add("SUBJECT_KIND_NATURE_CONFLICT", {{"kind", "individual"}, {"nature", s.nature}}, "/subject/nature");
  if (!ctx.tables.materials.identity(s.certificate_type))
    ctx.add("SUBJECT_CERTIFICATE_TYPE_UNKNOWN", {{"certificate_type", s.certificate_type}}, "/subject/certificate_type");
  std::string differs;
  if (!same_text(s.name, owner.name)) differs = "name";
  if (id_key(s.certificate_number) != id_key(owner.id_number)) differs += differs.empty() ? "id_number" : ", id_number";
  if (!differs.empty())
    ctx.add("SUBJECT_INDIVIDUAL_OWNER_MISMATCH", {{"subject", s.name}, {"owner", owner.name}, {"differs", differs}}, "/subject_owner");
}

// A unit's subject owner should be its legal representative (national baseline); some
// provinces allow another person who must then also be every website's owner; provinces
// asking for an authorisation letter instead are judged by the province material rows.
void check_owner_is_legal_rep(RuleContext& ctx) {
  const Order& o = ctx.order;
  const std::string legal = ctx.legal_representative();
  if (legal.empty() || same_text(o.subject_owner.name, legal)) return;
  const auto may_differ = rows_for(ctx.tables.provinces.subject_owner_may_differ, o.province);
  if (!may_differ.empty()) {
    if (!may_differ.front()->must_equal_website_owner) return;
    for (size_t i = 0; i < o.websites.size(); ++i)
      if (id_key(o.websites[i].owner.id_number) != id_key(o.subject_owner.id_number))
        ctx.add("SUBJECT_OWNER_NOT_WEBSITE_OWNER",
                {{"owner", o.subject_owner.name}, {"website", o.websites[i].name}, {"website_owner", o.websites[i].owner.name},
                 {"province", o.province}, {"source", may_differ.front()->source}},
                "/websites/" + std::to_string(i) + "/owner");
    return;
  }
  for (const auto* row : rows_for(ctx.tables.provinces.materials, o.province))
    if (row->when.subject_owner_not_legal_rep) return;  // the province asks for an authorisation letter
  ctx.add("SUBJECT_OWNER_NOT_LEGAL_REP", {{"owner", o.subject_owner.name}, {"legal_representative", legal}}, "/subject_owner/name");
}

}  // namespace

void check_subject(RuleContext& ctx) {
  if (ctx.unit()) {
    check_unit(ctx);
    check_owner_is_legal_rep(ctx);
  } else {
    check_individual(ctx);
  }
  for (const Person* p : ctx.people()) check_person(ctx, *p);
}

}  // namespace beian::rules
