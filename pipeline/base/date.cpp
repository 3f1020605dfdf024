#include "beian/date.h"

#include <chrono>
#include <cstdio>

#include "pipeline/base/text.h"

namespace beian {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's civil-from-days / days-from-civil algorithms (public domain descriptions).
long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

}  // namespace

bool Date::valid() const {
  return year >= 1900 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::string Date::to_string() const {
  if (!valid()) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

long Date::days_since_epoch() const { return days_from_civil(year, month, day); }

Date Date::from_days_since_epoch(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

Date Date::add_months(int n) const {
  int total = year * 12 + (month - 1) + n;
  Date r{total / 12, total % 12 + 1, 0};
  r.day = std::min(day, days_in_month(r.year, r.month));
  return r;
}

Date Date::add_days(long n) const { return from_days_since_epoch(days_since_epoch() + n); }

std::optional<Date> Date::parse(std::string_view raw) {
  const std::string text = to_halfwidth(raw);
  int nums[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int idx = 0;
  // Pure 8-digit form.
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string::npos) {
    Date d{std::stoi(text.substr(0, 4)), std::stoi(text.substr(4, 2)), std::stoi(text.substr(6, 2))};
    return d.valid() ? std::optional<Date>(d) : std::nullopt;
  }
  bool in_number = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      if (idx >= 3) return std::nullopt;
      nums[idx] = nums[idx] * 10 + (c - '0');
      ++digits[idx];
      in_number = true;
    } else {
      if (in_number) ++idx;
      in_number = false;
      // Allowed separators: - . / and the UTF-8 bytes of 年 月 日 (any non-digit byte between
      // numbers is treated as a separator; letters are rejected).
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return std::nullopt;
    }
  }
  if (in_number) ++idx;
  if (idx != 3 || digits[0] != 4 || digits[1] > 2 || digits[2] > 2) return std::nullopt;
  Date d{nums[0], nums[1], nums[2]};
  return d.valid() ? std::optional<Date>(d) : std::nullopt;
}

Date Date::today() {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours(8);
  const long days = duration_cast<hours>(now.time_since_epoch()).count() / 24;
  return from_days_since_epoch(days);
}

int age_on(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

}  // namespace beian
