// A calendar date (proleptic Gregorian, no time zone): birth dates, validity periods,
// filing dates. Plain value; an invalid Date is {0,0,0}.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace beian {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // True for a real calendar day (month 1-12, day within the month, year 1900-2199).
  bool valid() const;
  // "YYYY-MM-DD" (the canonical form in reports and manifests); "" when invalid.
  std::string to_string() const;
  // Days since 1970-01-01 (negative before). REQUIRES: valid().
  long days_since_epoch() const;
  // The same day `n` months later (or earlier for n < 0); the day is clamped to the month's
  // length (2024-01-31 + 1 month = 2024-02-29). REQUIRES: valid().
  Date add_months(int n) const;
  Date add_years(int n) const { return add_months(12 * n); }
  Date add_days(long n) const;

  // Parses "YYYY-MM-DD", "YYYY.MM.DD", "YYYY/MM/DD", "YYYYMMDD" and "YYYY年M月D日" (digits may
  // be full-width). Returns nullopt unless the result is a valid() date.
  static std::optional<Date> parse(std::string_view text);
  static Date from_days_since_epoch(long days);
  // Today in China Standard Time (UTC+8), the filing authorities' calendar.
  static Date today();

  auto operator<=>(const Date&) const = default;
};

// Whole years between birth and `on` (age on that day).
int age_on(const Date& birth, const Date& on);

}  // namespace beian
