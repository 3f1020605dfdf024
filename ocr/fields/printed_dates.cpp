#include "ocr/fields/printed_dates.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

// Runs of ASCII digits in `text`, in order.
std::vector<std::string> digit_runs(const std::string& text) {
  std::vector<std::string> runs;
  std::string run;
  for (char c : to_halfwidth(text) + " ") {
    if (c >= '0' && c <= '9') {
      run += c;
    } else if (!run.empty()) {
      runs.push_back(run);
      run.clear();
    }
  }
  return runs;
}

}  // namespace

std::optional<Date> parse_cn_date(const std::string& text) {
  const auto runs = digit_runs(text);
  for (size_t i = 0; i + 2 < runs.size(); ++i) {
    if (runs[i].size() == 4 && runs[i + 1].size() <= 2 && runs[i + 2].size() <= 2) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%s%02d%02d", runs[i].c_str(), std::stoi(runs[i + 1]), std::stoi(runs[i + 2]));
      if (auto d = Date::parse(buf)) return d;
    }
  }
  for (const auto& r : runs)
    if (r.size() == 8)
      if (auto d = Date::parse(r)) return d;
  // Certificates print zero-padded dates (2020年03月01日): exactly eight digits in all are the
  // date even when a 年/月 between them was lost (a seal stamped over it).
  std::string all;
  for (const auto& r : runs) all += r;
  if (all.size() == 8) return Date::parse(all);
  return std::nullopt;
}

TermReading parse_term(const std::string& text) {
  TermReading t;
  const std::string sep = "至";
  const auto at = text.find(sep);
  const std::string first = at == std::string::npos ? text : text.substr(0, at);
  const std::string second = at == std::string::npos ? "" : text.substr(at + sep.size());
  t.from = parse_cn_date(first);
  if (second.find("长期") != std::string::npos || second.find("不约定") != std::string::npos ||
      (at == std::string::npos && text.find("长期") != std::string::npos))
    t.open_ended = true;
  else
    t.until = parse_cn_date(second);
  // Without 至 (misread), two dates in a row are still from and until.
  if (at == std::string::npos && !t.open_ended) {
    const auto runs = digit_runs(text);
    if (runs.size() >= 6) {
      std::string rest;
      for (size_t i = 3; i < runs.size(); ++i) rest += runs[i] + "-";
      t.until = parse_cn_date(rest);
    }
  }
  return t;
}

std::optional<Date> term_start_from_established(const std::string& text, const TermReading& term, const Date& established) {
  if (term.from || !established.valid()) return std::nullopt;
  if (term.until && term.until->valid() && *term.until > established) {
    const Date next = term.until->add_days(1);
    if (next.month == established.month && next.day == established.day) return established;
  }
  // The start's month and day, each with its mark, before 至.
  const std::string sep = "至", month_sign = "月", day_sign = "日";
  const std::string first = text.substr(0, text.find(sep));
  const auto month_mark = first.find(month_sign), day_mark = first.find(day_sign);
  if (month_mark == std::string::npos || day_mark == std::string::npos || day_mark < month_mark) return std::nullopt;
  // The one or two digits right before `end`, not reaching back past `begin`.
  const auto digits_before = [&](size_t end, size_t begin) {
    std::string d;
    for (size_t i = end; i > begin && d.size() < 2 && std::isdigit(static_cast<unsigned char>(first[i - 1])); --i)
      d.insert(d.begin(), first[i - 1]);
    return d;
  };
  const size_t day_start = month_mark + month_sign.size();
  const std::string month = digits_before(month_mark, 0), day = digits_before(day_mark, day_start);
  if (month.empty() || day.empty() || day_start + day.size() != day_mark) return std::nullopt;
  if (std::stoi(month) == established.month && std::stoi(day) == established.day) return established;
  return std::nullopt;
}

bool open_end_remains(const std::string& text) {
  const std::string until_sign = "至", day_sign = "日";
  size_t after = text.find(until_sign);
  if (after != std::string::npos) {
    after += until_sign.size();
  } else if ((after = text.find(day_sign)) != std::string::npos) {
    after += day_sign.size();
  } else {
    return false;
  }
  const std::string rest = to_halfwidth(text.substr(after));
  if (std::any_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  return rest.find("长") != std::string::npos || rest.find("期") != std::string::npos;
}

namespace {

std::string digits_of(const Date& d) {
  char printed[16];
  std::snprintf(printed, sizeof printed, "%04d%02d%02d", d.year, d.month, d.day);
  return printed;
}

}  // namespace

std::optional<Date> whole_years_end(const Date& until, const Date& start, const std::vector<int>& whole_years) {
  if (!until.valid() || !start.valid()) return std::nullopt;
  std::optional<Date> end;
  for (const int years : whole_years) {
    const Date anniversary = start.add_years(years), day_before = anniversary.add_days(-1);
    if (until == anniversary || until == day_before) return std::nullopt;
    if (edit_distance(digits_of(until), digits_of(day_before)) > 1) continue;  // pipeline/base/text.h
    if (end) return std::nullopt;
    end = day_before;
  }
  return end;
}

TermEndSettings parse_term_end_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"description", "whole_years", "confidence"}, {"whole_years", "confidence"}, where);
  TermEndSettings s;
  s.whole_years = get_value<std::vector<int>>(j, "whole_years", where);
  for (const int years : s.whole_years)
    if (years < 1 || years > 100) throw std::runtime_error(where + ": 'whole_years' must be 1..100");
  s.confidence = get_value<double>(j, "confidence", where);
  return s;
}

bool settle_term_end(const std::string& text, const Date& expected_from, const TermEndSettings& settings,
                     TermReading& term) {
  if (!settings.enabled()) return false;
  if (term.from && !term.until && !term.open_ended && open_end_remains(text)) {
    term.open_ended = true;
    return true;
  }
  if (!term.from || !term.until || *term.from != expected_from) return false;
  const auto end = whole_years_end(*term.until, expected_from, settings.whole_years);
  if (end) term.until = end;
  return end.has_value();
}

}  // namespace beian::ocr
