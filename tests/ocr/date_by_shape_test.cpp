// Reading a printed date by its digits' shapes (ocr/fields/date_by_shape.h), on date lines
// rendered as the specimens print them, small and crossed by what is left of a seal's ring.
#include <catch2/catch.hpp>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/date_by_shape.h"

using namespace beian;

namespace {

const std::vector<std::string> kFonts = {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                                         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"};

ocr::DateShapeSettings settings() {
  ocr::DateShapeSettings s;
  s.fonts = kFonts;
  s.earliest_year = 1949;
  s.min_match = 0.55;
  s.min_margin = 0.02;
  return s;
}

struct Line {
  cv::Mat ink;   // dark text on light paper, 8-bit
  cv::Rect box;  // the line as the line finder gives it: the text and the ring's arcs below it
};

// `text` printed at `px` in wqy-zenhei and blurred; with `ring`, a grey arc of a seal's ring
// rises past the line's ends and runs below it, as erase_seal leaves it on a small photo.
Line printed(const std::string& text, int px, bool ring) {
  const int width = px * std::max(10, 2 + static_cast<int>(text.size()) / 2);
  cv::Mat canvas(4 * px, width, CV_8UC3, cv::Scalar::all(245));
  auto ft = cv::freetype::createFreeType2();
  ft->loadFontData(kFonts.front(), 0);
  ft->putText(canvas, text, cv::Point(px, 2 * px), px, cv::Scalar::all(30), -1, cv::LINE_AA, true);
  if (ring)
    cv::ellipse(canvas, cv::Point(width / 2, px), cv::Size(px * 24 / 5, 2 * px), 0, 10, 170, cv::Scalar::all(90),
                std::max(2, px / 8), cv::LINE_AA);
  Line l;
  cv::cvtColor(canvas, l.ink, cv::COLOR_BGR2GRAY);
  cv::GaussianBlur(l.ink, l.ink, cv::Size(0, 0), 0.8);
  std::vector<cv::Point> points;
  cv::findNonZero(l.ink(cv::Rect(0, px, width, 3 * px)) < 160, points);
  l.box = cv::boundingRect(points) + cv::Point(0, px);
  return l;
}

const Date kToday{2026, 11, 24};

// A match no date reaches read alone: only an agreement (agreeing_min_match) takes one.
ocr::DateShapeSettings agreement_only() {
  ocr::DateShapeSettings s = settings();
  s.min_match = 0.99;
  s.agreeing_min_match = 0.55;
  return s;
}

}  // namespace

TEST_CASE("a small date under a seal's ring is read by its digits' shapes", "[ocr][date_shape]") {
  const Line line = printed("2018年09月04日", 16, true);
  REQUIRE(line.box.height > 24);  // the ring's arc joined the line
  const auto date = ocr::date_by_shape(line.ink, line.box, settings(), Date{}, kToday, 18);
  REQUIRE(date);
  CHECK(date->to_string() == "2018-09-04");
}

TEST_CASE("dates printed without leading zeros are read too", "[ocr][date_shape]") {
  const Line line = printed("2016年3月15日", 18, false);
  const auto date = ocr::date_by_shape(line.ink, line.box, settings(), Date{}, kToday, 0);
  REQUIRE(date);
  CHECK(date->to_string() == "2016-03-15");
}

TEST_CASE("the calendar bounds the dates considered", "[ocr][date_shape]") {
  const Line line = printed("2024年10月09日", 16, false);
  const auto inside = ocr::date_by_shape(line.ink, line.box, settings(), Date{2020, 1, 1}, kToday, 0);
  REQUIRE(inside);
  CHECK(inside->to_string() == "2024-10-09");
  // Printed after `latest`: whatever is taken, never the printed day or a later one.
  const auto later = ocr::date_by_shape(line.ink, line.box, settings(), Date{}, Date{2024, 1, 1}, 0);
  if (later) CHECK(*later < (Date{2024, 1, 2}));
}

TEST_CASE("a line that is no date gives no date, and shapes can be off", "[ocr][date_shape]") {
  const Line words = printed("北京市市场监督管理局", 16, false);
  CHECK_FALSE(ocr::date_by_shape(words.ink, words.box, settings(), Date{}, kToday, 0));
  const Line date = printed("2018年09月04日", 16, false);
  CHECK_FALSE(ocr::date_by_shape(date.ink, date.box, ocr::DateShapeSettings{}, Date{}, kToday, 0));
  CHECK_FALSE(ocr::date_by_shape(date.ink, cv::Rect(), settings(), Date{}, kToday, 0));
}

TEST_CASE("a business term is read by its dates' shapes, open-ended or dated", "[ocr][date_shape]") {
  const Line open = printed("2016年12月22日至长期", 16, false);
  const auto forever = ocr::term_by_shape(open.ink, open.box, settings(), Date{}, kToday, 0);
  REQUIRE(forever);
  CHECK(forever->from.to_string() == "2016-12-22");
  CHECK_FALSE(forever->until);
  const Line dated = printed("2020年10月09日至2040年10月08日", 16, false);
  const auto term = ocr::term_by_shape(dated.ink, dated.box, settings(), Date{}, kToday, 0);
  REQUIRE(term);
  CHECK(term->from.to_string() == "2020-10-09");
  REQUIRE(term->until);
  CHECK(term->until->to_string() == "2040-10-08");
}

TEST_CASE("a business term whose start agrees with the date expected needs a lower match", "[ocr][date_shape]") {
  // A match no term reaches for a start read alone; the established date's agreement lowers it.
  ocr::DateShapeSettings strict = agreement_only();
  const Line open = printed("2016年12月22日至长期", 16, false);
  CHECK_FALSE(ocr::term_by_shape(open.ink, open.box, strict, Date{}, kToday, 0));
  const auto agreed = ocr::term_by_shape(open.ink, open.box, strict, Date{2016, 12, 22}, kToday, 0, Date{2016, 12, 22});
  REQUIRE(agreed);
  CHECK(agreed->from.to_string() == "2016-12-22");
  CHECK_FALSE(agreed->until);
  // Another expected start is no agreement.
  CHECK_FALSE(ocr::term_by_shape(open.ink, open.box, strict, Date{2016, 1, 1}, kToday, 0, Date{2016, 12, 21}));
}

TEST_CASE("a date that agrees with the date expected needs a lower match", "[ocr][date_shape]") {
  // A certificate's issue date under its seal and the start of its validity read elsewhere.
  ocr::DateShapeSettings strict = agreement_only();
  const Line line = printed("2018年09月04日", 16, true);
  CHECK_FALSE(ocr::date_by_shape(line.ink, line.box, strict, Date{}, kToday, 18));
  const auto agreed = ocr::date_by_shape(line.ink, line.box, strict, Date{}, kToday, 18, Date{2018, 9, 4});
  REQUIRE(agreed);
  CHECK(agreed->to_string() == "2018-09-04");
  // Another expected date is no agreement: the printed one still needs min_match.
  CHECK_FALSE(ocr::date_by_shape(line.ink, line.box, strict, Date{}, kToday, 18, Date{2018, 9, 5}));
}

TEST_CASE("a date agrees with the recogniser's digits but one", "[ocr][date_shape]") {
  // As read under seals on hard licences of seeds 84-93.
  CHECK(ocr::digits_agree(Date{2022, 9, 21}, {"2022 年 09121 日"}));       // one digit too many
  CHECK(ocr::digits_agree(Date{2020, 5, 22}, {"x", "2820 年 05 月 22 日"}));  // one wrong: no calendar takes 2820
  CHECK(ocr::digits_agree(Date{2011, 2, 2}, {"2011 年 022 日"}));          // one lost
  CHECK_FALSE(ocr::digits_agree(Date{2021, 2, 22}, {"2011 年 022 日"}));   // two apart: the shapes' wrong best
  CHECK_FALSE(ocr::digits_agree(Date{2020, 5, 31}, {"20 年 0531 日"}));    // two lost
  CHECK_FALSE(ocr::digits_agree(Date{2020, 5, 31}, {}));
  // The agreement lowers the match a date needs, as an expected date does, when its lead is
  // digits_min_margin; without that setting the digits count for nothing.
  ocr::DateShapeSettings strict = agreement_only();
  const Line printed_line = printed("2018年09月04日", 16, true);
  CHECK_FALSE(ocr::date_by_shape(printed_line.ink, printed_line.box, strict, Date{}, kToday, 18, Date{}, {"2018 年 09 月 0 日"}));
  strict.digits_min_margin = 0.0;
  const Line line = printed("2018年09月04日", 16, true);
  const auto agreed = ocr::date_by_shape(line.ink, line.box, strict, Date{}, kToday, 18, Date{}, {"2018 年 09 月 0 日"});
  REQUIRE(agreed);
  CHECK(agreed->to_string() == "2018-09-04");
  CHECK_FALSE(ocr::date_by_shape(line.ink, line.box, strict, Date{}, kToday, 18, Date{}, {"2016 年 08 月 0 日"}));
}

TEST_CASE("a date whose day a glare spot washed out is read only as the date expected", "[ocr][date_shape]") {
  // As the established date under a spot on a hard licence (seed 93 S0024): year and month
  // show, the day's cells are blank paper under the spot.
  Line line = printed("2015年08月05日", 16, false);
  auto ft = cv::freetype::createFreeType2();
  ft->loadFontData(kFonts.front(), 0);
  const int day_x = 16 + ft->getTextSize("2015年08月", 16, -1, nullptr).width;
  cv::Mat glare(line.ink.size(), CV_8U, cv::Scalar(0));
  glare(cv::Rect(day_x - 2, 0, line.ink.cols - day_x + 2, line.ink.rows)).setTo(255);
  line.ink.setTo(245, glare);
  // Days 01-31 of 2015-08 tie there: only the established date's agreement picks one.
  const auto agreed = ocr::date_by_shape(line.ink, line.box, settings(), Date{}, kToday, 0, Date{2015, 8, 5}, {}, glare);
  REQUIRE(agreed);
  CHECK(agreed->to_string() == "2015-08-05");
  CHECK_FALSE(ocr::date_by_shape(line.ink, line.box, settings(), Date{}, kToday, 0, Date{}, {}, glare));
  // A date the visible digits contradict is no agreement.
  CHECK_FALSE(ocr::date_by_shape(line.ink, line.box, settings(), Date{}, kToday, 0, Date{2016, 8, 5}, {}, glare));
  // Without the mask the blank cells are a bad cut: no date.
  CHECK_FALSE(ocr::date_by_shape(line.ink, line.box, settings(), Date{}, kToday, 0, Date{2015, 8, 5}));
}

TEST_CASE("a term taken on its start's agreement keeps its end only on the end's own match", "[ocr][date_shape]") {
  // Seed 134 S0066: a validity ending 2029-04-05 came back 长期 on its start's agreement alone.
  ocr::DateShapeSettings strict = agreement_only();
  const Line open = printed("2016年12月22日至长期", 16, false);
  const Date start{2016, 12, 22};
  // Whether the term read with the end asked to match `end_min_match` keeps its end (长期).
  const auto keeps_end = [&](double end_min_match) {
    strict.end_min_match = end_min_match;
    const auto term = ocr::term_by_shape(open.ink, open.box, strict, Date{}, kToday, 0, start);
    REQUIRE(term);
    CHECK(term->from == start);
    CHECK_FALSE(term->until);  // 长期, or unread
    return term->until_read;
  };
  // The end's cells match well enough: the whole term. Asked for more than they match: the
  // start alone, the end unread (not 长期).
  CHECK(keeps_end(0.5));
  CHECK_FALSE(keeps_end(0.97));
  // A term matching min_match on its own needs no agreement and keeps its end.
  const auto alone = ocr::term_by_shape(open.ink, open.box, settings(), Date{}, kToday, 0);
  REQUIRE(alone);
  CHECK(alone->until_read);
}

TEST_CASE("of two dates read for one day, the line's shapes choose the one printed", "[ocr][date_shape]") {
  // A licence's established date and its term's start, read 2020-11-25 and 2020-01-25 (hard
  // licence, seed 86 S0042): the established date's line shows which.
  const Line line = printed("2020年11月25日", 16, true);
  ocr::DateShapeSettings s = settings();
  s.choice_min_match = 0.3;
  CHECK(ocr::date_shape_choice(line.ink, line.box, s, Date{2020, 1, 25}, Date{2020, 11, 25}, 18) == Date{2020, 11, 25});
  CHECK(ocr::date_shape_choice(line.ink, line.box, s, Date{2020, 11, 25}, Date{2020, 1, 25}, 18) == Date{2020, 11, 25});
  // Equal dates are no choice; neither is one without the setting.
  CHECK_FALSE(ocr::date_shape_choice(line.ink, line.box, s, Date{2020, 11, 25}, Date{2020, 11, 25}, 18));
  CHECK_FALSE(ocr::date_shape_choice(line.ink, line.box, settings(), Date{2020, 1, 25}, Date{2020, 11, 25}, 18));
  // Dates differing only under a glare spot (the month's first digit washed out) tie: no choice.
  cv::Mat glare = cv::Mat::zeros(line.ink.size(), CV_8U), washed = line.ink.clone();
  const cv::Rect spot(line.box.x + line.box.width * 5 / 11, 0, line.box.width / 11, line.ink.rows);
  glare(spot).setTo(255);
  washed(spot).setTo(250);
  CHECK_FALSE(ocr::date_shape_choice(washed, line.box, s, Date{2020, 1, 25}, Date{2020, 11, 25}, 18, glare));
  CHECK(ocr::date_shape_choice(washed, line.box, s, Date{2020, 11, 26}, Date{2020, 11, 25}, 18, glare) ==
        Date{2020, 11, 25});
}
