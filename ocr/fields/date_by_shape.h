// Reading a printed Chinese date ("2018年09月04日") by the shapes of its digits when the
// recogniser cannot. The issue date under a licence's registration authority is stamped over
// by the red seal: at low resolution the seal's ring stays as grey arcs through the digits
// once the red is taken out, and chi_sim reads the line as "2 9294" (hard licences of seeds
// 84-93: 46 of 130 issue dates missing). The layout of a date is fixed, so the line is cut
// into cells for four digits, 年, one or two digits, 月, one or two digits and 日; every
// digit cell is matched against the digits rendered in the print's fonts
// (ocr/fields/glyph_check.h), and the calendar decides among the digits' combinations. A
// business term (START至长期, START至END) is read the same way (term_by_shape).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>

#include "beian/date.h"

namespace beian::ocr {

// "date_shapes" of a reader's settings (templates/ocr/business_licence.json).
struct DateShapeSettings {
  std::vector<std::string> fonts;  // "fonts": the print's candidate fonts; empty: off
  int earliest_year = 1949;        // "earliest_year": no earlier date is considered
  double min_match = 0.55;         // "min_match": the chosen date's cells match at least this (mean, -1..1)
  double min_margin = 0.02;        // "min_margin": and beat any other date by this, in characters' worth
  double confidence = 0.6;         // "confidence": most a date read by its shapes is trusted
  double agreeing_min_match = 0.55;  // "agreeing_min_match" (default min_match): what a term's start
                                     // needs when it is the date expected (term_by_shape)
  double end_min_match = -2;         // "end_min_match" (optional): what a term's end needs on its own
                                     // cells (至 on) when the term was taken on its start's
                                     // agreement (term_by_shape); absent: nothing more
  double digits_min_margin = -1;     // "digits_min_margin" (optional): the margin a date agreeing
                                     // with the recogniser's digits needs to count as agreeing
                                     // (date_by_shape); absent: such agreement counts for nothing
  double choice_min_match = 2;       // "choice_min_match" (optional): what the better of two dates
                                     // needs (date_shape_choice); absent: no choice is made
  bool enabled() const { return !fonts.empty(); }
};

// Parses {"fonts", "earliest_year", "min_match", "min_margin", "confidence"}; throws naming
// `where` and the key (or a font that is not installed).
DateShapeSettings parse_date_shape_settings(const nlohmann::json& j, const std::string& where);

// The date printed on `line` of `ink` (dark on light) as YYYY年M月D日, month and day with or
// without a leading zero: of the calendar days from `earliest` (settings.earliest_year at the
// earliest) to `latest`, the one whose digits, rendered, match the line's cells best. A
// `line` taller than `text_height` (> 0) is narrowed to the rows of that height holding the
// most ink. nullopt when shapes are off, the line cannot be cut into a date's cells, or no
// date matches as clearly as `settings` ask. The best date equal to `expected` (valid: the
// date another field reads for it), or agreeing with one of `readings` (what the recogniser
// read on the line: digits_agree) by settings.digits_min_margin, needs a mean match of
// settings.agreeing_min_match only. `glare` (optional, glare_mask of the view): cells under a
// glare spot are not judged (the mean is over the others, at least half the date's); days
// that differ only there tie, and a tie is read only as `expected`, when that is one of it.
std::optional<Date> date_by_shape(const cv::Mat& ink, const cv::Rect& line, const DateShapeSettings& settings,
                                  const Date& earliest, const Date& latest, int text_height = 0,
                                  const Date& expected = {}, const std::vector<std::string>& readings = {},
                                  const cv::Mat& glare = {});

// Which of two dates read for the same day (a licence's established date and its term's
// start, printed on two lines) the date printed on `line` of `ink` shows: the one whose
// digits match its cells better (best over the layouts and spans date_by_shape tries), when
// that matches at least settings.choice_min_match and leads by settings.min_margin
// characters' worth. nullopt otherwise, when shapes are off or the dates are equal. `glare`
// (optional, glare_mask): cells under a spot are not judged, and dates differing only there
// tie.
std::optional<Date> date_shape_choice(const cv::Mat& ink, const cv::Rect& line, const DateShapeSettings& settings,
                                      const Date& a, const Date& b, int text_height = 0, const cv::Mat& glare = {});

// True when `date`'s digits as printed zero-padded (YYYYMMDD) are at most one edit from the
// digits of one of `readings` (a recogniser's text of the line: "2022 年 09121 日" for
// 2022-09-21; "2820 年 05 月 22 日" for 2020-05-22, which no calendar accepts as read).
bool digits_agree(const Date& date, const std::vector<std::string>& readings);

// A validity or business term printed on `line` as START至长期 or START至END, both dates
// zero-padded (YYYY年MM月DD日), read as date_by_shape reads a date: the start from `earliest`
// to `latest`, the end within a hundred years after it. until empty: 长期. nullopt as for
// date_by_shape; both dates must beat their next best by settings.min_margin. A start equal
// to `expected_from` (valid: the date another field reads for it) needs a mean match of
// settings.agreeing_min_match only. `glare`: as for date_by_shape (a start tied under the spot
// is read only as `expected_from`).
struct TermByShape {
  Date from;
  std::optional<Date> until;
  // False when only the start is read: it agreed with `expected_from` at a match below
  // settings.min_match, and the end's own cells (至 on) do not reach settings.end_min_match.
  // until is then empty, and not 长期.
  bool until_read = true;
};
std::optional<TermByShape> term_by_shape(const cv::Mat& ink, const cv::Rect& line, const DateShapeSettings& settings,
                                         const Date& earliest, const Date& latest, int text_height = 0,
                                         const Date& expected_from = {}, const cv::Mat& glare = {});

}  // namespace beian::ocr
