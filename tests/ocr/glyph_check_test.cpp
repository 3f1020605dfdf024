// The shape check that re-chooses a voted character among the passes' readings
// (ocr/fields/glyph_check.h), on name lines rendered as the specimens print them.
#include <catch2/catch.hpp>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/glyph_check.h"
#include "ocr/validators/regions.h"

using namespace beian;

namespace {

const std::vector<std::string> kFonts = {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                                         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"};

struct Line {
  cv::Mat ink;   // dark text on light paper, 8-bit
  cv::Rect box;  // the line, with a little margin
};

// `text` printed at `px` in `font`, softened like a scan.
Line printed(const std::string& text, const std::string& font, int px) {
  cv::Mat canvas(3 * px, px * 8, CV_8UC3, cv::Scalar::all(245));
  auto ft = cv::freetype::createFreeType2();
  ft->loadFontData(font, 0);
  ft->putText(canvas, text, cv::Point(px, 2 * px), px, cv::Scalar::all(20), -1, cv::LINE_AA, true);
  Line l;
  cv::cvtColor(canvas, l.ink, cv::COLOR_BGR2GRAY);
  cv::GaussianBlur(l.ink, l.ink, cv::Size(0, 0), 0.7);
  std::vector<cv::Point> points;
  cv::findNonZero(l.ink < 128, points);
  l.box = cv::boundingRect(points);
  l.box = cv::Rect(l.box.x - 4, l.box.y - 4, l.box.width + 8, l.box.height + 8);
  return l;
}

ocr::OcrSymbol symbol(const std::string& text, double confidence) {
  ocr::OcrSymbol s;
  s.text = text;
  s.confidence = confidence;
  return s;
}

ocr::GlyphCheckSettings settings() {
  ocr::GlyphCheckSettings s;
  s.fonts = kFonts;
  s.min_gain = 0.05;
  s.shape_confidence = 0.8;
  return s;
}

}  // namespace

TEST_CASE("glyph check: the passes' character that has the printed shape wins over the vote", "[ocr][glyphs]") {
  // Printed in a font the check does not render with, so the match is by shape, not by pixels.
  const Line line = printed("潘文", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 34);
  const auto out = ocr::check_glyphs(line.ink, line.box, {symbol("肖", 0.6), symbol("文", 0.95)},
                                     {{"肖", "汤", "潘", "渗"}, {"文"}}, settings());
  REQUIRE(out.size() == 2);
  CHECK(out[0].text == "潘");
  CHECK(out[0].confidence == Approx(0.8));
  // One candidate only: nothing to choose between, nothing changed.
  CHECK(out[1].text == "文");
  CHECK(out[1].confidence == Approx(0.95));
}

TEST_CASE("glyph check: a right vote is kept, and held at the shape confidence when it was split", "[ocr][glyphs]") {
  const Line line = printed("何璐婷", kFonts[0], 30);
  const auto out = ocr::check_glyphs(line.ink, line.box, {symbol("何", 0.97), symbol("璐", 0.45), symbol("婷", 0.9)},
                                     {{"何"}, {"璐", "瑞"}, {"婷", "停"}}, settings());
  REQUIRE(out.size() == 3);
  CHECK(out[0].text == "何");
  CHECK(out[1].text == "璐");
  CHECK(out[1].confidence == Approx(0.8));
  CHECK(out[2].text == "婷");
  CHECK(out[2].confidence == Approx(0.9));  // already above the shape confidence
}

TEST_CASE("glyph check: character cells follow the printed characters; no ink, no change", "[ocr][glyphs]") {
  const Line line = printed("顾家睿", kFonts[1], 32);
  const auto cells = ocr::character_cells(line.ink, line.box, 3);
  REQUIRE(cells.size() == 3);
  for (size_t i = 0; i < cells.size(); ++i) {
    INFO(i);
    CHECK(cells[i].height > 20);
    CHECK(cells[i].width > 15);
    if (i > 0) CHECK(cells[i].x >= cells[i - 1].br().x);
  }
  const cv::Mat blank(100, 300, CV_8U, cv::Scalar(245));
  const auto same = ocr::check_glyphs(blank, cv::Rect(10, 10, 200, 50), {symbol("肖", 0.6)}, {{"肖", "潘"}}, settings());
  CHECK(same.front().text == "肖");
  CHECK(same.front().confidence == Approx(0.6));
}

TEST_CASE("glyph check: an ethnic group the recogniser cannot read is found by its shape in the closed list", "[ocr][glyphs]") {
  // chi_sim reads 傈僳, 彝 and 佤 of this print as nothing it knows; the 56 names are a closed list.
  for (const std::string group : {"傈僳", "彝", "佤", "汉"}) {
    INFO(group);
    const Line line = printed(group, "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 32);
    CHECK(ocr::closest_by_shape(line.ink, line.box, validators::ethnicities(), settings()) == group);
  }
  const cv::Mat blank(100, 300, CV_8U, cv::Scalar(245));
  CHECK(ocr::closest_by_shape(blank, cv::Rect(10, 10, 200, 50), validators::ethnicities(), settings()).empty());
}
