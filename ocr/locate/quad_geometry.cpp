#include "ocr/locate/quad_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

namespace beian::ocr {
namespace {

double side(const Quad& q, int i) { return cv::norm(q[(i + 1) % 4] - q[i]); }

double triangle_area(cv::Point a, cv::Point b, cv::Point c) {
  return std::abs(static_cast<double>(b.x - a.x) * (c.y - a.y) - static_cast<double>(c.x - a.x) * (b.y - a.y)) / 2;
}

}  // namespace

double quad_area(const Quad& q) {
  double a = 0;
  for (int i = 0; i < 4; ++i) a += q[i].x * q[(i + 1) % 4].y - q[(i + 1) % 4].x * q[i].y;
  return std::abs(a) / 2;
}

double quad_aspect(const Quad& q) {
  const double a = (side(q, 0) + side(q, 2)) / 2, b = (side(q, 1) + side(q, 3)) / 2;
  if (a <= 0 || b <= 0) return 0;
  return std::max(a, b) / std::min(a, b);
}

Quad order_clockwise(Quad q) {
  cv::Point2f centre(0, 0);
  for (const auto& p : q) centre += p * 0.25f;
  std::sort(q.begin(), q.end(), [&](cv::Point2f a, cv::Point2f b) {
    return std::atan2(a.y - centre.y, a.x - centre.x) < std::atan2(b.y - centre.y, b.x - centre.x);
  });
  // atan2 ascending in image coordinates (y down) is clockwise on screen.
  int first = 0;
  for (int i = 1; i < 4; ++i)
    if (q[i].x + q[i].y < q[first].x + q[first].y) first = i;
  std::rotate(q.begin(), q.begin() + first, q.end());
  return q;
}

std::optional<Quad> quad_from_convex_polygon(const std::vector<cv::Point>& hull) {
  if (hull.size() < 4) return std::nullopt;
  std::vector<cv::Point> poly = hull;
  while (poly.size() > 4) {
    size_t drop = 0;
    double least = std::numeric_limits<double>::max();
    for (size_t i = 0; i < poly.size(); ++i) {
      const auto& prev = poly[(i + poly.size() - 1) % poly.size()];
      const auto& next = poly[(i + 1) % poly.size()];
      const double loss = triangle_area(prev, poly[i], next);
      if (loss < least) least = loss, drop = i;
    }
    poly.erase(poly.begin() + static_cast<long>(drop));
  }
  Quad q;
  for (int i = 0; i < 4; ++i) q[i] = cv::Point2f(poly[i]);
  return order_clockwise(q);
}

std::optional<Quad> enclosing_quad(const std::vector<cv::Point>& hull, double max_growth) {
  if (hull.size() < 4) return std::nullopt;
  std::vector<cv::Point2f> poly(hull.begin(), hull.end());
  const double hull_area = cv::contourArea(poly);
  while (poly.size() > 4) {
    const size_t n = poly.size();
    size_t best = n;
    cv::Point2f best_corner;
    double least = std::numeric_limits<double>::max();
    for (size_t i = 0; i < n; ++i) {
      // Edge i (poly[i] -> poly[i+1]) is removed by extending its neighbours until they meet.
      const cv::Point2f& before = poly[(i + n - 1) % n];
      const cv::Point2f& a = poly[i];
      const cv::Point2f& b = poly[(i + 1) % n];
      const cv::Point2f& after = poly[(i + 2) % n];
      const auto corner = intersect_lines(before, a - before, b, after - b);
      // The neighbours must meet beyond the edge, not behind it (they diverge there).
      if (!corner || (*corner - a).dot(a - before) < 0 || (*corner - b).dot(b - after) < 0) continue;
      const double added = std::abs((b - a).cross(*corner - a)) / 2;
      if (added < least) least = added, best = i, best_corner = *corner;
    }
    if (best == n) return std::nullopt;
    poly[best] = best_corner;
    poly.erase(poly.begin() + static_cast<long>((best + 1) % n));
  }
  if (cv::contourArea(poly) > max_growth * hull_area) return std::nullopt;
  Quad q;
  for (int i = 0; i < 4; ++i) q[i] = poly[i];
  return order_clockwise(q);
}

bool plausible_quad(const Quad& q) {
  std::vector<cv::Point2f> pts(q.begin(), q.end());
  if (!cv::isContourConvex(pts)) return false;
  double longest = 0, shortest = std::numeric_limits<double>::max();
  for (int i = 0; i < 4; ++i) {
    longest = std::max(longest, side(q, i));
    shortest = std::min(shortest, side(q, i));
    const cv::Point2f a = q[(i + 3) % 4] - q[i], b = q[(i + 1) % 4] - q[i];
    const double cosine = a.dot(b) / (cv::norm(a) * cv::norm(b) + 1e-9);
    const double degrees = std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / CV_PI;
    if (degrees < 35 || degrees > 145) return false;
  }
  return shortest * 8 >= longest;
}

std::optional<cv::Point2f> intersect_lines(cv::Point2f p1, cv::Point2f d1, cv::Point2f p2, cv::Point2f d2) {
  const float cross = d1.x * d2.y - d1.y * d2.x;
  if (std::abs(cross) < 1e-6f * cv::norm(d1) * cv::norm(d2)) return std::nullopt;
  const cv::Point2f w = p2 - p1;
  const float t = (w.x * d2.y - w.y * d2.x) / cross;
  return p1 + t * d1;
}

}  // namespace beian::ocr
