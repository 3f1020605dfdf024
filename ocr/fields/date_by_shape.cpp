#include "ocr/fields/date_by_shape.h"

#include <array>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "ocr/fields/glyph_check.h"
#include "pipeline/base/data_file.h"

namespace beian::ocr {

DateShapeSettings parse_date_shape_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"description", "fonts", "earliest_year", "min_match", "min_margin", "confidence"},
             {"fonts", "earliest_year", "min_match", "min_margin", "confidence"}, where);
  DateShapeSettings s;
  s.fonts = get_font_files(j, "fonts", where);
  s.earliest_year = get_value<int>(j, "earliest_year", where);
  s.min_match = get_value<double>(j, "min_match", where);
  s.min_margin = get_value<double>(j, "min_margin", where);
  s.confidence = get_value<double>(j, "confidence", where);
  return s;
}

std::optional<Date> date_by_shape(const cv::Mat& ink, const cv::Rect& found, const DateShapeSettings& settings,
                                  const Date& earliest, const Date& latest, int text_height) {
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  cv::Rect line = found & page;
  if (!settings.enabled() || line.empty() || !latest.valid()) return std::nullopt;
  if (text_height > 0 && line.height > text_height) {
    // The seal's ring below or above the date joined its line: the rows of the date are the
    // band of text_height holding the most ink.
    cv::Mat rows;
    cv::reduce(255 - ink(line), rows, 1, cv::REDUCE_SUM, CV_64F);
    int best = 0;
    double most = -1;
    for (int y = 0; y + text_height <= line.height; ++y) {
      const double sum = cv::sum(rows.rowRange(y, y + text_height))[0];
      if (sum > most) most = sum, best = y;
    }
    line = cv::Rect(line.x, line.y + best, line.width, text_height);
  }
  // Mean match of each date, over every layout it can be printed in (02月 or 2月) and every
  // span: what is left of the ring rises past the date's ends and widens the line's ink, so
  // the cells are also cut with up to 4/3 of a character's width left out at either end.
  std::map<Date, double> scores;
  const Date first = std::max(earliest, Date{settings.earliest_year, 1, 1});
  const int em = text_height > 0 ? text_height : line.height;
  // Cells recur across spans and layouts: each cell's matches are computed once.
  std::map<std::tuple<int, int, int, int>, std::array<double, 10>> digit_matches;
  std::map<std::tuple<int, int, int, int, std::string>, double> mark_matches;
  auto score_layout = [&](const cv::Rect& span, int month_digits, int day_digits) {
    std::vector<std::string> layout(4, "0");
    layout.push_back("年");
    layout.insert(layout.end(), month_digits, "0");
    layout.push_back("月");
    layout.insert(layout.end(), day_digits, "0");
    layout.push_back("日");
    const auto cells = character_cells(ink, span, layout);
    if (cells.size() != layout.size()) return;
    // Each cell's match with each digit; the marks' matches with themselves.
    std::vector<std::array<double, 10>> digit(layout.size());
    double marks = 0;
    for (size_t k = 0; k < layout.size(); ++k) {
      const cv::Rect cell = cells[k] & page;
      if (cell.empty()) return;
      const std::tuple<int, int, int, int> key{cell.x, cell.y, cell.width, cell.height};
      if (layout[k] != "0") {
        const auto [it, fresh] = mark_matches.emplace(std::tuple_cat(key, std::make_tuple(layout[k])), 0.0);
        if (fresh) it->second = glyph_match(ink(cell), layout[k], settings.fonts);
        marks += it->second;
        continue;
      }
      const auto [it, fresh] = digit_matches.emplace(key, std::array<double, 10>{});
      if (fresh)
        for (int d = 0; d < 10; ++d) it->second[d] = glyph_match(ink(cell), std::string(1, static_cast<char>('0' + d)), settings.fonts);
      digit[k] = it->second;
    }
    const double count = static_cast<double>(layout.size());
    const size_t month_at = 5, day_at = month_at + month_digits + 1;  // cells of the month's and the day's digits
    const auto number_match = [&](size_t at, int digits, int value) {
      return digits == 2 ? digit[at][value / 10] + digit[at + 1][value % 10] : digit[at][value];
    };
    for (int year = first.year; year <= latest.year; ++year) {
      const double year_match =
          digit[0][year / 1000] + digit[1][year / 100 % 10] + digit[2][year / 10 % 10] + digit[3][year % 10];
      for (int month = 1; month <= (month_digits == 2 ? 12 : 9); ++month)
        for (int day = 1; day <= (day_digits == 2 ? 31 : 9); ++day) {
          const Date date{year, month, day};
          if (!date.valid() || date < first || latest < date) continue;
          const double score =
              (year_match + number_match(month_at, month_digits, month) + number_match(day_at, day_digits, day) + marks) /
              count;
          auto [it, inserted] = scores.emplace(date, score);
          if (!inserted && score > it->second) it->second = score;
        }
    }
  };
  for (int left = 0; left <= 4; ++left)
    for (int right = 0; right <= 4; ++right) {
      const cv::Rect span(line.x + left * em / 3, line.y, line.width - (left + right) * em / 3, line.height);
      if (span.width < 5 * em) continue;
      for (const int month_digits : {2, 1})
        for (const int day_digits : {2, 1}) score_layout(span, month_digits, day_digits);
    }
  if (scores.empty()) return std::nullopt;
  const Date* best = nullptr;
  double best_score = -2, runner_up = -2;
  for (const auto& [date, score] : scores) {
    if (score > best_score) {
      runner_up = best_score;
      best_score = score;
      best = &date;
    } else {
      runner_up = std::max(runner_up, score);
    }
  }
  // In characters' worth: one digit better by 0.15 over an eleven-cell date is 0.15.
  const double margin = (best_score - runner_up) * 11;
  if (best_score < settings.min_match || margin < settings.min_margin) return std::nullopt;
  return *best;
}

}  // namespace beian::ocr
