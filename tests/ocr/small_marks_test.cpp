// The small marks of running text (ocr/fields/small_marks.h): 。 and 、 told apart by shape, and
// a closing 。 the recogniser dropped found on the ink, on lines rendered as licences print them.
#include <catch2/catch.hpp>

#include <tuple>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/small_marks.h"
#include "pipeline/base/text.h"

using namespace beian;

namespace {

const std::string kFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

struct Line {
  cv::Mat ink;                  // dark text on light paper, 8-bit
  std::vector<cv::Rect> cells;  // one full-width cell per character
  cv::Rect box;                 // the line's characters
};

// `text` (full-width characters only) printed at `px`, then shrunk by `shrink` and softened the
// way a distant phone photo blurs it (the 。 ring fades to a light grey dot).
Line printed(const std::string& text, int px, double shrink = 1.0, double blur = 0.7, const std::string& font = kFont) {
  const std::u32string chars = utf8_to_u32(text);
  const int n = static_cast<int>(chars.size());
  cv::Mat canvas(3 * px, px * (n + 4), CV_8UC3, cv::Scalar::all(250));
  auto ft = cv::freetype::createFreeType2();
  ft->loadFontData(font, 0);
  ft->putText(canvas, text, cv::Point(px, 2 * px), px, cv::Scalar::all(20), -1, cv::LINE_AA, true);
  Line l;
  cv::cvtColor(canvas, l.ink, cv::COLOR_BGR2GRAY);
  if (shrink != 1.0) cv::resize(l.ink, l.ink, cv::Size(), 1 / shrink, 1 / shrink, cv::INTER_AREA);
  cv::GaussianBlur(l.ink, l.ink, cv::Size(0, 0), blur);
  const double cell = px / shrink;
  const int top = cvRound(0.85 * px / shrink), height = cvRound(1.3 * px / shrink);
  for (int i = 0; i < n; ++i) l.cells.emplace_back(cvRound((px + i * px) / shrink), top, cvRound(cell), height);
  l.box = cv::Rect(l.cells.front().tl(), l.cells.back().br());
  return l;
}

// The tight box of the ink in `cell`, as the recogniser reports a symbol's box.
cv::Rect ink_box(const Line& l, const cv::Rect& cell) {
  std::vector<cv::Point> points;
  cv::findNonZero(l.ink(cell) < 200, points);
  const cv::Rect b = cv::boundingRect(points);
  return b + cell.tl();
}

// The symbols the recogniser would return for `line`: `read` (one character per cell, a "."
// where it misread a mark), `dropped` trailing cells left out.
std::vector<ocr::OcrSymbol> symbols(const Line& line, const std::string& read) {
  std::vector<ocr::OcrSymbol> out;
  const std::u32string chars = utf8_to_u32(read);
  for (size_t i = 0; i < chars.size(); ++i) {
    ocr::OcrSymbol s;
    s.text = u32_to_utf8(std::u32string(1, chars[i]));
    s.confidence = 0.9;
    s.box = ink_box(line, line.cells[i]);
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("small marks: a ring is the full stop, a tick the enumeration comma", "[ocr][marks]") {
  const Line l = printed("技术服务、技术开发。", 32);
  CHECK(ocr::classify_small_mark(l.ink, ink_box(l, l.cells[4])) == ocr::SmallMark::kEnumerationComma);
  CHECK(ocr::classify_small_mark(l.ink, ink_box(l, l.cells[9])) == ocr::SmallMark::kFullStop);
  // Paper only: no mark.
  CHECK(ocr::classify_small_mark(l.ink, cv::Rect(2, 2, 10, 10)) == ocr::SmallMark::kNone);
}

TEST_CASE("small marks: a '.' between Chinese characters becomes the mark its shape shows", "[ocr][marks]") {
  const Line l = printed("技术服务、技术开发。网页", 32);
  // chi_sim read 、 and the mid-text 。 as ".".
  auto read = symbols(l, "技术服务.技术开发.网页");
  CHECK(ocr::settle_small_marks(l.ink, read, {l.box}) == "技术服务、技术开发。网页");
  // A full stop between digits is not a Chinese mark.
  const Line n = printed("１２、３", 32);
  CHECK(ocr::settle_small_marks(n.ink, symbols(n, "1.23"), {n.box}) == "1.23");
}

// The rows the line's ink spans, as the field reader's line finder reports a text line.
cv::Rect ink_rows(const Line& l) {
  std::vector<cv::Point> points;
  cv::findNonZero(l.ink(l.box) < 160, points);
  const cv::Rect b = cv::boundingRect(points) + l.box.tl();
  return cv::Rect(l.box.x, b.y, l.box.width, b.height);
}

TEST_CASE("small marks: a semicolon read as a comma or colon is told by its two blobs", "[ocr][marks]") {
  // Licence print (WenQuanYi Zen Hei, the specimens' font) and Noto Sans CJK, sharp and at a
  // photo's 26 px line with its blur.
  for (const std::string& font : {std::string("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), kFont})
    for (const auto& [px, shrink, blur] : {std::tuple{32, 1.0, 0.7}, std::tuple{60, 2.2, 1.0}}) {
      CAPTURE(font, px, shrink);
      const Line l = printed("技术服务；技术开发，网页：设计", px, shrink, blur, font);
      const std::vector<cv::Rect> lines = {ink_rows(l)};
      // chi_sim's photo misreadings: ； as ， or ：.
      CHECK(ocr::settle_small_marks(l.ink, symbols(l, "技术服务，技术开发，网页：设计"), lines) ==
            "技术服务；技术开发，网页：设计");
      CHECK(ocr::settle_small_marks(l.ink, symbols(l, "技术服务：技术开发，网页：设计"), lines) ==
            "技术服务；技术开发，网页：设计");
      // A colon read as a semicolon is a colon; a comma read as one is one blob, left as read.
      CHECK(ocr::settle_small_marks(l.ink, symbols(l, "技术服务；技术开发；网页；设计"), lines) ==
            "技术服务；技术开发；网页：设计");
    }
}

TEST_CASE("small marks: a closing full stop the recogniser dropped is restored from the ink", "[ocr][marks]") {
  for (const double shrink : {1.0, 2.4}) {
    CAPTURE(shrink);
    const Line l = printed("设备零售。", 32, shrink, shrink > 1 ? 1.0 : 0.7);
    CHECK(ocr::settle_small_marks(l.ink, symbols(l, "设备零售"), {l.box}) == "设备零售。");
    // Read with its mark: nothing added.
    CHECK(ocr::settle_small_marks(l.ink, symbols(l, "设备零售。"), {l.box}) == "设备零售。");
  }
  // Paper after the last character, or another character there: no mark.
  const Line bare = printed("设备零售", 32);
  CHECK(ocr::settle_small_marks(bare.ink, symbols(bare, "设备零售"), {bare.box}) == "设备零售");
  const Line longer = printed("设备零售商", 32);
  CHECK(ocr::settle_small_marks(longer.ink, symbols(longer, "设备零售"), {longer.box}) == "设备零售");
}
