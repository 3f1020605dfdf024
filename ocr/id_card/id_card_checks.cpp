#include "ocr/id_card/id_card_checks.h"

#include <optional>
#include <string>

#include "ocr/validators/id_number.h"
#include "pipeline/base/mask.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

std::optional<std::string> value_of(const DocumentResult& r, std::string_view name) {
  const FieldValue* f = r.field(name);
  if (!f || !f->present()) return std::nullopt;
  return f->value;
}

std::optional<Date> date_of(const DocumentResult& r, std::string_view name) {
  auto v = value_of(r, name);
  return v ? Date::parse(*v) : std::nullopt;
}

}  // namespace

std::vector<Finding> check_id_front(const DocumentResult& front, const Date& today) {
  std::vector<Finding> out;
  const auto number = value_of(front, "id_number");
  if (!number) return out;
  const auto check = validators::check_id_number(*number, today);
  const std::string masked = mask_id_number(*number);
  if (check.error == validators::IdNumberError::kCheckDigit) {
    const char expected = validators::id_check_char(std::string_view(*number).substr(0, 17));
    out.push_back(make_finding("ID_CHECK_DIGIT", {{"id_number", masked}, {"expected", std::string(1, expected)}},
                               front.file, "id_number"));
  } else if (!check.ok()) {
    out.push_back(make_finding("ID_NUMBER_INVALID", {{"id_number", masked}, {"reason", std::string(to_string(check.error))}},
                               front.file, "id_number"));
  }
  if (!check.parts) return out;
  const auto& parts = *check.parts;
  if (const auto birth = date_of(front, "birth_date"); birth && *birth != parts.birth)
    out.push_back(make_finding("ID_BIRTH_MISMATCH", {{"printed", birth->to_string()}, {"in_number", parts.birth.to_string()}},
                               front.file, "birth_date"));
  if (const auto sex = value_of(front, "sex"); sex && *sex != parts.sex_zh())
    out.push_back(make_finding("ID_SEX_MISMATCH", {{"printed", *sex}, {"in_number", std::string(parts.sex_zh())}},
                               front.file, "sex"));
  return out;
}

std::vector<Finding> check_id_back(const DocumentResult& back, const Date& today, int min_months_left) {
  std::vector<Finding> out;
  const auto from = date_of(back, "valid_from");
  const auto until_text = value_of(back, "valid_until");
  if (!until_text) return out;
  const bool long_term = *until_text == "长期";
  const auto until = long_term ? std::nullopt : Date::parse(*until_text);
  if (from && until) {
    if (*until <= *from) {
      out.push_back(make_finding("ID_VALIDITY_DATES", {{"valid_from", from->to_string()}, {"valid_until", until->to_string()}},
                                 back.file, "valid_until"));
      return out;
    }
    // Only 5, 10 and 20 years exist (possibly ending the day before the anniversary).
    bool regular = false;
    for (int years : {5, 10, 20}) {
      const Date end = from->add_years(years);
      regular = regular || *until == end || *until == end.add_days(-1);
    }
    if (!regular)
      out.push_back(make_finding("ID_VALIDITY_IRREGULAR", {{"valid_from", from->to_string()}, {"valid_until", until->to_string()}},
                                 back.file, "valid_until"));
  }
  if (until) {
    if (*until < today) {
      out.push_back(make_finding("ID_EXPIRED", {{"valid_until", until->to_string()}, {"today", today.to_string()}},
                                 back.file, "valid_until"));
    } else if (*until < today.add_months(min_months_left)) {
      out.push_back(make_finding("ID_EXPIRING",
                                 {{"valid_until", until->to_string()}, {"months", std::to_string(min_months_left)}},
                                 back.file, "valid_until"));
    }
  }
  return out;
}

std::vector<Finding> check_id_card_pair(const DocumentResult& front, const DocumentResult& back) {
  std::vector<Finding> out;
  std::optional<Date> birth = date_of(front, "birth_date");
  if (const auto number = value_of(front, "id_number")) {
    const auto check = validators::check_id_number(*number, Date::today());
    if (check.ok()) birth = check.parts->birth;  // the number is the stronger evidence
  }
  const auto from = date_of(back, "valid_from");
  const auto until_text = value_of(back, "valid_until");
  if (!birth || !from || !until_text) return out;
  if (*from < *birth) {
    out.push_back(make_finding("ID_SIDES_MISMATCH", {{"birth_date", birth->to_string()}, {"valid_from", from->to_string()}},
                               back.file, "valid_from"));
    return out;
  }
  const std::optional<Date> until = *until_text == "长期" ? std::nullopt : Date::parse(*until_text);
  if (*until_text != "长期" && !until) return out;
  if (!validators::id_validity_matches_age_rule(*birth, *from, until)) {
    const auto rule = validators::expected_id_validity(*birth, *from);
    out.push_back(make_finding("ID_VALIDITY_AGE_RULE",
                               {{"age_at_issue", std::to_string(age_on(*birth, *from))},
                                {"expected", rule.long_term ? std::string("长期") : std::to_string(rule.years) + "年"},
                                {"valid_from", from->to_string()},
                                {"valid_until", until ? until->to_string() : std::string("长期")}},
                               back.file, "valid_until"));
  }
  return out;
}

}  // namespace beian::ocr
