// Resident ID number (居民身份证号码, GB 11643-1999): 18 characters =
// 6-digit region code (GB/T 2260) + birth date YYYYMMDD + 3-digit sequence (odd = male,
// even = female) + ISO 7064 MOD 11-2 check character (0-9 or X).
// Also the 居民身份证 validity-period rule (居民身份证法 §5). Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "beian/date.h"

namespace beian::validators {

// The check character for the first 17 digits of an ID number: '0'-'9' or 'X'.
// Returns '\0' when `first17` is not exactly 17 ASCII digits.
char id_check_char(std::string_view first17);

// True when `province2` is a two-digit province prefix in use: 11-15, 21-23, 31-37, 41-46,
// 50-54, 61-65, 71 (Taiwan), 81/82/83 (HK/Macau/Taiwan residence-permit numbers).
bool is_id_province_prefix(std::string_view province2);

// Why an ID number is not valid; kOk when it is.
enum class IdNumberError {
  kOk,
  kFormat,       // not 17 digits + digit/X (a lower-case x is accepted and upper-cased)
  kProvince,     // the first two digits are no province in use
  kBirthDate,    // the embedded birth date is no calendar date
  kFutureBirth,  // the birth date is after `today`
  kCheckDigit,   // the 18th character is not the MOD 11-2 check character
};
std::string_view to_string(IdNumberError e);  // "ok", "format", "province", ...

// The parts of a structurally valid ID number.
struct IdNumberParts {
  std::string number;    // the 18 characters, upper-case X
  std::string region;    // 6-digit region code
  Date birth;
  int sequence = 0;      // 0-999
  bool male = false;     // odd sequence
  char check = '\0';

  // "男" or "女", as printed on the card.
  std::string_view sex_zh() const { return male ? "男" : "女"; }
};

struct IdNumberCheck {
  IdNumberError error = IdNumberError::kFormat;
  // Filled whenever the format is right and the birth date is a calendar date (even when
  // the province or the check digit is wrong), so callers can report what was read.
  std::optional<IdNumberParts> parts;
  bool ok() const { return error == IdNumberError::kOk; }
};

// Checks format, province prefix, birth date (real, not after `today`) and check character,
// in that order; the first failure is reported.
IdNumberCheck check_id_number(std::string_view id, const Date& today);

// check_id_number(id, today).ok().
bool is_valid_id_number(std::string_view id, const Date& today);

// Repairs one misread character (look-alikes from ocr_confusions, digits only except the
// final X) when exactly one substitution gives a valid number; returns `id` unchanged when
// already valid, nullopt when the check digit cannot decide.
std::optional<std::string> repair_id_number(std::string_view id, const Date& today);

// Builds a valid ID number from its parts (the check character is computed).
// REQUIRES: region is 6 digits, birth.valid(), 0 <= sequence <= 999.
std::string make_id_number(std::string_view region, const Date& birth, int sequence);

// The validity period a card issued on `issue` to someone born on `birth` must have:
// age at issue < 16 → 5 years, 16-25 → 10, 26-45 → 20, >= 46 → long-term (长期).
struct IdValidityRule {
  int years = 0;           // 5, 10 or 20; 0 for long-term
  bool long_term = false;  // 长期
  // valid_until for a card issued on `issue`: the same day `years` later; nullopt for 长期.
  std::optional<Date> valid_until(const Date& issue) const;
};
IdValidityRule expected_id_validity(const Date& birth, const Date& issue);

// True when a printed period [valid_from, valid_until] (valid_until nullopt = 长期) is the
// one the age rule prescribes for this birth date. The end date may be off by one day
// (some offices print the day before the anniversary).
bool id_validity_matches_age_rule(const Date& birth, const Date& valid_from,
                                  const std::optional<Date>& valid_until);

}  // namespace beian::validators
