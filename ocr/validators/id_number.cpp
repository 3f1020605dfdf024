#include "ocr/validators/id_number.h"

#include <array>
#include <cstdio>

#include "ocr/validators/repair.h"

namespace beian::validators {
namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

char id_check_char(std::string_view first17) {
  if (first17.size() != 17 || !all_digits(first17)) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

bool is_id_province_prefix(std::string_view p) {
  if (p.size() != 2 || !all_digits(p)) return false;
  const int v = to_int(p);
  return (v >= 11 && v <= 15) || (v >= 21 && v <= 23) || (v >= 31 && v <= 37) ||
         (v >= 41 && v <= 46) || (v >= 50 && v <= 54) || (v >= 61 && v <= 65) || v == 71 ||
         v == 81 || v == 82 || v == 83;
}

std::string_view to_string(IdNumberError e) {
  switch (e) {
    case IdNumberError::kOk: return "ok";
    case IdNumberError::kFormat: return "format";
    case IdNumberError::kProvince: return "province";
    case IdNumberError::kBirthDate: return "birth_date";
    case IdNumberError::kFutureBirth: return "future_birth";
    case IdNumberError::kCheckDigit: return "check_digit";
  }
  return "format";
}

IdNumberCheck check_id_number(std::string_view id, const Date& today) {
  IdNumberCheck result;
  if (id.size() != 18 || !all_digits(id.substr(0, 17))) return result;
  char last = id[17];
  if (last == 'x') last = 'X';
  if (!((last >= '0' && last <= '9') || last == 'X')) return result;

  const Date birth{to_int(id.substr(6, 4)), to_int(id.substr(10, 2)), to_int(id.substr(12, 2))};
  if (!birth.valid()) {
    result.error = IdNumberError::kBirthDate;
    return result;
  }
  IdNumberParts parts;
  parts.number = std::string(id.substr(0, 17)) + last;
  parts.region = std::string(id.substr(0, 6));
  parts.birth = birth;
  parts.sequence = to_int(id.substr(14, 3));
  parts.male = parts.sequence % 2 == 1;
  parts.check = last;
  result.parts = parts;

  if (!is_id_province_prefix(id.substr(0, 2))) {
    result.error = IdNumberError::kProvince;
  } else if (today.valid() && birth > today) {
    result.error = IdNumberError::kFutureBirth;
  } else if (id_check_char(id.substr(0, 17)) != last) {
    result.error = IdNumberError::kCheckDigit;
  } else {
    result.error = IdNumberError::kOk;
  }
  return result;
}

bool is_valid_id_number(std::string_view id, const Date& today) {
  return check_id_number(id, today).ok();
}

std::optional<std::string> repair_id_number(std::string_view id, const Date& today) {
  auto valid = [&today](std::string_view s) { return is_valid_id_number(s, today); };
  auto alternatives = [&id](size_t i, char c) {
    std::string out;
    for (char alt : ocr_confusions(c)) {
      if ((alt >= '0' && alt <= '9') || (alt == 'X' && i == id.size() - 1)) out += alt;
    }
    return out;
  };
  return repair_single_error(id, valid, alternatives);
}

std::string make_id_number(std::string_view region, const Date& birth, int sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6s%04d%02d%02d%03d", std::string(region).c_str(), birth.year,
                birth.month, birth.day, sequence % 1000);
  std::string first17(buf);
  return first17 + id_check_char(first17);
}

std::optional<Date> IdValidityRule::valid_until(const Date& issue) const {
  if (long_term) return std::nullopt;
  return issue.add_years(years);
}

IdValidityRule expected_id_validity(const Date& birth, const Date& issue) {
  const int age = age_on(birth, issue);
  IdValidityRule rule;
  if (age < 16) {
    rule.years = 5;
  } else if (age <= 25) {
    rule.years = 10;
  } else if (age <= 45) {
    rule.years = 20;
  } else {
    rule.long_term = true;
  }
  return rule;
}

bool id_validity_matches_age_rule(const Date& birth, const Date& valid_from,
                                  const std::optional<Date>& valid_until) {
  const IdValidityRule rule = expected_id_validity(birth, valid_from);
  if (rule.long_term) return !valid_until.has_value();
  if (!valid_until) return false;
  const Date expected = *rule.valid_until(valid_from);
  const long diff = valid_until->days_since_epoch() - expected.days_since_epoch();
  return diff == 0 || diff == -1;
}

}  // namespace beian::validators
