// Sub-pixel side refinement and rectification of document quads.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "ocr/locate/document_quad.h"
#include "ocr/locate/quad_geometry.h"

namespace beian::ocr {
namespace {

// A view enlarged more than this much is warped bicubic, not bilinear (see rectify_quad).
constexpr double kBicubicAboveEnlargement = 2.0;

cv::Vec3f sample_bgr(const cv::Mat& bgr, float x, float y) {
  x = std::clamp(x, 0.f, bgr.cols - 1.001f);
  y = std::clamp(y, 0.f, bgr.rows - 1.001f);
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const float fx = x - x0, fy = y - y0;
  const auto& a = bgr.at<cv::Vec3b>(y0, x0);
  const auto& b = bgr.at<cv::Vec3b>(y0, x0 + 1);
  const auto& c = bgr.at<cv::Vec3b>(y0 + 1, x0);
  const auto& d = bgr.at<cv::Vec3b>(y0 + 1, x0 + 1);
  cv::Vec3f out;
  for (int k = 0; k < 3; ++k)
    out[k] = (1 - fy) * ((1 - fx) * a[k] + fx * b[k]) + fy * ((1 - fx) * c[k] + fx * d[k]);
  return out;
}

// Where along the normal through `p` the colour changes most (offset in pixels), favouring
// offsets near the current side; nullopt when no clear edge is there.
std::optional<float> edge_offset(const cv::Mat& bgr, cv::Point2f p, cv::Point2f n, cv::Point2f along, int reach) {
  std::vector<float> strength(2 * reach + 1, 0.f);
  std::vector<cv::Vec3f> profile(2 * reach + 3);
  for (int s = -reach - 1; s <= reach + 1; ++s) {
    // Average three samples along the side to smooth JPEG noise and texture.
    cv::Vec3f v(0, 0, 0);
    for (int k = -1; k <= 1; ++k) v += sample_bgr(bgr, p.x + s * n.x + 2.f * k * along.x, p.y + s * n.y + 2.f * k * along.y);
    profile[s + reach + 1] = v / 3.f;
  }
  int best = 0;
  float best_value = -1.f;
  for (int s = -reach; s <= reach; ++s) {
    const float d = static_cast<float>(cv::norm(profile[s + reach + 2] - profile[s + reach]));
    strength[s + reach] = d;
    const float weighted = d * (1.f - 0.35f * std::abs(s) / reach);
    if (weighted > best_value) best_value = weighted, best = s;
  }
  // A clear edge: strong, or at least a distinct peak of a faint one (pale card on paper).
  float mean = 0.f;
  for (float v : strength) mean += v;
  mean /= strength.size();
  const float peak = strength[best + reach];
  if (peak < 24.f && (peak < 8.f || peak < 2.f * mean)) return std::nullopt;
  float offset = static_cast<float>(best);
  if (best > -reach && best < reach) {  // parabolic sub-pixel peak
    const float l = strength[best + reach - 1], c = strength[best + reach], r = strength[best + reach + 1];
    const float den = l - 2 * c + r;
    if (std::abs(den) > 1e-3f) offset += std::clamp(0.5f * (l - r) / den, -0.5f, 0.5f);
  }
  return offset;
}

DocumentQuad refine_once(const cv::Mat& bgr, const DocumentQuad& quad, double search_px) {
  const int reach = std::max(2, static_cast<int>(std::ceil(search_px)));
  std::array<cv::Point2f, 4> point, direction;
  std::array<bool, 4> fitted{};
  for (int i = 0; i < 4; ++i) {
    const cv::Point2f a = quad.corners[i], b = quad.corners[(i + 1) % 4];
    cv::Point2f d = b - a;
    const float len = std::hypot(d.x, d.y);
    point[i] = a;
    direction[i] = d;
    if (quad.side_on_border[i] || len < 8.f) continue;
    const cv::Point2f u = d / len, n(-u.y, u.x);
    std::vector<cv::Point2f> edge_points;
    constexpr int kSamples = 48;
    for (int k = 0; k < kSamples; ++k) {
      // Stay clear of the (rounded) corners.
      const cv::Point2f p = a + (0.1f + 0.8f * k / (kSamples - 1)) * d;
      if (auto off = edge_offset(bgr, p, n, u, reach)) edge_points.push_back(p + *off * n);
    }
    if (edge_points.size() < kSamples / 3) continue;
    cv::Vec4f line;
    cv::fitLine(edge_points, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    point[i] = cv::Point2f(line[2], line[3]);
    direction[i] = cv::Point2f(line[0], line[1]);
    fitted[i] = true;
  }
  DocumentQuad out = quad;
  for (int i = 0; i < 4; ++i) {
    const int prev = (i + 3) % 4;
    if (!fitted[i] && !fitted[prev]) continue;
    auto corner = intersect_lines(point[prev], direction[prev], point[i], direction[i]);
    if (corner && cv::norm(*corner - quad.corners[i]) <= 3.0 * reach) out.corners[i] = *corner;
  }
  if (!plausible_quad(out.corners)) return quad;
  return out;
}

}  // namespace

DocumentQuad refine_quad(const cv::Mat& bgr, const DocumentQuad& quad, double search_px) {
  if (bgr.empty() || bgr.type() != CV_8UC3) return quad;
  // A side that was far off at one end only finds the edge near the other end on the first
  // pass; repeating from the improved quad pulls the whole side onto the edge.
  DocumentQuad current = quad;
  for (int pass = 0; pass < 3; ++pass) {
    const DocumentQuad next = refine_once(bgr, current, search_px);
    double moved = 0;
    for (int i = 0; i < 4; ++i) moved = std::max(moved, static_cast<double>(cv::norm(next.corners[i] - current.corners[i])));
    current = next;
    if (moved < 0.5) break;
  }
  return current;
}

int landscape_turn(const DocumentQuad& quad) {
  const auto& c = quad.corners;
  const double horizontal = cv::norm(c[1] - c[0]) + cv::norm(c[3] - c[2]);
  const double vertical = cv::norm(c[2] - c[1]) + cv::norm(c[0] - c[3]);
  return horizontal >= vertical ? 0 : 1;
}

double quad_width(const DocumentQuad& quad, int quarter_turns) {
  const auto& c = quad.corners;
  const int k = ((quarter_turns % 4) + 4) % 4;
  return (cv::norm(c[(k + 1) % 4] - c[k]) + cv::norm(c[(k + 3) % 4] - c[(k + 2) % 4])) / 2;
}

cv::Mat rectify_quad(const cv::Mat& bgr, const DocumentQuad& quad, cv::Size size, int quarter_turns) {
  const int k = ((quarter_turns % 4) + 4) % 4;
  // Shrink first when the document is much larger than the target: warpPerspective samples
  // without low-pass filtering and would alias the strokes.
  const double shrink = std::min(1.0, 1.4 * size.width / std::max(1.0, quad_width(quad, k)));
  // Only the quad's surroundings are shrunk (a card fills a third of a photo; the whole
  // frame was shrunk for each view before): a margin covers the interpolation's reach.
  cv::Rect area(0, 0, bgr.cols, bgr.rows);
  if (shrink < 0.99) {
    std::vector<cv::Point2f> corners(quad.corners.begin(), quad.corners.end());
    const int margin = static_cast<int>(std::ceil(4 / shrink)) + 2;
    const cv::Rect box = cv::boundingRect(corners);
    area &= cv::Rect(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin);
    if (area.empty()) area = cv::Rect(0, 0, bgr.cols, bgr.rows);
  }
  cv::Mat source = bgr;
  if (shrink < 0.99) cv::resize(bgr(area), source, cv::Size(), shrink, shrink, cv::INTER_AREA);
  cv::Point2f src[4];
  const cv::Point2f origin(static_cast<float>(area.x), static_cast<float>(area.y));
  for (int i = 0; i < 4; ++i) src[i] = (quad.corners[(k + i) % 4] - origin) * static_cast<float>(shrink);
  const cv::Point2f dst[4] = {{0, 0}, {size.width - 1.f, 0}, {size.width - 1.f, size.height - 1.f}, {0, size.height - 1.f}};
  cv::Mat out;
  // A page photographed small (a whole A4 licence ~500 px wide) is enlarged 2-4x here: bilinear
  // interpolation smears its 8-px strokes, bicubic keeps their contrast. Hard documents of seeds
  // 81/80 other than ID cards, fields exact: 113/86 -> 115/94 (licences 64/56 -> 68/66; social
  // organisation certificates 12/13 -> 8/10). Cards, enlarged less than 2x, read no better bicubic
  // (hard ID fronts of seed 81: 218 exact both ways) and Lanczos was worse there (213).
  const double enlargement = size.width / std::max(1.0, quad_width(quad, k) * shrink);
  const int interpolation = enlargement > kBicubicAboveEnlargement ? cv::INTER_CUBIC : cv::INTER_LINEAR;
  cv::warpPerspective(source, out, cv::getPerspectiveTransform(src, dst), size, interpolation, cv::BORDER_REPLICATE);
  return out;
}

}  // namespace beian::ocr
