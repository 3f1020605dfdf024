#include "ocr/fields/small_marks.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "ocr/fields/text_clean.h"

namespace beian::ocr {
namespace {

// Ink pixels (255) of `grey` inside `area`: darker than `threshold`.
cv::Mat ink_mask(const cv::Mat& grey, const cv::Rect& area, double threshold) {
  cv::Mat mask;
  cv::threshold(grey(area), mask, threshold, 255, cv::THRESH_BINARY_INV);
  return mask;
}

// The paper a component encloses: its outline filled, less its own pixels.
int enclosed_paper(const cv::Mat& component) {
  std::vector<std::vector<cv::Point>> outlines;
  cv::findContours(component.clone(), outlines, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  cv::Mat filled = cv::Mat::zeros(component.size(), CV_8U);
  cv::drawContours(filled, outlines, -1, cv::Scalar(255), cv::FILLED);
  return cv::countNonZero(filled) - cv::countNonZero(component);
}

struct Blob {
  cv::Rect box;   // in the searched area
  int area = 0;
  cv::Mat mask;   // this blob's pixels, area-sized
};

// The 8-connected ink blobs of `mask`, left to right.
std::vector<Blob> blobs(const cv::Mat& mask) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<Blob> out;
  for (int i = 1; i < n; ++i) {
    Blob b;
    b.box = cv::Rect(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    b.area = stats.at<int>(i, cv::CC_STAT_AREA);
    b.mask = labels == i;
    out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const Blob& a, const Blob& b) { return a.box.x < b.box.x; });
  return out;
}

// A ring's hole is at least this much paper; a tick's ink encloses none (a pixel of noise may).
constexpr int kMinHole = 2;

bool is_cjk_text(const std::string& s) {
  const std::u32string u = utf8_to_u32(s);
  return !u.empty() && is_cjk(u.front());
}

}  // namespace

SmallMark classify_small_mark(const cv::Mat& ink, const cv::Rect& box) {
  if (ink.empty() || ink.type() != CV_8UC1) return SmallMark::kNone;
  const int margin = std::max(2, std::max(box.width, box.height) / 4);
  const cv::Rect area = cv::Rect(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin) &
                        cv::Rect(0, 0, ink.cols, ink.rows);
  if (area.width < 3 || area.height < 3) return SmallMark::kNone;
  double darkest = 0, lightest = 0;
  cv::minMaxLoc(ink(area), &darkest, &lightest);
  // Less contrast than this is paper texture, not a printed mark.
  if (lightest - darkest < 40) return SmallMark::kNone;
  // The mark is the biggest blob clear of the searched area's edge: ink reaching the edge
  // belongs to a neighbouring character that a loose box took in.
  const auto found = blobs(ink_mask(ink, area, (darkest + lightest) / 2));
  const Blob* mark = nullptr;
  for (const auto& b : found) {
    const bool at_edge = b.box.x == 0 || b.box.y == 0 || b.box.br().x == area.width || b.box.br().y == area.height;
    if (!at_edge && b.area >= 3 && (!mark || b.area > mark->area)) mark = &b;
  }
  if (!mark) return SmallMark::kNone;
  return enclosed_paper(mark->mask) >= kMinHole ? SmallMark::kFullStop : SmallMark::kEnumerationComma;
}

std::string settle_small_marks(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols, const cv::Rect& last_line) {
  std::string text;
  for (size_t i = 0; i < symbols.size(); ++i) {
    const OcrSymbol& s = symbols[i];
    const bool between_chinese = i > 0 && i + 1 < symbols.size() && is_cjk_text(symbols[i - 1].text) &&
                                 is_cjk_text(symbols[i + 1].text);
    if (between_chinese && s.text == ".") {
      const SmallMark mark = classify_small_mark(ink, s.box);
      text += mark == SmallMark::kFullStop ? "。" : mark == SmallMark::kEnumerationComma ? "、" : s.text;
    } else {
      text += s.text;
    }
  }
  if (symbols.empty() || ink.empty() || ink.type() != CV_8UC1 || last_line.height < 4) return text;
  const OcrSymbol& last = symbols.back();
  const int h = last_line.height;
  const cv::Point centre = (last.box.tl() + last.box.br()) / 2;
  if (!is_cjk_text(last.text) || !last_line.contains(centre)) return text;
  // Searched: one character's width after the last character, the line's height; contrast is
  // measured from that character's ink to the paper.
  const cv::Rect image(0, 0, ink.cols, ink.rows);
  const cv::Rect after = cv::Rect(last.box.br().x + 1, last_line.y, h, h) & image;
  const cv::Rect character = last.box & image;
  if (after.width < h / 2 || character.empty()) return text;
  double darkest = 0, lightest = 0, unused = 0;
  cv::minMaxLoc(ink(character), &darkest, &unused);
  cv::minMaxLoc(ink(after), &unused, &lightest);
  if (lightest - darkest < 40) return text;
  // A blurred ring is far fainter than the character before it (a fifth of its contrast on a
  // phone photo): ink here is anything clearly darker than the paper.
  const double threshold = lightest - std::max(20.0, 0.15 * (lightest - darkest));
  const int min_area = std::max(3, cvRound(0.015 * h * h));
  const auto found = blobs(ink_mask(ink, after, threshold));
  const Blob* first = nullptr;
  for (const auto& b : found)
    if (b.area >= min_area) {
      first = &b;
      break;
    }
  if (!first) return text;
  const cv::Rect& b = first->box;  // relative to `after`
  const bool small = b.width <= h / 2 && b.height <= h / 2;
  const bool low = b.y + b.height / 2 >= h / 2;
  const bool near = b.x <= 0.6 * h;
  // Nothing else (a next word) may follow within the searched width.
  const bool alone = std::none_of(found.begin(), found.end(), [&](const Blob& o) {
    return &o != first && o.area >= min_area && !(o.box & cv::Rect(b.x - 2, b.y - 2, b.width + 4, b.height + 4)).area();
  });
  if (small && low && near && alone) text += "。";
  return text;
}

}  // namespace beian::ocr
