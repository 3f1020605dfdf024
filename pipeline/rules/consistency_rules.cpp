// Cross-document consistency: what the readers found in the uploads against the manifest
// (seed 002 步骤3: 主办单位名称/证件号码 must match the unit certificate; province-rules.md
// national baseline: 证件有效期≥3个月). Each rule fires only when the reader filled the
// fields it compares; nothing is guessed.
#include <algorithm>
#include <cstdio>
#include <optional>

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

std::string two_decimals(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// A reading that differs from the manifest. A confident reading (limits.json
// mismatch_min_read_confidence: two independent OCR passes agreeing on a valid value) raises
// `code`, an error. A less confident one may be the reader's mistake, not the applicant's (a
// misread 远 as 迁 must not block a correct order), so it asks a reviewer to compare by eye.
//
// For names (`is_name`) a reading within limits.json mismatch_review_max_edits characters of
// the manifest also asks for review: Tesseract's character confidence does not separate a
// rare character misread (远 → 迁, a stray 了) from a right one, and one character apart is as
// likely a misreading as a typo; only a reviewer's eye can tell. Numbers are guarded by their
// check characters instead, so for them only the confidence counts.
void mismatch(RuleContext& ctx, const char* code, Evidence evidence, const DocumentFacts& d, const char* field_name,
              const FieldValue& read, const std::string& read_text, const std::string& expected_text,
              bool is_name = false) {
  const bool near_miss = is_name && edit_distance(normalize_for_compare(read_text), normalize_for_compare(expected_text)) <=
                                        ctx.tables.limits.mismatch_review_max_edits;
  if (read.confidence >= ctx.tables.limits.mismatch_min_read_confidence && !near_miss) {
    ctx.add_for_file(code, std::move(evidence), d.file, field_name);
    return;
  }
  ctx.add_for_file("READ_MISMATCH_UNCERTAIN",
                   {{"rule", code}, {"field", field_name}, {"read", read_text}, {"expected", expected_text},
                    {"read_confidence", two_decimals(read.confidence)}},
                   d.file, field_name);
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
    mismatch(ctx, "CERTIFICATE_NAME_MISMATCH", {{"read", v->value}, {"manifest", s.name}}, d, "name", *v, v->value, s.name,
             true);
  const FieldValue* code = field(d, "credit_code");
  if (code && id_key(code->value) != id_key(s.certificate_number))
    mismatch(ctx, "CERTIFICATE_NUMBER_MISMATCH", {{"read", code->value}, {"manifest", s.certificate_number}}, d,
             "credit_code", *code, code->value, s.certificate_number);
  // The QR code is decoded, not OCR'd: the printed code's confidence is the one that counts.
  if (const FieldValue* qr = field(d, "qr_credit_code"); qr && code && id_key(qr->value) != id_key(code->value))
    mismatch(ctx, "CERTIFICATE_QR_MISMATCH", {{"printed", code->value}, {"qr", qr->value}}, d, "qr_credit_code", *code,
             code->value, qr->value);
  if (const FieldValue* v = field(d, "legal_representative");
      v && !s.legal_representative.empty() && !same_text(v->value, s.legal_representative))
    mismatch(ctx, "CERTIFICATE_LEGAL_REP_MISMATCH", {{"read", v->value}, {"manifest", s.legal_representative}}, d,
             "legal_representative", *v, v->value, s.legal_representative, true);
  for (const char* until : {"business_term_until", "valid_until"})
    check_validity(ctx, d, until, "CERTIFICATE_EXPIRED_AT_FILING", "CERTIFICATE_EXPIRES_SOON", s.name);
}

// The name printed on a personal document, in the form the manifest would write it, with
// the confidence of its least sure part.
std::optional<FieldValue> printed_name(const DocumentFacts& d) {
  if (d.result->type == DocumentType::kPassport) {
    const FieldValue* surname = field(d, "surname");
    const FieldValue* given = field(d, "given_names");
    if (!surname) return std::nullopt;
    FieldValue name = *surname;
    if (given) {
      name.value += " " + given->value;
      name.confidence = std::min(name.confidence, given->confidence);
    }
    return name;
  }
  const FieldValue* v = field(d, "name");
  return v ? std::optional<FieldValue>(*v) : std::nullopt;
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
    const auto read = printed_name(d);
    // A passport's Latin name is compared only with a Latin name in the manifest.
    const bool comparable = type != DocumentType::kPassport || has_latin(expected_name);
    if (read && comparable && !same_text(read->value, expected_name))
      mismatch(ctx, "ID_NAME_MISMATCH", {{"person", expected_name}, {"read", read->value}}, d,
               type == DocumentType::kPassport ? "surname" : "name", *read, read->value, expected_name, true);
  }
  if (p) {
    const char* number_field = type == DocumentType::kIdFront ? "id_number" : "document_number";
    if (const FieldValue* v = field(d, number_field); v && id_key(v->value) != id_key(p->id_number)) {
      const std::string read = mask_id_number(id_key(v->value)), manifest = mask_id_number(id_key(p->id_number));
      mismatch(ctx, "ID_NUMBER_MISMATCH", {{"person", p->name}, {"read", read}, {"manifest", manifest}}, d,
               number_field, *v, read, manifest);
    }
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
