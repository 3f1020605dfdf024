#include "ocr/locate/template_align.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include <opencv2/imgproc.hpp>

namespace beian::ocr {
namespace {

constexpr double kMargin = 0.12;  // the search canvas extends this far beyond the quad
constexpr double kMaxSkew = 3.0;   // degrees of in-plane rotation the search covers

// 3×3 rotation by `degrees` about `centre` (maps output pixels to input pixels).
cv::Mat rotation_about(cv::Point2d centre, double degrees) {
  cv::Mat m = cv::Mat::eye(3, 3, CV_64F);
  cv::getRotationMatrix2D(centre, degrees, 1.0).copyTo(m.rowRange(0, 2));
  return m;
}

// Sharpness of the row projection of `ink` seen through `rotation`: printed lines and the
// document's edges run along the rows of an upright document, so the projection has its
// steepest steps when the rotation undoes the skew.
double projection_sharpness(const cv::Mat& ink, const cv::Mat& rotation) {
  cv::Mat turned, rows;
  cv::warpAffine(ink, turned, rotation.rowRange(0, 2), ink.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                 cv::BORDER_CONSTANT, cv::Scalar(0));
  cv::reduce(turned, rows, 1, cv::REDUCE_SUM, CV_64F);
  double sum = 0;
  for (int y = 1; y < rows.rows; ++y) {
    const double d = rows.at<double>(y) - rows.at<double>(y - 1);
    sum += d * d;
  }
  return sum;
}

// The small rotation (±kMaxSkew degrees) that makes the ink's lines horizontal: a flat scan
// placed a little off square on the scanner bed, where no outline was found to undo it.
double estimate_skew(const cv::Mat& ink) {
  const cv::Point2d centre((ink.cols - 1) / 2.0, (ink.rows - 1) / 2.0);
  double best_angle = 0, best = projection_sharpness(ink, rotation_about(centre, 0));
  const double at_zero = best;
  for (double step : {0.5, 0.125}) {
    const double around = best_angle;
    const double span = step == 0.5 ? kMaxSkew : 0.375;
    for (double a = around - span; a <= around + span + 1e-9; a += step) {
      if (std::abs(a) > kMaxSkew + 1e-9 || std::abs(a - around) < 1e-9) continue;
      const double s = projection_sharpness(ink, rotation_about(centre, a));
      if (s > best) best = s, best_angle = a;
    }
  }
  // Keep square unless turning clearly sharpens the lines (noise moves the optimum a little).
  return best > 1.02 * at_zero ? best_angle : 0.0;
}

// Best masked correlation of `tmpl` (resized to tw×th) over all positions in `canvas`.
struct Placement {
  double score = -2;
  cv::Point2d origin;  // template top-left in canvas pixels
  cv::Size2d size;     // template size in canvas pixels
};

Placement best_placement(const cv::Mat& canvas, const AlignmentTemplate& t, double scale_x, double scale_y,
                         double canvas_per_template) {
  Placement p;
  const cv::Size size(cvRound(t.expected.cols * canvas_per_template * scale_x),
                      cvRound(t.expected.rows * canvas_per_template * scale_y));
  if (size.width > canvas.cols || size.height > canvas.rows || size.width < 8 || size.height < 8) return p;
  cv::Mat tmpl, mask, result;
  cv::resize(t.expected, tmpl, size, 0, 0, cv::INTER_AREA);
  cv::resize(t.counted, mask, size, 0, 0, cv::INTER_NEAREST);
  cv::matchTemplate(canvas, tmpl, result, cv::TM_CCOEFF_NORMED, mask);
  cv::patchNaNs(result, -1.0);
  double max_value = 0;
  cv::Point at;
  cv::minMaxLoc(result, nullptr, &max_value, nullptr, &at);
  p.score = max_value;
  p.origin = cv::Point2d(at.x, at.y);
  p.size = cv::Size2d(size.width, size.height);
  return p;
}

}  // namespace

cv::Mat ink_map(const cv::Mat& view, cv::Size size) {
  cv::Mat gray, paper, f, p;
  cv::cvtColor(view, gray, cv::COLOR_BGR2GRAY);
  const int k = std::max(3, (view.cols / 60) | 1);
  cv::morphologyEx(gray, paper, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  cv::GaussianBlur(paper, paper, {0, 0}, k / 2.5);
  gray.convertTo(f, CV_32F);
  paper.convertTo(p, CV_32F);
  cv::max(p, 1.0, p);
  cv::Mat darkness = 1.0 - f / p;
  cv::max(darkness, 0.0, darkness);
  cv::Mat out;
  cv::resize(darkness, out, size, 0, 0, cv::INTER_AREA);
  cv::GaussianBlur(out, out, {0, 0}, 1.5);
  return out;
}

double masked_ncc(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask) {
  cv::Scalar ma, sa, mb, sb;
  cv::meanStdDev(a, ma, sa, mask);
  cv::meanStdDev(b, mb, sb, mask);
  if (sa[0] < 1e-6 || sb[0] < 1e-6) return 0.0;
  cv::Mat prod = (a - ma[0]).mul(b - mb[0]);
  return cv::mean(prod, mask)[0] / (sa[0] * sb[0]);
}

double template_match(const PageAnalysis& page, size_t quad_index, int quarter_turns, const AlignmentTemplate& t) {
  const cv::Size view_size(t.canonical.width / 2, t.canonical.height / 2);
  // The ID card's two sides share one template size: their ink map of a view is computed once.
  const std::string key = "template_match.ink " + std::to_string(quad_index) + " " +
                          std::to_string(((quarter_turns % 4) + 4) % 4) + " " + std::to_string(view_size.width) + "x" +
                          std::to_string(view_size.height) + " " + std::to_string(t.expected.cols) + "x" +
                          std::to_string(t.expected.rows);
  const cv::Mat& ink = page.shared<cv::Mat>(
      key, [&] { return ink_map(page.view(quad_index, view_size, quarter_turns), t.expected.size()); });
  return masked_ncc(ink, t.expected, t.counted);
}

Alignment align_to_template(const PageAnalysis& page, size_t quad_index, int quarter_turns, const AlignmentTemplate& t) {
  Alignment out;
  const DocumentQuad& quad = page.quad(quad_index);
  const int k = ((quarter_turns % 4) + 4) % 4;
  std::array<cv::Point2f, 4> upright;
  for (int i = 0; i < 4; ++i) upright[i] = quad.corners[(k + i) % 4];
  // Canvas: canonical coordinates [-m, 1+m] of the quad at 1/kAlignScale, warped from the
  // pyramid level nearest that resolution.
  const double w = t.canonical.width, h = t.canonical.height;
  const int s = AlignmentTemplate::kAlignScale;
  const cv::Size canvas_size(cvRound(w * (1 + 2 * kMargin) / s), cvRound(h * (1 + 2 * kMargin) / s));
  const cv::Point2f unit[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  cv::Point2f image_pts[4];
  int level = 0;
  const double quad_w = quad_width(quad, k);
  while (quad_w / (1 << (level + 1)) >= 1.5 * w / s) ++level;
  const float f = 1.f / (1 << level);
  for (int i = 0; i < 4; ++i) image_pts[i] = (upright[i] + cv::Point2f(0.5f, 0.5f)) * f - cv::Point2f(0.5f, 0.5f);
  // unit square → level image, and canvas pixel → unit square.
  const cv::Mat unit_to_image = cv::getPerspectiveTransform(unit, image_pts);
  cv::Mat canvas_to_unit = (cv::Mat_<double>(3, 3) << s / w, 0, -kMargin, 0, s / h, -kMargin, 0, 0, 1);
  cv::Mat canvas_to_image = unit_to_image * canvas_to_unit;
  cv::Mat canvas;
  cv::warpPerspective(page.pyramid_level(level), canvas, canvas_to_image, canvas_size,
                      cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
  cv::Mat ink = ink_map(canvas, canvas_size);
  // A document turned a little inside the quad (no outline found, or the outline of
  // something else): estimate the turn from its lines and search the straightened canvas.
  const double skew = estimate_skew(ink);
  if (skew != 0.0) {
    canvas_to_image = canvas_to_image * rotation_about({(canvas_size.width - 1) / 2.0, (canvas_size.height - 1) / 2.0}, skew);
    cv::warpPerspective(page.pyramid_level(level), canvas, canvas_to_image, canvas_size,
                        cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
    ink = ink_map(canvas, canvas_size);
  }

  // Coarse: scale 0.7-1.06 per axis on a half-resolution canvas; fine: ±2% around the best
  // at full canvas resolution, only near the coarse position (a few pixels of freedom).
  cv::Mat half;
  cv::resize(ink, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  Placement best;
  for (double sx = 0.70; sx <= 1.061; sx += 0.04)
    for (double sy = sx - 0.04; sy <= sx + 0.041; sy += 0.04) {
      const Placement p = best_placement(half, t, sx, sy, 0.5);
      if (p.score > best.score) best = p;
    }
  if (best.score < -1) return out;
  const double bx = 2 * best.size.width / t.expected.cols, by = 2 * best.size.height / t.expected.rows;
  const cv::Point2d coarse = best.origin * 2.0;
  // Fine: a climb over the ±2% grid (1% steps per axis) from the coarse scale to the best of
  // each 8-neighbourhood. Each placement costs ~3 ms; the climb needs 12-15 of the grid's 25
  // (an ID card's alignment 110 -> 80 ms) and ended on the full grid's best for 107 of 113
  // seed-82 alignments, the other 6 on a neighbouring local best.
  constexpr int kWindow = 6;  // canvas px around the coarse position
  constexpr int kSteps = 2;   // grid steps either side of the coarse scale
  std::map<std::pair<int, int>, Placement> placed;
  auto placement = [&](int i, int j) -> const Placement& {
    auto it = placed.find({i, j});
    if (it != placed.end()) return it->second;
    const double sx = bx + 0.01 * i, sy = by + 0.01 * j;
    const cv::Size size(cvRound(t.expected.cols * sx), cvRound(t.expected.rows * sy));
    const cv::Rect window = cv::Rect(cvRound(coarse.x) - kWindow, cvRound(coarse.y) - kWindow, size.width + 2 * kWindow,
                                     size.height + 2 * kWindow) &
                            cv::Rect(0, 0, ink.cols, ink.rows);
    Placement p = best_placement(ink(window), t, sx, sy, 1.0);
    p.origin += cv::Point2d(window.x, window.y);
    return placed.emplace(std::make_pair(i, j), p).first->second;
  };
  best = placement(0, 0);
  for (int ci = 0, cj = 0;;) {
    int next_i = ci, next_j = cj;
    for (int i = std::max(-kSteps, ci - 1); i <= std::min(kSteps, ci + 1); ++i)
      for (int j = std::max(-kSteps, cj - 1); j <= std::min(kSteps, cj + 1); ++j)
        if (const Placement& p = placement(i, j); p.score > best.score) best = p, next_i = i, next_j = j;
    if (next_i == ci && next_j == cj) break;
    ci = next_i, cj = next_j;
  }
  if (best.score < -1) return out;
  // The template's corners in canvas pixels → image.
  std::vector<cv::Point2f> corners = {
      cv::Point2f(best.origin.x, best.origin.y), cv::Point2f(best.origin.x + best.size.width, best.origin.y),
      cv::Point2f(best.origin.x + best.size.width, best.origin.y + best.size.height),
      cv::Point2f(best.origin.x, best.origin.y + best.size.height)};
  std::vector<cv::Point2f> mapped;
  cv::perspectiveTransform(corners, mapped, canvas_to_image);
  for (int i = 0; i < 4; ++i)
    out.corners[i] = (mapped[i] + cv::Point2f(0.5f, 0.5f)) / f - cv::Point2f(0.5f, 0.5f);
  out.match = best.score;
  return out;
}

}  // namespace beian::ocr
