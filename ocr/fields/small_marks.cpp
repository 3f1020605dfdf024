#include "ocr/fields/small_marks.h"

#include <algorithm>
#include <cmath>

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

// The stacked marks' blobs, as shares of the line's height: the upper's centre lies this high
// on the line, the lower's this low, neither is bigger than a mark. The lower's ink mass and
// vertical spread over the upper's tell ； (both >= kSemicolonRatio: its tail) from ： (both
// <= kColonRatio). Clean and photo scopes of seed 84 (text lines 25-28 px): 123 of 125
// printed ； seen as two blobs, centres 0.33-0.38 and 0.77-0.87, mass ratio 1.25-2.35, spread
// ratio 1.28-2.3; a colon rendered at 26 and 31 px: 1.00-1.04 and 1.06-1.11.
constexpr double kUpperCentre[2] = {0.2, 0.55};
constexpr double kLowerCentre[2] = {0.6, 1.0};
constexpr double kMaxPart = 0.4;
constexpr double kSemicolonRatio = 1.2;
constexpr double kColonRatio = 1.12;

// A blob's darkness (paper level minus grey, summed over its box and a pixel around it) and
// the standard deviation of its rows weighted by it.
struct InkSpread {
  double mass = 0, spread = 0;
};

InkSpread ink_spread(const cv::Mat& grey, const cv::Rect& blob, double paper) {
  const cv::Rect box = cv::Rect(blob.x - 1, blob.y - 1, blob.width + 2, blob.height + 2) & cv::Rect(0, 0, grey.cols, grey.rows);
  double mass = 0, sum_y = 0, sum_yy = 0;
  for (int y = box.y; y < box.br().y; ++y)
    for (int x = box.x; x < box.br().x; ++x) {
      const double w = std::max(0.0, paper - grey.at<uint8_t>(y, x));
      mass += w;
      sum_y += w * y;
      sum_yy += w * y * y;
    }
  if (mass <= 0) return {};
  const double mean = sum_y / mass;
  return {mass, std::sqrt(std::max(0.0, sum_yy / mass - mean * mean))};
}

// The line of `lines` the centre of `box` lies in, or nullptr.
const cv::Rect* line_of(const std::vector<cv::Rect>& lines, const cv::Rect& box) {
  const int y = box.y + box.height / 2;
  for (const auto& l : lines)
    if (y >= l.y && y < l.br().y) return &l;
  return nullptr;
}

bool is_stacked_mark_text(const std::string& s) {
  return s == "，" || s == "," || s == "：" || s == ":" || s == "；" || s == ";";
}

// Text a Chinese mark may follow or precede: Chinese characters and full-width brackets.
bool opens_after(const std::string& s) { return is_cjk_text(s) || s == "）" || s == ")"; }
bool closes_before(const std::string& s) { return is_cjk_text(s) || s == "（" || s == "("; }

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

SmallMark classify_stacked_mark(const cv::Mat& ink, const cv::Rect& box, const cv::Rect& line, const cv::Range& within) {
  if (ink.empty() || ink.type() != CV_8UC1 || line.height < 8) return SmallMark::kNone;
  const int h = line.height;
  const int left = std::max(box.x - h / 5, within.start), right = std::min(box.br().x + h / 5, within.end);
  const cv::Rect area = cv::Rect(left, line.y - h / 8, right - left, h + h / 8 + h / 4) & cv::Rect(0, 0, ink.cols, ink.rows);
  if (area.width < 3 || area.height < h) return SmallMark::kNone;
  double darkest = 0, lightest = 0;
  cv::minMaxLoc(ink(area), &darkest, &lightest);
  if (lightest - darkest < 40) return SmallMark::kNone;
  const auto found = blobs(ink_mask(ink, area, (darkest + lightest) / 2));
  // The mark's blobs: clear of the searched columns' sides (ink there belongs to a
  // neighbour), specks beside the largest left out.
  int largest = 0;
  for (const auto& b : found) largest = std::max(largest, b.area);
  std::vector<const Blob*> parts;
  for (const auto& b : found)
    if (b.box.x > 0 && b.box.br().x < area.width && b.area >= std::max(2, largest / 6)) parts.push_back(&b);
  if (parts.size() != 2) return SmallMark::kNone;
  if (parts[0]->box.y > parts[1]->box.y) std::swap(parts[0], parts[1]);
  const cv::Rect upper = parts[0]->box, lower = parts[1]->box;
  const double top = line.y - area.y;
  const auto centre = [&](const cv::Rect& b) { return (b.y + b.height / 2.0 - top) / h; };
  const bool one_over_other = std::min(upper.br().x, lower.br().x) > std::max(upper.x, lower.x);
  const bool placed = centre(upper) >= kUpperCentre[0] && centre(upper) <= kUpperCentre[1] &&
                      centre(lower) >= kLowerCentre[0] && centre(lower) <= kLowerCentre[1];
  const bool small = std::max({upper.width, upper.height, lower.width, lower.height}) <= kMaxPart * h;
  if (!one_over_other || !placed || !small) return SmallMark::kNone;
  // Compared by darkness, not by pixels over a threshold: the dots are 3-4 px on a photo,
  // where a colon's two measure 3 and 4 px tall.
  const cv::Mat grey = ink(area);
  const InkSpread u = ink_spread(grey, upper, lightest), l = ink_spread(grey, lower, lightest);
  if (u.mass <= 0 || u.spread <= 0) return SmallMark::kNone;
  const double mass = l.mass / u.mass, spread = l.spread / u.spread;
  if (mass >= kSemicolonRatio && spread >= kSemicolonRatio) return SmallMark::kSemicolon;
  if (mass <= kColonRatio && spread <= kColonRatio) return SmallMark::kColon;
  return SmallMark::kNone;
}

std::string settle_small_marks(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols, const std::vector<cv::Rect>& lines) {
  std::string text;
  for (size_t i = 0; i < symbols.size(); ++i) {
    const OcrSymbol& s = symbols[i];
    const bool inside = i > 0 && i + 1 < symbols.size();
    const bool between_chinese = inside && is_cjk_text(symbols[i - 1].text) && is_cjk_text(symbols[i + 1].text);
    if (between_chinese && s.text == ".") {
      const SmallMark mark = classify_small_mark(ink, s.box);
      text += mark == SmallMark::kFullStop ? "。" : mark == SmallMark::kEnumerationComma ? "、" : s.text;
    } else if (inside && is_stacked_mark_text(s.text) && opens_after(symbols[i - 1].text) &&
               closes_before(symbols[i + 1].text)) {
      // Searched between the neighbours' boxes when they stand beside it on its line.
      const cv::Rect* line = line_of(lines, s.box);
      const cv::Rect& before = symbols[i - 1].box;
      const cv::Rect& after = symbols[i + 1].box;
      cv::Range within(0, ink.cols);
      if (line && line_of(lines, before) == line && before.br().x <= s.box.x) within.start = before.br().x + 1;
      if (line && line_of(lines, after) == line && after.x >= s.box.br().x) within.end = after.x;
      const SmallMark mark = line ? classify_stacked_mark(ink, s.box, *line, within) : SmallMark::kNone;
      text += mark == SmallMark::kSemicolon ? "；" : mark == SmallMark::kColon ? "：" : s.text;
    } else {
      text += s.text;
    }
  }
  if (symbols.empty() || lines.empty() || ink.empty() || ink.type() != CV_8UC1 || lines.back().height < 4) return text;
  const cv::Rect& last_line = lines.back();
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
