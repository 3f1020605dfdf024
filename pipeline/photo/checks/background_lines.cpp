// background_lines: long straight, nearly vertical or horizontal edges in the background —
// wall corners, door frames and door gaps, ceiling edges (cv::createLineSegmentDetector).
// Value: how many segments at least min_length of the shorter image side long, within
// max_angle degrees of vertical or horizontal, with a stretch at least min_length long in the
// background and a step of at least min_contrast grey levels across them. Plain walls give 0;
// doors and corners 2-10.
//
// The detector works on a copy detector_scale the size of the analysis copy (LSD's own
// Gaussian subsampling; its default is 0.8, and its cost goes with the square). The edges
// looked for are long (min_length: 77 px of a 640 px copy) and steep: 0.6 costs about half of
// 0.8 and catches every door and corner 0.8 caught on the labelled set, while 0.5 misses a
// thin door gap (a dark line a few px wide whose two edges blur into one). The coordinates
// come back in analysis pixels and the contrast across a segment is read there.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "pipeline/photo/check.h"

namespace beian::photo {
namespace {

// Mean absolute grey difference between the two sides of the segment, `offset` px away.
double contrast_across(const cv::Mat& grey, const cv::Vec4f& l, double offset) {
  const cv::Point2f a(l[0], l[1]), b(l[2], l[3]);
  const cv::Point2f d = b - a;
  const double len = std::hypot(d.x, d.y);
  const cv::Point2f n(static_cast<float>(-d.y / len * offset), static_cast<float>(d.x / len * offset));
  const cv::Rect image(0, 0, grey.cols, grey.rows);
  double sum = 0;
  int count = 0;
  for (double t = 0.05; t <= 0.95; t += 0.05) {
    const cv::Point2f p = a + d * static_cast<float>(t);
    const cv::Point p1(p + n), p2(p - n);
    if (!image.contains(p1) || !image.contains(p2)) continue;
    sum += std::abs(static_cast<int>(grey.at<uint8_t>(p1)) - static_cast<int>(grey.at<uint8_t>(p2)));
    ++count;
  }
  return count ? sum / count : 0.0;
}

// The longest stretch of the segment that lies in the background, as a segment (zero length
// when none does). A wall corner or door edge runs the height of the frame and passes behind
// the head or shoulders; only its part beside the person is evidence, and it is that part whose
// length and contrast count.
cv::Vec4f longest_inside(const cv::Mat& mask, const cv::Vec4f& l) {
  const cv::Point2f a(l[0], l[1]), b(l[2], l[3]);
  const cv::Rect image(0, 0, mask.cols, mask.rows);
  const int steps = std::max(2, static_cast<int>(std::hypot(b.x - a.x, b.y - a.y)));
  int best_start = 0, best_end = -1, start = -1;
  for (int i = 0; i <= steps + 1; ++i) {
    bool inside = false;
    if (i <= steps) {
      const cv::Point p(a + (b - a) * (static_cast<float>(i) / steps));
      inside = image.contains(p) && mask.at<uint8_t>(p);
    }
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      if (i - 1 - start > best_end - best_start) best_start = start, best_end = i - 1;
      start = -1;
    }
  }
  if (best_end < best_start) return cv::Vec4f(l[0], l[1], l[0], l[1]);
  const cv::Point2f p = a + (b - a) * (static_cast<float>(best_start) / steps);
  const cv::Point2f q = a + (b - a) * (static_cast<float>(best_end) / steps);
  return cv::Vec4f(p.x, p.y, q.x, q.y);
}

}  // namespace

Measurement measure_background_lines(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  auto lsd = cv::createLineSegmentDetector(cv::LSD_REFINE_STD, s.param("detector_scale"));
  std::vector<cv::Vec4f> segments;
  lsd->detect(ctx.grey, segments);
  const double min_length = s.param("min_length") * std::min(ctx.grey.cols, ctx.grey.rows);
  const double max_angle = s.param("max_angle");
  Measurement m;
  for (const auto& l : segments) {
    const double dx = l[2] - l[0], dy = l[3] - l[1];
    if (std::hypot(dx, dy) < min_length) continue;
    const double angle = std::atan2(std::abs(dy), std::abs(dx)) * 180.0 / CV_PI;   // 0 horizontal, 90 vertical
    if (std::min(angle, 90.0 - angle) > max_angle) continue;
    const cv::Vec4f part = longest_inside(ctx.background_mask, l);
    if (std::hypot(part[2] - part[0], part[3] - part[1]) < min_length) continue;
    if (contrast_across(ctx.grey, part, 3.0) < s.param("min_contrast")) continue;
    m.lines.push_back(part);
  }
  m.value = static_cast<double>(m.lines.size());
  m.confidence = 0.85;
  return m;
}

}  // namespace beian::photo
