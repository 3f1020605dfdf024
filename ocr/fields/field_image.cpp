#include "ocr/fields/field_image.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace beian::ocr {
namespace {

// restore_under_glare: the paper counts as glare from kGlareRise grey levels above the
// card's median paper and kSpotRise above the paper around it, fully kGlareRamp levels
// higher; strokes are restored only where the strongest stroke contrast nearby reaches
// kMinLocalContrast (ink, not noise).
constexpr double kGlareRise = 8;
constexpr double kSpotRise = 6;
constexpr double kGlareRamp = 8;
constexpr float kMinLocalContrast = 14.f;

// The grey level below which `share` of the 8-bit image's pixels lie (its darkest ink).
int dark_level(const cv::Mat& grey, double share) {
  int hist[256] = {0};
  for (int y = 0; y < grey.rows; ++y) {
    const uint8_t* row = grey.ptr<uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) ++hist[row[x]];
  }
  const double limit = share * static_cast<double>(grey.total());
  long acc = 0;
  int level = 0;
  for (; level < 255; ++level) {
    acc += hist[level];
    if (acc > limit) break;
  }
  return level;
}

// Text under a glare spot: the spot adds light until the paper clips at white, and the
// strokes beneath it are left as pale grey (200-250 on 255), above the knee that fades
// coloured print. Where the paper estimate rises clearly above the card's typical paper and
// above the paper around it (a spot, not lighting that brightens one side of the card
// smoothly), the ratio is replaced, in proportion to how clearly, by the strokes' own
// contrast: how much darker each pixel is than a closing over a few stroke widths (thin
// dark strokes, not the spot's smooth flank), relative to the strongest such contrast
// nearby, wherever that is real ink rather than noise. Elsewhere `ratio` is left as it is.
// How clearly the paper is a glare spot, 0..1 per pixel of `small_paper` (the paper estimate
// at a quarter scale): rising above the card's median paper and above the paper around it.
cv::Mat glare_weight(const cv::Mat& small_paper) {
  cv::Mat sorted = small_paper.reshape(1, 1).clone();
  const int mid = static_cast<int>(sorted.total() / 2);
  std::nth_element(sorted.ptr<uint8_t>(), sorted.ptr<uint8_t>() + mid, sorted.ptr<uint8_t>() + sorted.total());
  const double typical = sorted.at<uint8_t>(mid);
  cv::Mat weight_small, around, spot;
  small_paper.convertTo(weight_small, CV_32F, 1.0 / kGlareRamp, -(typical + kGlareRise) / kGlareRamp);
  cv::GaussianBlur(small_paper, around, {0, 0}, small_paper.cols / 8.0);
  cv::subtract(small_paper, around, spot, cv::noArray(), CV_32F);
  spot.convertTo(spot, CV_32F, 1.0 / kGlareRamp, -kSpotRise / kGlareRamp);
  cv::min(weight_small, spot, weight_small);
  cv::min(cv::max(weight_small, 0.0), 1.0, weight_small);
  return weight_small;
}

void restore_under_glare(const cv::Mat& value, const cv::Mat& small_paper, cv::Mat& ratio) {
  const cv::Mat weight_small = glare_weight(small_paper);
  double most = 0;
  cv::minMaxLoc(weight_small, nullptr, &most);
  if (most <= 0) return;
  cv::Mat weight;
  cv::resize(weight_small, weight, value.size(), 0, 0, cv::INTER_LINEAR);
  const int stroke_k = std::max(3, (value.cols / 95) | 1);
  const int k = std::max(5, (value.cols / 25) | 1);
  cv::Mat closed, strokes, strongest;
  cv::morphologyEx(value, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {stroke_k, stroke_k}));
  cv::subtract(closed, value, strokes);
  cv::dilate(strokes, strongest, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  cv::blur(strongest, strongest, {k, k});
  for (int y = 0; y < value.rows; ++y) {
    const uint8_t* sr = strokes.ptr<uint8_t>(y);
    const uint8_t* cr = strongest.ptr<uint8_t>(y);
    const float* wr = weight.ptr<float>(y);
    float* out = ratio.ptr<float>(y);
    for (int x = 0; x < value.cols; ++x) {
      if (wr[x] <= 0.f || cr[x] < kMinLocalContrast) continue;
      const float local = std::clamp(1.f - static_cast<float>(sr[x]) / cr[x], 0.f, 1.f);
      out[x] = std::min(out[x], (1.f - wr[x]) * out[x] + wr[x] * local);
    }
  }
}

// The maximum over B, G, R (grey as it is).
cv::Mat colour_value(const cv::Mat& bgr) {
  if (bgr.channels() != 3) return bgr.clone();
  cv::Mat ch[3];
  cv::split(bgr, ch);
  return cv::max(cv::max(ch[0], ch[1]), ch[2]);
}

// The paper's brightness at a quarter scale: a closing removes strokes, a blur smooths.
cv::Mat small_paper_of(const cv::Mat& value) {
  cv::Mat small;
  cv::resize(value, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  cv::morphologyEx(small, small, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {9, 9}));
  cv::GaussianBlur(small, small, {0, 0}, 4);
  return small;
}

}  // namespace

cv::Mat glare_mask(const cv::Mat& bgr) {
  if (bgr.empty()) return {};
  const cv::Mat value = colour_value(bgr);
  cv::Mat weight, mask;
  cv::resize(glare_weight(small_paper_of(value)), weight, value.size(), 0, 0, cv::INTER_LINEAR);
  cv::compare(weight, 0.0, mask, cv::CMP_GT);
  return mask;
}

cv::Mat ink_image(const cv::Mat& bgr, bool restore_glare) {
  const cv::Mat value = colour_value(bgr);
  // Paper brightness; dividing by it flattens lighting gradients and shadows.
  const cv::Mat small = small_paper_of(value);
  cv::Mat paper;
  cv::resize(small, paper, value.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat f, p;
  value.convertTo(f, CV_32F);
  paper.convertTo(p, CV_32F);
  cv::max(p, 1.0, p);
  cv::Mat ratio = f / p;  // 1 on paper, < 1 on ink
  if (restore_glare) restore_under_glare(value, small, ratio);
  cv::Mat out;
  ratio.convertTo(out, CV_8U, 255.0);
  // Stretch so the darkest ink (0.5th percentile) maps near 0.
  const int dark = dark_level(out, 0.005);
  // Map the darkest ink to 0 and everything lighter than 80% of the way to the paper to
  // white: faded coloured print (blue labels, 年/月/日, the pattern) disappears while black
  // strokes keep their anti-aliased edges.
  if (dark < 200) {
    const double knee = dark + 0.8 * (255 - dark);
    const double gain = 255.0 / std::max(1.0, knee - dark);
    out.convertTo(out, CV_8U, gain, -dark * gain);
  }
  return out;
}

cv::Rect dark_ink_box(const cv::Mat& grey) {
  std::vector<cv::Point> points;
  cv::findNonZero(grey < 128, points);
  return points.empty() ? cv::Rect() : cv::boundingRect(points);
}

cv::Mat ink_mask(const cv::Mat& ink, const cv::Rect& region) {
  const cv::Rect r = region & cv::Rect(0, 0, ink.cols, ink.rows);
  cv::Mat mask;
  if (r.empty()) return mask;
  const cv::Mat roi = ink(r);
  // Otsu separates ink from paper when there is ink. Its threshold is capped so a box of
  // paper and faint pattern stays empty; the cap rises with the box's own darkest ink, so
  // a field whose thin strokes blurred to mid-grey (a small, soft photo: the darkest ink of
  // the whole card is elsewhere) is still found. No ink darker than kNoInk: nothing there.
  constexpr int kNoInk = 215;
  const int darkest = dark_level(roi, 0.005);
  if (darkest > kNoInk) return cv::Mat::zeros(roi.size(), CV_8U);
  cv::Mat tmp;
  const double otsu = cv::threshold(roi, tmp, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const double t = std::min(otsu, std::max(150.0, darkest + 0.55 * (255 - darkest)));
  cv::threshold(roi, mask, t, 255, cv::THRESH_BINARY_INV);
  return mask;
}

namespace {

// `line` (found inside `region`) followed outwards along its ink where it reaches a side of
// the region, until a gap of half the line's height.
cv::Rect follow_line_ink(const cv::Mat& ink, const cv::Rect& line, const cv::Rect& region) {
  const bool at_left = line.x <= region.x, at_right = line.br().x >= region.br().x;
  if (!at_left && !at_right) return line;
  const int reach = 3 * line.height, max_gap = std::max(2, line.height / 2);
  const cv::Rect wide = cv::Rect(line.x - reach, line.y, line.width + 2 * reach, line.height) & cv::Rect(0, 0, ink.cols, ink.rows);
  cv::Mat mask = ink_mask(ink, wide);
  if (mask.empty()) return line;
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
  cv::Mat columns;
  cv::reduce(mask / 255, columns, 0, cv::REDUCE_SUM, CV_32S);
  int left = line.x - wide.x, right = line.br().x - wide.x;  // [left, right) in `wide`
  if (at_left)
    for (int x = left - 1, gap = 0; x >= 0 && gap <= max_gap; --x) {
      if (columns.at<int>(0, x) > 0) left = x, gap = 0;
      else ++gap;
    }
  if (at_right)
    for (int x = right, gap = 0; x < columns.cols && gap <= max_gap; ++x) {
      if (columns.at<int>(0, x) > 0) right = x + 1, gap = 0;
      else ++gap;
    }
  return cv::Rect(wide.x + left, line.y, right - left, line.height);
}

}  // namespace

cv::Rect line_across_glare(const cv::Mat& ink, const cv::Mat& glare, const cv::Rect& line, const cv::Rect& region,
                           int max_gap) {
  if (glare.empty() || glare.size() != ink.size() || line.empty()) return line;
  const cv::Rect strip = cv::Rect(region.x, line.y, region.width, line.height) & cv::Rect(0, 0, ink.cols, ink.rows);
  if (strip.empty() || (line & strip) != line) return line;
  cv::Mat inked, glared;
  cv::reduce(ink_mask(ink, strip) / 255, inked, 0, cv::REDUCE_SUM, CV_32S);
  cv::reduce(glare(strip) / 255, glared, 0, cv::REDUCE_SUM, CV_32S);
  const auto is_glare = [&](int x) { return 2 * glared.at<int>(0, x) >= strip.height; };
  // One side, walking from `from` by `step`: the last ink column reached, or -1 when the
  // walk crossed no glare.
  const auto follow = [&](int from, int step) {
    int last_ink = -1, gap = 0;
    bool crossed = false;
    for (int x = from; x >= 0 && x < strip.width; x += step) {
      if (inked.at<int>(0, x) > 0) last_ink = x, gap = 0;
      else if (is_glare(x)) crossed = true, gap = 0;
      else if (++gap > max_gap) break;
    }
    return crossed ? last_ink : -1;
  };
  int left = line.x - strip.x, right = line.br().x - strip.x;  // [left, right) in `strip`
  if (const int x = follow(left - 1, -1); x >= 0) left = std::min(left, x);
  if (const int x = follow(right, 1); x >= 0) right = std::max(right, x + 1);
  return cv::Rect(strip.x + left, line.y, right - left, line.height);
}

std::vector<cv::Rect> find_text_lines(const cv::Mat& ink, const cv::Rect& region, int min_height,
                                      double line_pitch, int max_lines, bool follow_ink) {
  std::vector<cv::Rect> lines;
  const cv::Rect r = region & cv::Rect(0, 0, ink.cols, ink.rows);
  if (r.empty()) return lines;
  cv::Mat mask = ink_mask(ink, r);
  // Drop specks (noise, JPEG ringing) before projecting.
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
  std::vector<int> rows(mask.rows, 0);
  for (int y = 0; y < mask.rows; ++y) rows[y] = cv::countNonZero(mask.row(y));
  const int row_min = std::max(2, mask.cols / 200);
  // Bands of consecutive inked rows, bridging gaps of 2 rows (the dots of 日 etc.).
  std::vector<std::pair<int, int>> bands;
  int start = -1, gap = 0;
  for (int y = 0; y <= mask.rows; ++y) {
    const bool on = y < mask.rows && rows[y] >= row_min;
    if (on) {
      if (start < 0) start = y;
      gap = 0;
    } else if (start >= 0 && (++gap > 2 || y == mask.rows)) {
      bands.emplace_back(start, y - gap + 1);
      start = -1;
      gap = 0;
    }
  }
  // A band too low to be a line joins the band just above or below it: the top stroke of a
  // character alone on its line (京's 亠, 3 rows above its 口 in a clean card's ethnicity)
  // was dropped as noise and the rest read as 水.
  const int join_gap = std::max(3, min_height / 2);
  for (size_t i = 0; i < bands.size();) {
    const auto height = [&](size_t k) { return bands[k].second - bands[k].first; };
    if (height(i) >= min_height) {
      ++i;
      continue;
    }
    const bool below = i + 1 < bands.size() && bands[i + 1].first - bands[i].second <= join_gap;
    const bool above = i > 0 && bands[i].first - bands[i - 1].second <= join_gap;
    if (below && (!above || bands[i + 1].first - bands[i].second <= bands[i].first - bands[i - 1].second)) {
      bands[i + 1].first = bands[i].first;
      bands.erase(bands.begin() + static_cast<long>(i));
    } else if (above) {
      bands[i - 1].second = bands[i].second;
      bands.erase(bands.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  // Two lines set close and slightly tilted leave only a 2-row gap, which the bridging above
  // closes (seed 99's photo licence read two scope lines as one band and returned 和), or no
  // blank row at all (seed 101: a valley of 3 inked pixels under peaks of 236). In a field of
  // several lines, a band more than 1.6 times as tall as the others (their median) is cut at
  // its weakest row when that leaves at least half their height on both sides, is blank or
  // holds at most a quarter of the band's peak, and both parts look printed (ink fills a tenth
  // of their inked box): an arc of the seal bridged to a hard licence's authority line stays
  // with it, a last line of two characters (务。) does not.
  if (line_pitch > 0 && bands.size() > 1) {
    // Printed characters fill a tenth or more of their rows' inked box; an arc or a rule, a
    // few hundredths.
    const auto print_like = [&](int from, int to) {
      cv::Mat part = mask.rowRange(from, to);
      std::vector<cv::Point> pts;
      cv::findNonZero(part, pts);
      if (pts.empty()) return false;
      const cv::Rect box = cv::boundingRect(pts);
      return cv::countNonZero(part) >= 0.1 * box.area();
    };
    for (size_t i = 0; i < bands.size();) {
      std::vector<int> others;
      for (size_t k = 0; k < bands.size(); ++k)
        if (k != i && bands[k].second - bands[k].first >= min_height) others.push_back(bands[k].second - bands[k].first);
      const auto [a, b] = bands[i];
      int cut = -1, next = -1;
      if (!others.empty()) {
        std::nth_element(others.begin(), others.begin() + static_cast<long>(others.size() / 2), others.end());
        const int line_height = others[others.size() / 2];
        const int part = std::max(min_height, line_height / 2);
        if (b - a > 1.6 * line_height) {
          for (int y = a + part; y < b - part; ++y)
            if (cut < 0 || rows[y] < rows[cut] ||
                (rows[y] == rows[cut] && std::abs(2 * y - a - b) < std::abs(2 * cut - a - b)))
              cut = y;
          // A valley, not a thin row of the characters: blank or nearly so against the band's peak.
          const int peak = *std::max_element(rows.begin() + a, rows.begin() + b);
          if (cut >= 0 && rows[cut] >= row_min && rows[cut] > peak / 4) cut = -1;
        }
        if (cut >= 0) {
          next = cut;
          while (next < b && rows[next] < row_min) ++next;
          if (!print_like(a, cut) || !print_like(next, b)) cut = -1;
        }
      }
      if (cut < 0) {
        ++i;
        continue;
      }
      bands[i].second = cut;  // the upper part is looked at again: it may hold more
      bands.insert(bands.begin() + static_cast<long>(i) + 1, {next, b});
    }
  }
  // Split bands holding more than one line at their weakest row near the expected pitch.
  std::vector<std::pair<int, int>> split;
  for (auto [a, b] : bands) {
    while (line_pitch > 0 && b - a > 1.6 * line_pitch) {
      const int lo = a + static_cast<int>(0.7 * line_pitch), hi = std::min(b - 1, a + static_cast<int>(1.3 * line_pitch));
      int cut = lo;
      for (int y = lo; y <= hi; ++y)
        if (rows[y] < rows[cut]) cut = y;
      split.emplace_back(a, cut);
      a = cut + 1;
    }
    split.emplace_back(a, b);
  }
  for (auto [a, b] : split) {
    if (b - a < min_height) continue;
    cv::Mat band = mask.rowRange(a, b);
    std::vector<cv::Point> pts;
    cv::findNonZero(band, pts);
    if (pts.empty()) continue;
    cv::Rect box = cv::boundingRect(pts);
    box.y += a;
    lines.push_back(follow_ink ? follow_line_ink(ink, box + r.tl(), r) : box + r.tl());
  }
  if (static_cast<int>(lines.size()) > max_lines) {
    // Keep the tallest/most inked lines, in reading order.
    std::vector<cv::Rect> sorted = lines;
    std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.area() > y.area(); });
    sorted.resize(max_lines);
    std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.y < y.y; });
    lines = sorted;
  }
  return lines;
}

cv::Rect end_at_gap(const cv::Mat& ink, const cv::Rect& line, int max_gap) {
  const cv::Rect r = line & cv::Rect(0, 0, ink.cols, ink.rows);
  if (r.empty() || max_gap <= 0) return line;
  cv::Mat mask = ink_mask(ink, r);
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
  cv::Mat columns;
  cv::reduce(mask / 255, columns, 0, cv::REDUCE_SUM, CV_32S);
  // Inked runs, joined over gaps up to max_gap.
  std::vector<std::pair<int, int>> runs;  // [begin, end)
  for (int x = 0; x < columns.cols; ++x) {
    if (!columns.at<int>(0, x)) continue;
    if (!runs.empty() && x - runs.back().second <= max_gap) runs.back().second = x + 1;
    else runs.emplace_back(x, x + 1);
  }
  for (size_t k = 0; k < runs.size(); ++k) {
    if (2 * (runs[k].second - runs[k].first) < r.height) continue;
    // Only what lies beyond a wide gap goes: this mask, set by the line's own darkest ink, may
    // miss faint strokes at the value's ends that the line's search kept (the 氵 of a small 汉).
    const int left = k > 0 ? runs[k].first : 0;
    const int right = r.width - runs[k].second > max_gap ? runs[k].second : r.width;
    return cv::Rect(r.x + left, r.y, right - left, r.height);
  }
  return line;
}

cv::Mat crop_for_ocr(const cv::Mat& ink, const cv::Rect& region, double scale) {
  const cv::Rect r = region & cv::Rect(0, 0, ink.cols, ink.rows);
  if (r.empty()) return cv::Mat();
  cv::Mat crop = ink(r);
  // A faint line (thin strokes blurred to grey) is stretched so its darkest ink is black:
  // Tesseract reads contrast, and the card-wide stretch of ink_image did not reach it.
  // (Stretching only lines fainter than 64 was tried: seed 78 clean ID fronts with every
  // field right fell from 29 to 24 of 39.)
  if (const int dark = dark_level(crop, 0.01); dark > 0 && dark < 255) {
    cv::Mat stretched;
    crop.convertTo(stretched, CV_8U, 255.0 / (255 - dark), -dark * 255.0 / (255 - dark));
    crop = stretched;
  }
  cv::Mat scaled;
  cv::resize(crop, scaled, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  return scaled;
}

cv::Mat line_for_ocr(const cv::Mat& ink, const cv::Rect& line, double text_height, int pad) {
  const int margin = std::max(2, line.height / 6);
  const cv::Rect r(line.x - margin, line.y - margin, line.width + 2 * margin, line.height + 2 * margin);
  const cv::Mat scaled = crop_for_ocr(ink, r, text_height / std::max(1, line.height));
  cv::Mat out;
  if (scaled.empty()) return out;
  cv::copyMakeBorder(scaled, out, pad, pad, pad, pad, cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

}  // namespace beian::ocr
