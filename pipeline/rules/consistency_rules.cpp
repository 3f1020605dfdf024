// Cross-document consistency: what the readers found in the uploads against the manifest
// (seed 002 步骤3: 主办单位名称/证件号码 must match the unit certificate; province-rules.md
// national baseline: 证件有效期≥3个月). Each rule fires only when the reader filled the
// fields it compares; nothing is guessed.
#include "pipeline/base/mask.h"
#include "pipeline/base/text.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

const FieldValue* field(const DocumentFacts& d, std::string_view name) {
  const FieldValue* v = d.result->field(name);
  return v && v->present() ? v : nullptr;
}

// "长期", "永久", "无固定期限" and similar never expire.
bool open_ended(const std::string& value) {
  for (const char* word : {"长期", "永久", "无固定期限", "不约定期限"})
    if (value.find(word) != std::string::npos) return true;
  return false;
}

// Reports an end of validity before the filing date (expired) or less than the minimum
// months after it.
void check_validity(RuleContext& ctx, const DocumentFacts& d, const char* field_name, const char* expired_code,
                    const char* soon_code, const std::string& holder) {
  const FieldValue* v = field(d, field_name);
  if (!v || open_ended(v->value)) return;
  const auto until = Date::parse(v->value);
  if (!until) return;  // unreadable dates are the reader's finding
  const int months = ctx.tables.limits.document_min_valid_months;
  const Date needed = ctx.today.add_months(months);
  Evidence e = {{"holder", holder}, {"valid_until", until->to_string()}, {"filing_date", ctx.today.to_string()},
                {"needed_until", needed.to_string()}, {"months", std::to_string(months)}};
  if (*until < ctx.today) ctx.add_for_file(expired_code, std::move(e), d.file, field_name);
  else if (*until < needed) ctx.add_for_file(soon_code, std::move(e), d.file, field_name);
}

void unit_certificate(RuleContext& ctx, const DocumentFacts& d) {
  const Subject& s = ctx.order.subject;
  if (const FieldValue* v = field(d, "name"); v && !same_text(v->value, s.name))
    ctx.add_for_file("CERTIFICATE_NAME_MISMATCH", {{"read", v->value}, {"manifest", s.name}}, d.file, "name");
  const FieldValue* code = field(d, "credit_code");
  if (code && id_key(code->value) != id_key(s.certificate_number))
    ctx.add_for_file("CERTIFICATE_NUMBER_MISMATCH", {{"read", code->value}, {"manifest", s.certificate_number}}, d.file, "credit_code");
  if (const FieldValue* qr = field(d, "qr_credit_code"); qr && code && id_key(qr->value) != id_key(code->value))
    ctx.add_for_file("CERTIFICATE_QR_MISMATCH", {{"printed", code->value}, {"qr", qr->value}}, d.file, "qr_credit_code");
  if (const FieldValue* v = field(d, "legal_representative");
      v && !s.legal_representative.empty() && !same_text(v->value, s.legal_representative))
    ctx.add_for_file("CERTIFICATE_LEGAL_REP_MISMATCH", {{"read", v->value}, {"manifest", s.legal_representative}}, d.file,
                     "legal_representative");
  for (const char* until : {"business_term_until", "valid_until"})
    check_validity(ctx, d, until, "CERTIFICATE_EXPIRED_AT_FILING", "CERTIFICATE_EXPIRES_SOON", s.name);
}

// The name printed on a personal document, in the form the manifest would write it.
std::string printed_name(const DocumentFacts& d) {
  if (d.result->type == DocumentType::kPassport) {
    const FieldValue* surname = field(d, "surname");
    const FieldValue* given = field(d, "given_names");
    if (!surname) return {};
    return surname->value + (given ? " " + given->value : "");
  }
  const FieldValue* v = field(d, "name");
  return v ? v->value : std::string();
}

bool has_latin(const std::string& s) {
  for (unsigned char c : s)
    if (std::isalpha(c)) return true;
  return false;
}

void personal_document(RuleContext& ctx, const DocumentFacts& d) {
  const DocumentType type = d.result->type;
  const bool legal_rep_doc = d.person == "legal_representative";
  const Person* p = legal_rep_doc ? nullptr : ctx.person_of(d);
  const std::string expected_name = p ? p->name : legal_rep_doc ? ctx.legal_representative() : std::string();
  const std::string holder = expected_name.empty() ? d.file : expected_name;

  if (!expected_name.empty()) {
    const std::string read = printed_name(d);
    // A passport's Latin name is compared only with a Latin name in the manifest.
    const bool comparable = type != DocumentType::kPassport || has_latin(expected_name);
    if (!read.empty() && comparable && !same_text(read, expected_name))
      ctx.add_for_file("ID_NAME_MISMATCH", {{"person", expected_name}, {"read", read}}, d.file,
                       type == DocumentType::kPassport ? "surname" : "name");
  }
  if (p) {
    const char* number_field = type == DocumentType::kIdFront ? "id_number" : "document_number";
    if (const FieldValue* v = field(d, number_field); v && id_key(v->value) != id_key(p->id_number))
      ctx.add_for_file("ID_NUMBER_MISMATCH",
                       {{"person", p->name}, {"read", mask_id_number(id_key(v->value))}, {"manifest", mask_id_number(id_key(p->id_number))}},
                       d.file, number_field);
  }
  const char* until = type == DocumentType::kIdBack ? "valid_until" : "expiry_date";
  check_validity(ctx, d, until, "ID_EXPIRED_AT_FILING", "ID_EXPIRES_SOON", holder);
}

}  // namespace

void check_consistency(RuleContext& ctx) {
  for (const auto& d : ctx.documents) {
    if (!d.result) continue;
    if (is_unit_certificate(d.result->type) && ctx.unit()) unit_certificate(ctx, d);
    else if (is_personal_document(d.result->type)) personal_document(ctx, d);
  }
}

}  // namespace beian::rules
