#include "ocr/mrz/mrz_lines.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace beian::ocr {
namespace {

struct Glyph {
  cv::Rect box;
  double cx() const { return box.x + box.width / 2.0; }
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Least-squares y = a + b·x; false when x does not vary.
bool fit_line(const std::vector<double>& x, const std::vector<double>& y, double& a, double& b) {
  const size_t n = x.size();
  if (n < 2) return false;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const double d = n * sxx - sx * sx;
  if (std::abs(d) < 1e-9) return false;
  b = (n * sxy - sx * sy) / d;
  a = (sy - b * sx) / n;
  return true;
}

// Least-squares y = a + b·x + c·x²; false when x does not vary enough.
bool fit_quadratic(const std::vector<double>& x, const std::vector<double>& y, double& a, double& b, double& c) {
  if (x.size() < 3) return false;
  cv::Mat design(static_cast<int>(x.size()), 3, CV_64F), target(static_cast<int>(x.size()), 1, CV_64F);
  for (size_t i = 0; i < x.size(); ++i) {
    double* row = design.ptr<double>(static_cast<int>(i));
    row[0] = 1;
    row[1] = x[i];
    row[2] = x[i] * x[i];
    target.at<double>(static_cast<int>(i)) = y[i];
  }
  cv::Mat coefficients;
  if (!cv::solve(design, target, coefficients, cv::DECOMP_SVD)) return false;
  a = coefficients.at<double>(0);
  b = coefficients.at<double>(1);
  c = coefficients.at<double>(2);
  return std::isfinite(a) && std::isfinite(b) && std::isfinite(c);
}

// The cell index whose centre a + b·i + c·i² lies nearest x (one Newton step from the linear guess).
double cell_index(double x, double a, double b, double c) {
  double i = (x - a) / b;
  const double slope = b + 2 * c * i;
  if (slope > 0) i -= (a + b * i + c * i * i - x) / slope;
  return std::round(i);
}

// The glyph-like components of `ink` inside `region` whose height suits a row `row_height` tall.
std::vector<Glyph> glyphs_in(const cv::Mat& ink, const cv::Rect& region, double row_height, double row_centre_y) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink(region), labels, stats, centroids, 8, CV_32S);
  std::vector<Glyph> glyphs;
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT) + region.x, stats.at<int>(i, cv::CC_STAT_TOP) + region.y,
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const double cy = box.y + box.height / 2.0;
    if (box.height < 0.25 * row_height || box.height > 1.25 * row_height) continue;
    if (box.width > 2.5 * row_height || std::abs(cy - row_centre_y) > 0.5 * row_height) continue;
    // The narrowest OCR-B glyph ('1') is 0.4 of its height: a thinner upright stroke (even a
    // short one-pixel sliver) is a rule or a page edge beside the line, and would add a cell
    // at its end.
    if (box.width < 0.2 * box.height) continue;
    glyphs.push_back({box});
  }
  std::sort(glyphs.begin(), glyphs.end(), [](const Glyph& a, const Glyph& b) { return a.cx() < b.cx(); });
  return glyphs;
}

// Each glyph's cell counted from the first glyph's: a step between neighbours is as many
// cells as it is long against the median of the steps near it (within 4 glyphs, those of
// 0.6-2 times `expected`), so a glyph broken in two shares its cell and a missing one
// leaves a gap.
std::vector<double> walk_cells(const std::vector<Glyph>& glyphs, double expected) {
  std::vector<double> steps(glyphs.size(), 0), cells(glyphs.size(), 0);
  for (size_t j = 1; j < glyphs.size(); ++j) steps[j] = glyphs[j].cx() - glyphs[j - 1].cx();
  for (size_t j = 1; j < glyphs.size(); ++j) {
    std::vector<double> near;
    for (size_t k = j > 4 ? j - 4 : 1; k < std::min(glyphs.size(), j + 5); ++k)
      if (steps[k] > 0.6 * expected && steps[k] < 2.0 * expected) near.push_back(steps[k]);
    const double local = near.empty() ? expected : median(near);
    cells[j] = cells[j - 1] + std::round(steps[j] / local);
  }
  return cells;
}

// Fits cells of constant pitch through the glyphs; false when they are not such a row.
bool fit_cells(const std::vector<Glyph>& glyphs, double pitch_to_cap, int min_chars, MrzLineGeometry& line) {
  if (glyphs.size() < static_cast<size_t>(min_chars)) return false;
  std::vector<double> heights;
  for (const auto& g : glyphs) heights.push_back(g.box.height);
  std::vector<double> sorted = heights;
  std::sort(sorted.begin(), sorted.end());
  const double tall_limit = 0.8 * sorted[sorted.size() * 9 / 10];
  std::vector<double> tall_heights, tall_x, tall_bottom;
  for (const auto& g : glyphs)
    if (g.box.height >= tall_limit) {
      tall_heights.push_back(g.box.height);
      tall_x.push_back(g.cx());
      tall_bottom.push_back(g.box.y + g.box.height);
    }
  if (tall_heights.size() < 5) return false;
  line.cap_height = median(tall_heights);
  if (!fit_line(tall_x, tall_bottom, line.baseline_at_0, line.baseline_slope)) return false;

  // Pitch: the usual distance between neighbouring glyphs near what the font predicts.
  const double expected = pitch_to_cap * line.cap_height;
  std::vector<double> steps;
  for (size_t i = 1; i < glyphs.size(); ++i) {
    const double d = glyphs[i].cx() - glyphs[i - 1].cx();
    if (d > 0.6 * expected && d < 2.0 * expected) steps.push_back(d);
  }
  // Cells of one pitch first; when the glyphs stray from them, cells whose pitch changes
  // steadily along the line (the perspective a rectification left), kept only when they fit
  // and the pitch changes by less than kMaxPitchChange from end to end.
  constexpr double kMaxResidual = 0.15, kMaxPitchChange = 0.25;
  double a = glyphs.front().cx(), c = 0;
  double b = steps.size() >= std::max<size_t>(4, glyphs.size() / 2) ? median(steps) : expected;
  double residual = 0;
  auto refine = [&](bool quadratic) {
    // A pitch that changes along the line cannot be found from cells of one pitch (they
    // drift by a cell over a long line): its first cells are counted glyph by glyph, each
    // step measured against the steps around it.
    const std::vector<double> walked = quadratic ? walk_cells(glyphs, expected) : std::vector<double>{};
    for (int iteration = 0; iteration < 3; ++iteration) {
      std::vector<double> idx, centre;
      for (size_t j = 0; j < glyphs.size(); ++j) {
        const auto& g = glyphs[j];
        const double i = iteration == 0 && quadratic ? walked[j] : cell_index(g.cx(), a, b, c);
        if (g.box.width > 1.2 * (b + 2 * c * i)) continue;  // two glyphs run together
        idx.push_back(i);
        centre.push_back(g.cx());
      }
      double na = a, nb = b, nc = 0;
      if (!(quadratic ? fit_quadratic(idx, centre, na, nb, nc) : fit_line(idx, centre, na, nb)) || nb <= 0) return false;
      a = na, b = nb, c = nc;
      double sum = 0;
      for (size_t i = 0; i < idx.size(); ++i) {
        const double e = (centre[i] - (a + b * idx[i] + c * idx[i] * idx[i])) / (b + 2 * c * idx[i]);
        sum += e * e;
      }
      residual = std::sqrt(sum / std::max<size_t>(1, idx.size()));
    }
    return true;
  };
  if (!refine(false)) return false;
  if (residual > kMaxResidual) {
    const double la = a, lb = b, lresidual = residual;
    bool fits = refine(true) && residual <= kMaxResidual;
    if (fits) {  // the pitch at the first and the last glyph's cells, in the fitted cells' frame
      const double first = cell_index(glyphs.front().cx(), a, b, c), last = cell_index(glyphs.back().cx(), a, b, c);
      fits = std::abs(2 * c * (last - first)) < kMaxPitchChange * (b + 2 * c * first);
    }
    if (!fits) a = la, b = lb, c = 0, residual = lresidual;
  }
  // Re-based on the first glyph's cell: cell 0 is the first glyph's.
  const double k0 = cell_index(glyphs.front().cx(), a, b, c);
  a = a + b * k0 + c * k0 * k0;
  b = b + 2 * c * k0;
  // OCR-B digits stand ~8% taller than capitals, so glyph heights mislead; the pitch, fitted
  // over the whole line, fixes the scale exactly (unless the print is letter-spaced).
  line.first_centre = a;
  line.pitch = b;
  line.pitch_change = c;
  line.char_count = static_cast<int>(cell_index(glyphs.back().cx(), a, b, c)) + 1;
  line.fit_residual = residual;
  const double from_pitch = line.pitch_at((line.char_count - 1) / 2.0) / pitch_to_cap;  // mid-line
  if (std::abs(from_pitch / line.cap_height - 1.0) < 0.2) line.cap_height = from_pitch;
  line.cap_height *= b / line.pitch_at((line.char_count - 1) / 2.0);  // at cell 0
  int left = glyphs.front().box.x, right = glyphs.back().box.br().x, top = INT32_MAX, bottom = 0;
  for (const auto& g : glyphs) {
    top = std::min(top, g.box.y);
    bottom = std::max(bottom, g.box.br().y);
  }
  line.box = cv::Rect(left, top, right - left, bottom - top);
  return residual <= kMaxResidual && line.char_count >= min_chars &&
         glyphs.size() >= static_cast<size_t>(0.6 * line.char_count);
}

// Pixels clearly darker than their neighbourhood (block × block).
cv::Mat dark_ink(const cv::Mat& grey, int block) {
  cv::Mat ink;
  cv::adaptiveThreshold(grey, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 12);
  return ink;
}

// Glyphs of a row joined into one blob: a horizontal closing `gap` pixels wide.
cv::Mat join_rows(const cv::Mat& ink, int gap) {
  cv::Mat rows;
  cv::morphologyEx(ink, rows, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(gap, 1)));
  return rows;
}

// The text rows of joined-row component `label` (bounding box `blob`). Faint background lines
// (guilloche print) can bridge the two lines of a zone into one component; a row of joined
// glyphs spans most of the width while a bridging line spans little of it. Rows are the runs
// spanning at least a third of the widest scan line; the blob is cut at the narrowest scan
// line between two rows, and each part is trimmed of scan lines spanning under a tenth of its
// widest (so tall capitals above a run of short '<' stay in their row, and a page edge
// touching the row is cut off).
std::vector<cv::Rect> split_rows(const cv::Mat& labels, int label, const cv::Rect& blob) {
  std::vector<int> span(static_cast<size_t>(blob.height), 0);
  for (int y = 0; y < blob.height; ++y) {
    const int* row = labels.ptr<int>(blob.y + y);
    for (int x = blob.x; x < blob.br().x; ++x) span[static_cast<size_t>(y)] += row[x] == label;
  }
  auto at = [&](int y) { return span[static_cast<size_t>(y)]; };
  const int widest = *std::max_element(span.begin(), span.end());
  std::vector<std::pair<int, int>> cores;  // [begin, end) scan lines
  for (int y = 0, start = -1; y <= blob.height; ++y) {
    const bool in = y < blob.height && at(y) * 3 >= widest;
    if (in && start < 0) start = y;
    if (!in && start >= 0) cores.emplace_back(start, y), start = -1;
  }
  if (cores.empty()) return {blob};
  std::vector<cv::Rect> rows;
  int top = 0;
  for (size_t k = 0; k < cores.size(); ++k) {
    int bottom = blob.height;
    if (k + 1 < cores.size()) {
      bottom = cores[k].second;
      for (int y = cores[k].second; y < cores[k + 1].first; ++y)
        if (at(y) < at(bottom)) bottom = y;
    }
    int peak = 0;
    for (int y = top; y < bottom; ++y) peak = std::max(peak, at(y));
    int a = top, b = bottom;
    while (a < b && at(a) * 10 < peak) ++a;
    while (b > a && at(b - 1) * 10 < peak) --b;
    int left = blob.br().x, right = blob.x;
    for (int y = a; y < b; ++y) {
      const int* row = labels.ptr<int>(blob.y + y);
      for (int x = blob.x; x < blob.br().x; ++x)
        if (row[x] == label) left = std::min(left, x), right = std::max(right, x + 1);
    }
    if (right > left) rows.emplace_back(left, blob.y + a, right - left, b - a);
    top = bottom + 1;
  }
  return rows;
}

}  // namespace

MrzCell MrzLineGeometry::cell(int i) const {
  const double x = centre_x(i);
  const double local = pitch_at(i);
  return MrzCell{cv::Point2f(static_cast<float>(x), static_cast<float>(baseline_at_0 + baseline_slope * x)), local,
                 cap_height * local / pitch};
}

MrzLineGeometry MrzLineGeometry::cells(int first, int count) const {
  MrzLineGeometry out = *this;
  out.first_centre = centre_x(first);
  out.pitch = pitch_at(first);
  out.cap_height = cap_height * out.pitch / pitch;
  out.char_count = count;
  const int left = static_cast<int>(std::lround(out.first_centre - out.pitch / 2));
  const int right = static_cast<int>(std::lround(out.centre_x(count - 1) + out.pitch_at(count - 1) / 2));
  out.box.x = std::max(box.x, left);
  out.box.width = std::min(box.br().x, right) - out.box.x;
  return out;
}

std::vector<MrzLineGeometry> find_mrz_lines(const cv::Mat& grey, const MrzSettings& settings) {
  std::vector<MrzLineGeometry> lines;
  if (grey.empty() || grey.type() != CV_8UC1 || grey.cols < 100 || grey.rows < 30) return lines;
  const int width = grey.cols;
  const cv::Mat ink = dark_ink(grey, std::max(15, width / 30) | 1);
  const cv::Mat rows = join_rows(ink, std::max(3, width / 35));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(rows, labels, stats, centroids, 8, CV_32S);
  const double matcher_pitch_to_cap = OcrbMatcher::get().pitch_to_cap_height();
  std::vector<cv::Rect> blobs;
  for (int i = 1; i < n; ++i) {
    const cv::Rect blob(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                        stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (blob.width < settings.min_line_width_fraction * width) continue;
    for (const auto& row : split_rows(labels, i, blob)) blobs.push_back(row);
  }
  for (const auto& blob : blobs) {
    if (blob.width < settings.min_line_width_fraction * width) continue;
    if (blob.height < settings.line_height_min * width || blob.height > 1.3 * settings.line_height_max * width) continue;
    const int margin = blob.height / 3;
    const cv::Rect region = (blob + cv::Size(2 * margin, 2 * margin) - cv::Point(margin, margin)) &
                            cv::Rect(0, 0, grey.cols, grey.rows);
    const auto glyphs = glyphs_in(ink, region, blob.height, blob.y + blob.height / 2.0);
    MrzLineGeometry line;
    if (fit_cells(glyphs, matcher_pitch_to_cap, settings.min_line_chars, line)) lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.box.y < b.box.y; });
  return lines;
}

std::optional<MrzLineGeometry> find_ocrb_row(const cv::Mat& grey, const cv::Rect& region, int min_chars) {
  const cv::Rect r = region & cv::Rect(0, 0, grey.cols, grey.rows);
  if (r.width < 20 || r.height < 8 || grey.type() != CV_8UC1) return std::nullopt;
  const cv::Mat ink = dark_ink(grey(r), std::max(15, r.height) | 1);
  const cv::Mat rows = join_rows(ink, std::max(3, r.height / 3));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(rows, labels, stats, centroids, 8, CV_32S);
  // The widest blob that is a row of glyphs (not taller than the region allows).
  int best = -1;
  for (int i = 1; i < n; ++i) {
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT), w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    if (h < 6 || h > 0.9 * r.height || w < 2 * h) continue;
    if (best < 0 || w > stats.at<int>(best, cv::CC_STAT_WIDTH)) best = i;
  }
  if (best < 0) return std::nullopt;
  const cv::Rect blob(stats.at<int>(best, cv::CC_STAT_LEFT), stats.at<int>(best, cv::CC_STAT_TOP),
                      stats.at<int>(best, cv::CC_STAT_WIDTH), stats.at<int>(best, cv::CC_STAT_HEIGHT));
  auto glyphs = glyphs_in(ink, cv::Rect(0, 0, ink.cols, ink.rows), blob.height, blob.y + blob.height / 2.0);
  glyphs.erase(std::remove_if(glyphs.begin(), glyphs.end(),
                              [&](const Glyph& g) { return g.box.x < blob.x - 2 || g.box.br().x > blob.br().x + 2; }),
               glyphs.end());
  // A printed number's glyphs are evenly spaced: a mark standing apart at either end (the
  // card's edge right of a clean H88109809) is no glyph of it, and fitted with them it
  // stretched the row to 12 cells of a narrower pitch.
  std::sort(glyphs.begin(), glyphs.end(), [](const Glyph& a, const Glyph& b) { return a.cx() < b.cx(); });
  if (glyphs.size() > static_cast<size_t>(min_chars)) {
    std::vector<double> steps;
    for (size_t i = 1; i < glyphs.size(); ++i) steps.push_back(glyphs[i].cx() - glyphs[i - 1].cx());
    const double usual = median(steps);
    constexpr double kApart = 1.8;  // steps: a lost glyph between two leaves 2; a space, more
    while (glyphs.size() > static_cast<size_t>(min_chars) && glyphs.back().cx() - glyphs[glyphs.size() - 2].cx() > kApart * usual)
      glyphs.pop_back();
    while (glyphs.size() > static_cast<size_t>(min_chars) && glyphs[1].cx() - glyphs.front().cx() > kApart * usual)
      glyphs.erase(glyphs.begin());
  }
  for (auto& g : glyphs) g.box += r.tl();
  MrzLineGeometry line;
  if (!fit_cells(glyphs, OcrbMatcher::get().pitch_to_cap_height(), min_chars, line)) return std::nullopt;
  return line;
}

std::string MrzLineReading::best_text() const {
  std::string text;
  for (const auto& s : cells) text += kMrzAlphabet[std::max_element(s.begin(), s.end()) - s.begin()];
  return text;
}

double MrzLineReading::mean_best_score() const {
  if (cells.empty()) return 0;
  double sum = 0;
  for (const auto& s : cells) sum += *std::max_element(s.begin(), s.end());
  return sum / static_cast<double>(cells.size());
}

MrzLineReading read_mrz_line(const cv::Mat& grey, const MrzLineGeometry& line, const OcrbMatcher& matcher) {
  MrzLineReading reading;
  for (int i = 0; i < line.char_count; ++i) reading.cells.push_back(matcher.score(grey, line.cell(i)));
  return reading;
}

}  // namespace beian::ocr
