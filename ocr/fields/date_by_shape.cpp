#include "ocr/fields/date_by_shape.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "ocr/fields/glyph_check.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {

DateShapeSettings parse_date_shape_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"description", "fonts", "earliest_year", "min_match", "min_margin", "confidence", "agreeing_min_match",
                 "digits_min_margin", "end_min_match", "choice_min_match"},
             {"fonts", "earliest_year", "min_match", "min_margin", "confidence"}, where);
  DateShapeSettings s;
  s.fonts = get_font_files(j, "fonts", where);
  s.earliest_year = get_value<int>(j, "earliest_year", where);
  s.min_match = get_value<double>(j, "min_match", where);
  s.min_margin = get_value<double>(j, "min_margin", where);
  s.confidence = get_value<double>(j, "confidence", where);
  s.agreeing_min_match = j.contains("agreeing_min_match") ? get_value<double>(j, "agreeing_min_match", where) : s.min_match;
  if (j.contains("end_min_match")) s.end_min_match = get_value<double>(j, "end_min_match", where);
  if (j.contains("digits_min_margin")) s.digits_min_margin = get_value<double>(j, "digits_min_margin", where);
  if (j.contains("choice_min_match")) s.choice_min_match = get_value<double>(j, "choice_min_match", where);
  return s;
}

namespace {

// The symbols of a date as printed: four digits, 年, the month's and the day's digits
// (character_cells cuts a digit half a character wide), 月 and 日.
std::vector<std::string> date_symbols(int month_digits, int day_digits) {
  std::vector<std::string> symbols(4, "0");
  symbols.push_back("年");
  symbols.insert(symbols.end(), month_digits, "0");
  symbols.push_back("月");
  symbols.insert(symbols.end(), day_digits, "0");
  symbols.push_back("日");
  return symbols;
}

// How well the cells of one line match each digit and each mark, each computed once: cells
// recur across spans and layouts.
class CellMatches {
 public:
  CellMatches(const cv::Mat& ink, const std::vector<std::string>& fonts) : ink_(ink), fonts_(fonts) {}

  const std::array<double, 10>& digits(const cv::Rect& cell) {
    const auto [it, fresh] = digits_.emplace(key(cell), std::array<double, 10>{});
    if (fresh)
      for (int d = 0; d < 10; ++d) it->second[d] = glyph_match(ink_(cell), std::string(1, static_cast<char>('0' + d)), fonts_);
    return it->second;
  }
  double mark(const cv::Rect& cell, const std::string& text) {
    const auto [it, fresh] = marks_.emplace(std::tuple_cat(key(cell), std::make_tuple(text)), 0.0);
    if (fresh) it->second = glyph_match(ink_(cell), text, fonts_);
    return it->second;
  }

 private:
  using Key = std::tuple<int, int, int, int>;
  static Key key(const cv::Rect& r) { return {r.x, r.y, r.width, r.height}; }
  const cv::Mat& ink_;
  const std::vector<std::string>& fonts_;
  std::map<Key, std::array<double, 10>> digits_;
  std::map<std::tuple<int, int, int, int, std::string>, double> marks_;
};

// The matches of a line cut into a date's (or term's) cells.
struct CellScores {
  std::vector<std::array<double, 10>> digit;  // per digit cell its ten matches (others and cells not judged: zero)
  std::vector<double> mark;                   // per other cell its match with its symbol (digits, not judged: zero)
  std::vector<bool> judged;                   // false for a cell under a glare spot
  // Sum of the mark matches and count of the judged cells from cell `from` on.
  double marks(size_t from = 0) const {
    return from < mark.size() ? std::accumulate(mark.begin() + static_cast<long>(from), mark.end(), 0.0) : 0.0;
  }
  size_t judged_count(size_t from = 0) const {
    return from < judged.size()
               ? static_cast<size_t>(std::count(judged.begin() + static_cast<long>(from), judged.end(), true))
               : 0;
  }
};

// Cut `span` into cells for `symbols` ("0" for a digit) and match them. With `glare`
// (glare_mask), a cell under a spot is not judged: its digit matches are all zero (no day is
// favoured) and it adds no mark match. False when the span cannot be cut so, or fewer than
// half its cells are judged.
bool match_cells(const cv::Mat& ink, const cv::Rect& span, const std::vector<std::string>& symbols, CellMatches& matches,
                 const cv::Mat& glare, CellScores& out) {
  const auto cells = character_cells(ink, span, symbols, glare);
  if (cells.size() != symbols.size()) return false;
  out.digit.assign(symbols.size(), {});
  out.mark.assign(symbols.size(), 0.0);
  out.judged.assign(symbols.size(), false);
  for (size_t k = 0; k < symbols.size(); ++k) {
    const cv::Rect cell = cells[k] & cv::Rect(0, 0, ink.cols, ink.rows);
    if (cell.empty()) {
      if (glare.empty()) return false;
      continue;
    }
    out.judged[k] = true;
    if (symbols[k] == "0") out.digit[k] = matches.digits(cell);
    else out.mark[k] = matches.mark(cell, symbols[k]);
  }
  return 2 * out.judged_count() >= symbols.size();
}

// Each calendar day from `first` to `last` that the date cells at `at` (date_symbols(
// month_digits, day_digits)) can show, with the sum of its digits' matches there.
template <class Visit>
void for_each_day(const std::vector<std::array<double, 10>>& digit, size_t at, int month_digits, int day_digits,
                  const Date& first, const Date& last, Visit visit) {
  const size_t month_at = at + 5, day_at = month_at + month_digits + 1;
  const auto number_match = [&](size_t cell, int digits, int value) {
    return digits == 2 ? digit[cell][value / 10] + digit[cell + 1][value % 10] : digit[cell][value];
  };
  for (int year = first.year; year <= last.year; ++year) {
    const double year_match =
        digit[at][year / 1000] + digit[at + 1][year / 100 % 10] + digit[at + 2][year / 10 % 10] + digit[at + 3][year % 10];
    for (int month = 1; month <= (month_digits == 2 ? 12 : 9); ++month)
      for (int day = 1; day <= (day_digits == 2 ? 31 : 9); ++day) {
        const Date date{year, month, day};
        if (!date.valid() || date < first || last < date) continue;
        visit(date, year_match + number_match(month_at, month_digits, month) + number_match(day_at, day_digits, day));
      }
  }
}

// The best-scoring date of `scores` and the next best score; nullopt when empty. Dates
// scoring exactly as the best differ from it only in digits not judged (under a glare spot):
// they are one reading, not rivals. Of such a tie the `expected` date is taken when it is one
// of them (valid: the date another field reads), else the tie is no reading (nullopt).
std::optional<std::pair<Date, double>> best_of(const std::map<Date, double>& scores, double* runner_up,
                                               const Date& expected = {}) {
  std::optional<std::pair<Date, double>> best;
  for (const auto& [date, score] : scores)
    if (!best || score > best->second) best = {date, score};
  *runner_up = -2;
  if (!best) return best;
  constexpr double kTie = 1e-9;
  size_t tied = 0;
  bool expected_tied = false;
  for (const auto& [date, score] : scores) {
    if (best->second - score < kTie) {
      ++tied;
      expected_tied = expected_tied || date == expected;
    } else {
      *runner_up = std::max(*runner_up, score);
    }
  }
  if (tied > 1) {
    if (!expected_tied) return std::nullopt;
    best->first = expected;
  }
  return best;
}

void keep_best(std::map<Date, double>& scores, const Date& date, double score) {
  auto [it, inserted] = scores.emplace(date, score);
  if (!inserted && score > it->second) it->second = score;
}

// `found` narrowed to the `text_height` rows holding the most ink (the seal's ring below or
// above a date joins its line), within the page.
cv::Rect text_rows(const cv::Mat& ink, const cv::Rect& found, int text_height) {
  cv::Rect line = found & cv::Rect(0, 0, ink.cols, ink.rows);
  if (line.empty() || text_height <= 0 || line.height <= text_height) return line;
  cv::Mat rows;
  cv::reduce(255 - ink(line), rows, 1, cv::REDUCE_SUM, CV_64F);
  int best = 0;
  double most = -1;
  for (int y = 0; y + text_height <= line.height; ++y) {
    const double sum = cv::sum(rows.rowRange(y, y + text_height))[0];
    if (sum > most) most = sum, best = y;
  }
  return cv::Rect(line.x, line.y + best, line.width, text_height);
}

// In characters' worth: one digit better by 0.15 over an eleven-cell date is 0.15.
constexpr double kDateCells = 11;

}  // namespace

bool digits_agree(const Date& date, const std::vector<std::string>& readings) {
  char printed[9];
  std::snprintf(printed, sizeof printed, "%04d%02d%02d", date.year, date.month, date.day);
  const std::string want(printed);
  for (const auto& reading : readings) {
    std::string digits;
    for (char c : reading)
      if (c >= '0' && c <= '9') digits += c;
    if (digits.size() < want.size() - 1 || digits.size() > want.size() + 1) continue;
    if (edit_distance(digits, want) <= 1) return true;
  }
  return false;
}

namespace {

// Mean match of each date from `first` to `last` on `line` (a date's rows), over every layout
// it can be printed in (02月 or 2月) and every span: what is left of the ring rises past the
// date's ends and widens the line's ink, so the cells are also cut with up to 4/3 of a
// character's width left out at either end.
std::map<Date, double> day_scores(const cv::Mat& ink, const cv::Rect& line, const DateShapeSettings& settings,
                                  const Date& first, const Date& last, int em, const cv::Mat& glare) {
  std::map<Date, double> scores;
  CellMatches matches(ink, settings.fonts);
  CellScores cells;
  for (int left = 0; left <= 4; ++left)
    for (int right = 0; right <= 4; ++right) {
      const cv::Rect span(line.x + left * em / 3, line.y, line.width - (left + right) * em / 3, line.height);
      if (span.width < 5 * em) continue;
      for (const int month_digits : {2, 1})
        for (const int day_digits : {2, 1}) {
          const auto symbols = date_symbols(month_digits, day_digits);
          if (!match_cells(ink, span, symbols, matches, glare, cells)) continue;
          const double count = static_cast<double>(cells.judged_count()), marks = cells.marks();
          for_each_day(cells.digit, 0, month_digits, day_digits, first, last,
                       [&](const Date& date, double sum) { keep_best(scores, date, (sum + marks) / count); });
        }
    }
  return scores;
}

}  // namespace

std::optional<Date> date_shape_choice(const cv::Mat& ink, const cv::Rect& found, const DateShapeSettings& settings,
                                      const Date& a, const Date& b, int text_height, const cv::Mat& glare) {
  const cv::Rect line = text_rows(ink, found, text_height);
  if (!settings.enabled() || line.empty() || !a.valid() || !b.valid() || a == b) return std::nullopt;
  const int em = text_height > 0 ? text_height : line.height;
  const auto match = [&](const Date& d) {
    const auto scores = day_scores(ink, line, settings, d, d, em, glare);
    return scores.empty() ? -2.0 : scores.begin()->second;
  };
  const double at_a = match(a), at_b = match(b);
  const double margin = std::abs(at_a - at_b) * kDateCells;
  if (std::max(at_a, at_b) < settings.choice_min_match || margin < settings.min_margin) return std::nullopt;
  return at_a > at_b ? a : b;
}

std::optional<Date> date_by_shape(const cv::Mat& ink, const cv::Rect& found, const DateShapeSettings& settings,
                                  const Date& earliest, const Date& latest, int text_height, const Date& expected,
                                  const std::vector<std::string>& readings, const cv::Mat& glare) {
  const cv::Rect line = text_rows(ink, found, text_height);
  if (!settings.enabled() || line.empty() || !latest.valid()) return std::nullopt;
  const Date first = std::max(earliest, Date{settings.earliest_year, 1, 1});
  const int em = text_height > 0 ? text_height : line.height;
  const std::map<Date, double> scores = day_scores(ink, line, settings, first, latest, em, glare);
  double runner_up = -2;
  const auto best = best_of(scores, &runner_up, expected);
  if (!best) return std::nullopt;
  const double margin = (best->second - runner_up) * kDateCells;
  // The date read elsewhere for it (a certificate's validity start), or the recogniser's
  // digits on this line but one, is two readings agreeing: a lower mean match will do. The
  // digits, read under the same seal, can share the shapes' mistake (1 for 4), so they want
  // a clearer margin.
  const bool expected_agrees = expected.valid() && best->first == expected;
  const bool digits_agree_clearly = settings.digits_min_margin >= 0 && margin >= settings.digits_min_margin &&
                                    digits_agree(best->first, readings);
  const bool agrees = expected_agrees || digits_agree_clearly;
  if (best->second < (agrees ? settings.agreeing_min_match : settings.min_match) || margin < settings.min_margin)
    return std::nullopt;
  return best->first;
}

std::optional<TermByShape> term_by_shape(const cv::Mat& ink, const cv::Rect& found, const DateShapeSettings& settings,
                                         const Date& earliest, const Date& latest, int text_height, const Date& expected_from,
                                         const cv::Mat& glare) {
  const cv::Rect line = text_rows(ink, found, text_height);
  if (!settings.enabled() || line.empty() || !latest.valid()) return std::nullopt;
  const Date first = std::max(earliest, Date{settings.earliest_year, 1, 1});
  const int em = text_height > 0 ? text_height : line.height;
  CellMatches matches(ink, settings.fonts);
  CellScores cells;
  // The best reading over spans and layouts, by its mean match; each date's margin over the
  // next best date in the same cells; the mean match of its end's own cells (至 on).
  std::optional<TermByShape> best;
  double best_score = -2, best_margin = 0, best_end_score = -2;
  for (int left = 0; left <= 4; ++left)
    for (int right = 0; right <= 2; ++right) {
      const cv::Rect span(line.x + left * em / 3, line.y, line.width - (left + right) * em / 3, line.height);
      if (span.width < 7 * em) continue;
      // Zero-padded only: with the one-digit variants, a 23-cell line also cuts into
      // misplaced cells that match as well on average (2020-01-09 for 2020-10-09).
      for (const int month_digits : {2})
        for (const int day_digits : {2})
          for (const bool open_ended : {true, false}) {
            auto symbols = date_symbols(month_digits, day_digits);
            const size_t until_at = symbols.size() + 1;
            symbols.push_back("至");
            if (open_ended) {
              symbols.push_back("长");
              symbols.push_back("期");
            } else {
              // An end date is printed as its start date is.
              const auto end = date_symbols(month_digits, day_digits);
              symbols.insert(symbols.end(), end.begin(), end.end());
            }
            if (!match_cells(ink, span, symbols, matches, glare, cells)) continue;
            std::map<Date, double> from_sums, until_sums;
            for_each_day(cells.digit, 0, month_digits, day_digits, first, latest,
                         [&](const Date& d, double sum) { from_sums.emplace(d, sum); });
            double from_next = -2, until_next = -2;
            const auto from = best_of(from_sums, &from_next, expected_from);
            if (!from) continue;
            const size_t end_at = until_at - 1;  // 至
            double sum = from->second + cells.marks(), margin = from->second - from_next;
            double end_sum = cells.marks(end_at);
            std::optional<Date> until;
            if (!open_ended) {
              for_each_day(cells.digit, until_at, month_digits, day_digits, from->first.add_days(1), from->first.add_years(100),
                           [&](const Date& d, double s) { until_sums.emplace(d, s); });
              const auto end = best_of(until_sums, &until_next);
              if (!end) continue;
              sum += end->second;
              end_sum += end->second;
              margin = std::min(margin, end->second - until_next);
              until = end->first;
            }
            const double score = sum / static_cast<double>(cells.judged_count());
            if (score > best_score) {
              best_score = score;
              best_margin = margin;
              const size_t end_judged = cells.judged_count(end_at);
              best_end_score = end_judged ? end_sum / static_cast<double>(end_judged) : -2;
              best = TermByShape{from->first, until};
            }
          }
    }
  if (!best || best_margin < settings.min_margin) return std::nullopt;
  if (best_score >= settings.min_match) return best;
  // A start that is the date read elsewhere for it (the established date) is two readings
  // agreeing: a lower mean match will do for the start. The end has nothing to agree with:
  // unless its own cells match end_min_match, it is left unread (seed 134 S0066: a validity
  // ending 2029-04-05 came back 长期 on the start's agreement alone).
  const bool agrees = expected_from.valid() && best->from == expected_from;
  if (!agrees || best_score < settings.agreeing_min_match) return std::nullopt;
  if (best_end_score < settings.end_min_match) {
    best->until.reset();
    best->until_read = false;
  }
  return best;
}

}  // namespace beian::ocr
