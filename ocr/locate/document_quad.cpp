#include "ocr/locate/document_quad.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <opencv2/imgproc.hpp>

#include "ocr/locate/quad_geometry.h"

namespace beian::ocr {
namespace {

// Per-channel Sobel derivatives of the blurred Lab analysis copy: colour edges count as
// much as brightness edges (a pale-blue card on a white desk).
struct Gradients {
  cv::Mat dx[3], dy[3];
};

Gradients gradients(const cv::Mat& lab) {
  Gradients g;
  cv::Mat ch[3];
  cv::split(lab, ch);
  for (int c = 0; c < 3; ++c) {
    cv::Sobel(ch[c], g.dx[c], CV_32F, 1, 0, 3);
    cv::Sobel(ch[c], g.dy[c], CV_32F, 0, 1, 3);
  }
  return g;
}

// The colour step across a side at `p`: the per-channel derivative along the normal `n`,
// taken at the offset within ±reach where it is largest.
cv::Vec3f normal_step(const Gradients& g, cv::Point2f p, cv::Point2f n, int reach) {
  cv::Vec3f best(0, 0, 0);
  float best_norm = 0.f;
  const int w = g.dx[0].cols, h = g.dx[0].rows;
  for (int s = -reach; s <= reach; ++s) {
    const int x = cvRound(p.x + s * n.x), y = cvRound(p.y + s * n.y);
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    cv::Vec3f v;
    for (int c = 0; c < 3; ++c) v[c] = g.dx[c].at<float>(y, x) * n.x + g.dy[c].at<float>(y, x) * n.y;
    const float norm = static_cast<float>(cv::norm(v));
    if (norm > best_norm) best_norm = norm, best = v;
  }
  return best;
}

// Fraction of a side's samples that lie on an edge: a strong colour step, or - for faint
// edges such as a pale card on white paper - a weaker step that is the same colour change
// all along the side (background texture changes direction from sample to sample).
double side_support(const std::vector<cv::Vec3f>& steps) {
  if (steps.empty()) return 0.0;
  constexpr float kStrong = 28.f, kFaint = 9.f;
  cv::Vec3f mean(0, 0, 0);
  for (const auto& v : steps) mean += v;
  mean *= 1.f / steps.size();
  const double mean_norm = cv::norm(mean);
  int strong = 0, consistent = 0;
  for (const auto& v : steps) {
    const double norm = cv::norm(v);
    strong += norm > kStrong;
    consistent += norm > kFaint && mean_norm > 1e-3 && v.dot(mean) / (norm * mean_norm) > 0.8;
  }
  const double n = static_cast<double>(steps.size());
  const double faint = consistent / n >= 0.75 ? consistent / n : 0.0;
  return std::max(strong / n, faint);
}

bool side_on_image_border(cv::Point2f a, cv::Point2f b, cv::Size size, float tolerance) {
  const auto near = [&](float v, float edge) { return std::abs(v - edge) <= tolerance; };
  return (near(a.x, 0) && near(b.x, 0)) || (near(a.y, 0) && near(b.y, 0)) ||
         (near(a.x, size.width - 1.f) && near(b.x, size.width - 1.f)) ||
         (near(a.y, size.height - 1.f) && near(b.y, size.height - 1.f));
}

// Fills the measured properties of a quad found on the analysis copy.
DocumentQuad measure(const std::array<cv::Point2f, 4>& corners, const Gradients& g, cv::Size size) {
  DocumentQuad q;
  q.corners = corners;
  q.area_fraction = quad_area(corners) / (static_cast<double>(size.width) * size.height);
  q.aspect = quad_aspect(corners);
  const float tolerance = std::max(3.f, 0.006f * std::max(size.width, size.height));
  constexpr int kSamples = 32;
  double support_sum = 0;
  int sides = 0;
  for (int i = 0; i < 4; ++i) {
    const cv::Point2f a = corners[i], b = corners[(i + 1) % 4];
    q.side_on_border[i] = side_on_image_border(a, b, size, tolerance);
    if (q.side_on_border[i]) continue;
    const cv::Point2f d = b - a;
    const float len = std::hypot(d.x, d.y);
    if (len < 1.f) continue;
    const cv::Point2f n(-d.y / len, d.x / len);
    std::vector<cv::Vec3f> steps;
    for (int k = 0; k < kSamples; ++k) steps.push_back(normal_step(g, a + (0.1f + 0.8f * k / (kSamples - 1)) * d, n, 2));
    support_sum += side_support(steps);
    ++sides;
  }
  q.edge_support = sides ? support_sum / sides : 0.0;
  // Sides on the border carry no evidence; a quad with 2+ such sides is mostly the frame.
  const double border_penalty = 1.0 - 0.2 * q.sides_on_border();
  q.score = q.edge_support * border_penalty * (0.5 + 0.5 * std::sqrt(q.area_fraction));
  return q;
}

// Edge support a candidate needs: most of its outline on a colour edge; less for an outline
// cut from a patterned background by colour (region_candidates).
constexpr double kMinSupport = 0.35;
constexpr double kMinPatternCutSupport = 0.2;

// How a region's hull becomes four corners.
enum class HullCorners {
  kDropVertices,  // quad_from_convex_polygon
  // Also enclosing_quad: the corners where the straight sides meet. It grows into whatever
  // the region took beside the document (a card's shadow, seed 87), where dropping vertices
  // stays inside it: each quad is a candidate of its own.
  kAlsoEnclosing,
};

void add_candidate(const std::vector<cv::Point>& contour, double min_area, const Gradients& g, cv::Size size,
                   const QuadFinderOptions& options, std::vector<DocumentQuad>& out, double min_support = kMinSupport,
                   HullCorners corners_by = HullCorners::kDropVertices) {
  std::vector<cv::Point> hull;
  cv::convexHull(contour, hull);
  if (cv::contourArea(hull) < min_area) return;
  for (const auto& corners : {quad_from_convex_polygon(hull),
                              corners_by == HullCorners::kAlsoEnclosing ? enclosing_quad(hull) : std::nullopt}) {
    if (!corners || !plausible_quad(*corners)) continue;
    DocumentQuad q = measure(*corners, g, size);
    if (q.area_fraction * size.area() < min_area || q.aspect < options.min_aspect || q.aspect > options.max_aspect) continue;
    if (q.edge_support < min_support) continue;
    out.push_back(q);
  }
}

// Candidates from colour edges: outlines of regions bounded by strong edges.
void edge_candidates(const cv::Mat& lab, const Gradients& g, double min_area, const QuadFinderOptions& options,
                     std::vector<DocumentQuad>& out) {
  for (const auto& [lo, hi] : {std::pair{50.0, 150.0}, std::pair{15.0, 45.0}}) {
    cv::Mat edges;
    cv::Canny(lab, edges, lo, hi, 3, true);
    cv::dilate(edges, edges, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(edges, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
    for (const auto& c : contours) {
      if (cv::boundingRect(c).area() < min_area) continue;
      add_candidate(c, min_area, g, lab.size(), options, out);
    }
  }
}

// Candidates from the outlines of the regions where `distance` (to the border colours)
// exceeds `level`.
void outline_regions(const cv::Mat& distance, double level, double min_area, const Gradients& g,
                     const QuadFinderOptions& options, std::vector<DocumentQuad>& out, double min_support = kMinSupport,
                     HullCorners corners_by = HullCorners::kDropVertices) {
  cv::Mat mask;
  cv::threshold(distance, mask, level, 255, cv::THRESH_BINARY);
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
  cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {15, 15}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  for (const auto& c : contours) add_candidate(c, min_area, g, distance.size(), options, out, min_support, corners_by);
}

// How far each pixel is from the colours along the image border, and the level above which
// it counts as foreground (a document rather than the surface it lies on).
struct Foreground {
  cv::Mat distance;  // CV_8U, Lab distance ×3; empty when the border gave too few samples
  double level = 0;
};

double enclosure(const DocumentQuad& q, const Foreground& fg);

// Candidates from colour regions: pixels unlike the colours along the image border.
Foreground region_candidates(const cv::Mat& lab, const Gradients& g, double min_area, const QuadFinderOptions& options,
                             std::vector<DocumentQuad>& out, std::vector<DocumentQuad>& enclosed_out,
                             std::vector<DocumentQuad>& plain_out) {
  cv::Mat blurred;
  cv::GaussianBlur(lab, blurred, {7, 7}, 0);
  const int strip = std::max(3, std::min(lab.cols, lab.rows) / 50);
  std::vector<cv::Vec3f> samples;
  for (int y = 0; y < blurred.rows; y += 2)
    for (int x = 0; x < blurred.cols; x += 2)
      if (x < strip || y < strip || x >= blurred.cols - strip || y >= blurred.rows - strip) {
        const auto v = blurred.at<cv::Vec3b>(y, x);
        samples.emplace_back(v[0], v[1], v[2]);
      }
  if (samples.size() < 16) return {};
  cv::Mat data(static_cast<int>(samples.size()), 3, CV_32F, samples.data());
  cv::Mat labels, centres;
  cv::setRNGSeed(7);  // deterministic clustering
  cv::kmeans(data, 4, labels, cv::TermCriteria(cv::TermCriteria::COUNT + cv::TermCriteria::EPS, 12, 1.0), 2,
             cv::KMEANS_PP_CENTERS, centres);
  // Distance of a colour to the nearest border colour, scaled ×3 into 8 bits.
  std::vector<cv::Vec3f> centre(static_cast<size_t>(centres.rows));
  for (int k = 0; k < centres.rows; ++k) centre[k] = cv::Vec3f(centres.ptr<float>(k));
  const auto distance_of = [&](float l, float a, float b) {
    float best = 1e9f;
    for (const auto& c : centre) best = std::min(best, (l - c[0]) * (l - c[0]) + (a - c[1]) * (a - c[1]) + (b - c[2]) * (b - c[2]));
    return cv::saturate_cast<uint8_t>(3.f * std::sqrt(best));
  };
  // Every pixel's, through a table over Lab quantised to 32 levels per channel (one lookup
  // per pixel).
  std::vector<uint8_t> table(32 * 32 * 32);
  for (int l = 0; l < 32; ++l)
    for (int a = 0; a < 32; ++a)
      for (int b = 0; b < 32; ++b) table[(l << 10) | (a << 5) | b] = distance_of(l * 8 + 4.f, a * 8 + 4.f, b * 8 + 4.f);
  cv::Mat distance(blurred.size(), CV_8U);
  for (int y = 0; y < blurred.rows; ++y) {
    const auto* in = blurred.ptr<cv::Vec3b>(y);
    auto* out = distance.ptr<uint8_t>(y);
    for (int x = 0; x < blurred.cols; ++x) out[x] = table[((in[x][0] >> 3) << 10) | ((in[x][1] >> 3) << 5) | (in[x][2] >> 3)];
  }
  // Anything 6+ Lab units from every border colour is foreground: a pale card on white
  // paper differs by little more than that.
  constexpr double kFaint = 18;
  outline_regions(distance, kFaint, min_area, g, options, out);
  // On a plain surface (the border within 1 Lab unit of its colours: a scanner's lid, white
  // paper; tens on cloth, wood or a cluttered desk) a fainter region, 4 units off, is the
  // document even where its edge is too faint to support its outline (a pale-blue permit on
  // a white scanner bed: 0.27-0.34 of its outline on an edge, and at 6 units its lighter side
  // left out). The table's 8-unit steps cannot tell 4 units, so the distances are taken
  // exactly there. Its outlines go to `plain_out`, the region's rounded corners met by its
  // straight sides too (enclosing_quad), enclosure measured.
  constexpr double kPlainBorder = 3, kPlainFaint = 12;
  std::vector<uint8_t> border_distances;
  for (const auto& v : samples) border_distances.push_back(distance_of(v[0], v[1], v[2]));
  const auto p99 = border_distances.begin() + static_cast<long>(border_distances.size() * 99 / 100);
  std::nth_element(border_distances.begin(), p99, border_distances.end());
  if (*p99 <= kPlainBorder) {
    cv::Mat exact(blurred.size(), CV_8U);
    for (int y = 0; y < blurred.rows; ++y) {
      const auto* in = blurred.ptr<cv::Vec3b>(y);
      auto* out = exact.ptr<uint8_t>(y);
      for (int x = 0; x < blurred.cols; ++x) out[x] = distance_of(in[x][0], in[x][1], in[x][2]);
    }
    std::vector<DocumentQuad> cut;
    outline_regions(exact, kPlainFaint, min_area, g, options, cut, kMinPatternCutSupport, HullCorners::kAlsoEnclosing);
    for (auto& q : cut) {
      q.enclosure = enclosure(q, {exact, kPlainFaint});
      plain_out.push_back(q);
    }
  }
  // A patterned background (a checkered or striped cloth) has colours between its border
  // centres that pass that faint level and join the card into one blob with the cloth; the
  // level that best splits the distances (Otsu) separates the card from such a pattern.
  // Those outlines go to `enclosed_out`: they only compete for the enclosed quad's slot.
  cv::Mat ignored;
  const double split = cv::threshold(distance, ignored, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  if (split <= 2 * kFaint) return {distance, kFaint};
  // Their edge support is measured against a cloth whose light squares meet the card with
  // little contrast (0.34 for a card on a green check): the region is the evidence there,
  // and enclosure() must still find the document inside every side.
  // The card's region is cut from the cloth with its rounded corners, which dropping hull
  // vertices cuts across (corners 25 px inside at 600 px, edge support 0.24-0.62 on cards the
  // finder missed): the corners where its straight sides meet are tried too (enclosing_quad).
  // Uneven light leaves part of a card near Otsu's level (seed 89: its shaded corner at 73-76
  // against a split of 73, the cloth below 58), and that outline cuts the corner off. The
  // level halfway down to the faint one keeps the whole card and still below the cloth; a
  // region's outline is enclosed when the region lies inside all its sides at its own level.
  for (const double level : {split, 0.5 * (kFaint + split)}) {
    std::vector<DocumentQuad> cut;
    outline_regions(distance, level, min_area, g, options, cut, kMinPatternCutSupport, HullCorners::kAlsoEnclosing);
    for (auto& q : cut) {
      q.enclosure = enclosure(q, {distance, level});
      enclosed_out.push_back(q);
    }
  }
  return {distance, split};
}

// The least, over the quad's sides off the image border, of the fraction of points just
// inside the side that are foreground: 1 when the document fills the quad up to every side,
// low when a side runs through the background (a stripe of a checkered cloth, which gives
// as strong an edge as the card's own).
double enclosure(const DocumentQuad& q, const Foreground& fg) {
  if (fg.distance.empty()) return 0.0;
  constexpr int kSamples = 24;
  constexpr float kInset = 4.f;  // analysis-copy px: inside the card, clear of its rounded edge
  double least = 1.0;
  for (int i = 0; i < 4; ++i) {
    if (q.side_on_border[i]) continue;
    const cv::Point2f a = q.corners[i], d = q.corners[(i + 1) % 4] - a;
    const float len = std::hypot(d.x, d.y);
    if (len < 1.f) return 0.0;
    const cv::Point2f inward(-d.y / len, d.x / len);  // corners run clockwise
    int inside = 0;
    for (int k = 0; k < kSamples; ++k) {
      const cv::Point2f p = a + (0.1f + 0.8f * k / (kSamples - 1)) * d + kInset * inward;
      const int x = cvRound(p.x), y = cvRound(p.y);
      inside += x >= 0 && y >= 0 && x < fg.distance.cols && y < fg.distance.rows && fg.distance.at<uint8_t>(y, x) > fg.level;
    }
    least = std::min(least, static_cast<double>(inside) / kSamples);
  }
  return least;
}

// A straight edge: the merged Hough segments along one line, in normal form
// x·cosθ + y·sinθ = ρ, with the total length of evidence.
struct EdgeLine {
  double theta = 0, rho = 0, length = 0;
  bool extra = false;  // not among the longest (edge_lines)
  cv::Point2f point() const { return {static_cast<float>(rho * std::cos(theta)), static_cast<float>(rho * std::sin(theta))}; }
  cv::Point2f direction() const { return {static_cast<float>(-std::sin(theta)), static_cast<float>(std::cos(theta))}; }
};

std::vector<EdgeLine> edge_lines(const cv::Mat& edges) {
  std::vector<cv::Vec4i> segments;
  const double min_len = 0.1 * std::min(edges.cols, edges.rows);
  cv::HoughLinesP(edges, segments, 1, CV_PI / 360, 40, min_len, 8);
  std::vector<EdgeLine> lines;
  for (const auto& s : segments) {
    const double dx = s[2] - s[0], dy = s[3] - s[1];
    const double len = std::hypot(dx, dy);
    double theta = std::atan2(dx, -dy);  // normal angle
    double rho = s[0] * std::cos(theta) + s[1] * std::sin(theta);
    if (rho < 0) theta += CV_PI, rho = -rho;
    bool merged = false;
    for (auto& l : lines) {
      double dt = std::remainder(theta - l.theta, 2 * CV_PI);
      if (std::abs(dt) < 0.035 && std::abs(rho - l.rho) < 4) {
        l.length += len;
        merged = true;
        break;
      }
    }
    if (!merged) lines.push_back({theta, rho, len});
  }
  std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.length > b.length; });
  // The longest lines, then (marked extra) the longest of directions that have fewer than four
  // among them: a striped or checkered cloth gives a dozen long lines of one direction, which
  // take every place and leave out a tilted card's shorter sides (one side found, its
  // opposite not).
  constexpr size_t kLongest = 18, kMaxExtra = 6;
  constexpr double kSameDirection = 0.09;  // radians, ~5 degrees
  std::vector<EdgeLine> kept(lines.begin(), lines.begin() + std::min(lines.size(), kLongest));
  size_t extra = 0;
  for (size_t i = kLongest; i < lines.size() && extra < kMaxExtra; ++i) {
    const auto same = std::count_if(kept.begin(), kept.end(), [&](const EdgeLine& k) {
      return std::abs(std::remainder(lines[i].theta - k.theta, CV_PI)) < kSameDirection;
    });
    if (same < 4) {
      kept.push_back(lines[i]);
      kept.back().extra = true;
      ++extra;
    }
  }
  return kept;
}

// Candidates from long straight edges: two roughly parallel pairs of lines crossing at a
// plausible angle. Finds cards whose outline contour is broken by a busy background.
void line_candidates(const cv::Mat& lab, const Gradients& g, double min_area, const QuadFinderOptions& options,
                     std::vector<DocumentQuad>& out, std::vector<DocumentQuad>& extra_out) {
  cv::Mat edges;
  cv::Canny(lab, edges, 40, 120, 3, true);
  const auto lines = edge_lines(edges);
  const double min_gap = 0.12 * std::min(lab.cols, lab.rows);
  std::vector<std::pair<int, int>> pairs;
  for (size_t i = 0; i < lines.size(); ++i)
    for (size_t j = i + 1; j < lines.size(); ++j) {
      const double dt = std::abs(std::remainder(lines[i].theta - lines[j].theta, CV_PI));
      if (dt > 0.45) continue;
      const auto d = lines[j].point() - lines[i].point();
      const auto n = cv::Point2f(std::cos(lines[i].theta), std::sin(lines[i].theta));
      if (std::abs(d.dot(n)) < min_gap) continue;
      pairs.emplace_back(static_cast<int>(i), static_cast<int>(j));
    }
  std::vector<DocumentQuad> found, with_extra;
  for (size_t a = 0; a < pairs.size(); ++a)
    for (size_t b = a + 1; b < pairs.size(); ++b) {
      const auto& p = pairs[a];
      const auto& q = pairs[b];
      const double cross = std::abs(std::remainder(lines[p.first].theta - lines[q.first].theta, CV_PI));
      if (cross < 0.95 || cross > CV_PI - 0.95) continue;
      const int order[4] = {p.first, q.first, p.second, q.second};
      std::vector<cv::Point> poly;
      bool ok = true;
      for (int k = 0; k < 4 && ok; ++k) {
        const auto& l1 = lines[order[k]];
        const auto& l2 = lines[order[(k + 1) % 4]];
        auto c = intersect_lines(l1.point(), l1.direction(), l2.point(), l2.direction());
        if (!c || c->x < -2 || c->y < -2 || c->x > lab.cols + 1 || c->y > lab.rows + 1) ok = false;
        else poly.emplace_back(cvRound(c->x), cvRound(c->y));
      }
      if (!ok) continue;
      std::vector<cv::Point> hull;
      cv::convexHull(poly, hull);
      if (hull.size() != 4) continue;
      const bool extra = std::any_of(std::begin(order), std::end(order), [&](int k) { return lines[k].extra; });
      add_candidate(hull, min_area, g, lab.size(), options, extra ? with_extra : found);
    }
  const auto best = [](std::vector<DocumentQuad>& quads) {
    std::sort(quads.begin(), quads.end(), [](const auto& x, const auto& y) { return x.score > y.score; });
    if (quads.size() > 4) quads.resize(4);
  };
  best(found);
  best(with_extra);
  out.insert(out.end(), found.begin(), found.end());
  // A quad on a line beyond the longest pairs the card's short sides with whatever long
  // line crosses them (a cloth stripe scores as well as a card edge): it only competes for
  // the enclosed quad's slot, where the foreground must lie inside all its sides.
  extra_out.insert(extra_out.end(), with_extra.begin(), with_extra.end());
}

// Whether every corner of `q` lies inside (or on) `outer`.
bool inside(const DocumentQuad& q, const DocumentQuad& outer) {
  const std::vector<cv::Point2f> polygon(outer.corners.begin(), outer.corners.end());
  return std::all_of(q.corners.begin(), q.corners.end(),
                     [&](const cv::Point2f& p) { return cv::pointPolygonTest(polygon, p, false) >= 0; });
}

// The least enclosure (DocumentQuad::enclosure) of a quad on an extra line to be the
// enclosed result.
constexpr double kExtraLineMinEnclosure = 0.95;

// The least area (share of the frame) of a listed outline for which the plain surface's faint
// regions are not needed.
constexpr double kOutlinedArea = 0.2;

// How much more edge support the enclosed quad needs to replace a listed quad near it.
constexpr double kClearlyBetterEdge = 0.3;

bool same_quad(const DocumentQuad& a, const DocumentQuad& b, float tolerance) {
  for (int i = 0; i < 4; ++i)
    if (cv::norm(a.corners[i] - b.corners[i]) > tolerance) return false;
  return true;
}

}  // namespace

DocumentQuad quad_from_corners(const std::array<cv::Point2f, 4>& corners, cv::Size size) {
  DocumentQuad q;
  q.corners = corners;
  q.area_fraction = quad_area(corners) / (static_cast<double>(size.width) * size.height);
  q.aspect = quad_aspect(corners);
  const float tolerance = std::max(3.f, 0.006f * std::max(size.width, size.height));
  for (int i = 0; i < 4; ++i) q.side_on_border[i] = side_on_image_border(corners[i], corners[(i + 1) % 4], size, tolerance);
  return q;
}

int DocumentQuad::sides_on_border() const {
  return static_cast<int>(std::count(side_on_border.begin(), side_on_border.end(), true));
}

std::vector<DocumentQuad> find_document_quads(const cv::Mat& bgr, const QuadFinderOptions& options) {
  std::vector<DocumentQuad> found;
  if (bgr.empty() || bgr.cols < 16 || bgr.rows < 16) return found;
  const double scale = std::min(1.0, static_cast<double>(options.work_side) / std::max(bgr.cols, bgr.rows));
  cv::Mat small, lab;
  cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::GaussianBlur(small, small, {3, 3}, 0);
  cv::cvtColor(small, lab, cv::COLOR_BGR2Lab);
  const Gradients g = gradients(lab);
  const double min_area = options.min_area_fraction * small.cols * small.rows;

  std::vector<DocumentQuad> candidates;
  edge_candidates(lab, g, min_area, options, candidates);
  std::vector<DocumentQuad> pattern_cut;  // regions cut from a patterned background, enclosure measured
  std::vector<DocumentQuad> plain_cut;    // faint regions on a plain surface, enclosure measured
  const Foreground fg = region_candidates(lab, g, min_area, options, candidates, pattern_cut, plain_cut);
  std::vector<DocumentQuad> extra_lines;  // quads on a line beyond the longest (edge_lines)
  line_candidates(lab, g, min_area, options, candidates, extra_lines);
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  for (auto& q : candidates) q.enclosure = enclosure(q, fg);
  for (auto& q : extra_lines) q.enclosure = enclosure(q, fg);
  const float tolerance = 0.02f * std::hypot(small.cols, small.rows);
  for (const auto& c : candidates) {
    if (std::any_of(found.begin(), found.end(), [&](const auto& f) { return same_quad(f, c, tolerance); })) continue;
    found.push_back(c);
    if (found.size() + 1 >= options.max_results) break;
  }
  // On a patterned background the pattern's own lines outscore the card's edges (each
  // stripe is a strong straight edge) and fill the list with quads of cloth. The best
  // quad that has the foreground inside all its sides is kept too.
  // A quad on an extra line must be wholly enclosed: one that crosses the cloth along a
  // stripe keeps most of the card inside and scores well (seed 85: 0.83 enclosed, 0.72).
  // One enclosed inside another of more than twice its area is a part of the document (its
  // portrait), not the document: the portrait's sharp frame outscores a card outline cut
  // from a check (seed 87). A nearly as large outer quad is the card with a strip of cloth.
  std::vector<const DocumentQuad*> enclosing;
  // A faint region on a plain surface only stands in when the edges outline nothing of a
  // document's size: a clean scan's page outline would otherwise gain a rival just outside
  // its printed frame (seeds 85 and 86: two clean licences then taken for ID cards).
  const bool outlined = std::any_of(found.begin(), found.end(), [](const DocumentQuad& q) { return q.area_fraction >= kOutlinedArea; });
  for (const auto* list : {&candidates, &pattern_cut, &extra_lines, &plain_cut}) {
    if (list == &plain_cut && outlined) continue;
    for (const auto& c : *list)
      if (c.enclosure >= (list == &extra_lines ? kExtraLineMinEnclosure : options.min_enclosure)) enclosing.push_back(&c);
  }
  const DocumentQuad* enclosed = nullptr;
  for (const DocumentQuad* c : enclosing) {
    const bool nested = std::any_of(enclosing.begin(), enclosing.end(), [&](const DocumentQuad* outer) {
      return outer != c && outer->area_fraction > 2 * c->area_fraction && inside(*c, *outer);
    });
    if (!nested && (!enclosed || c->score * c->enclosure > enclosed->score * enclosed->enclosure)) enclosed = c;
  }
  // Near a listed quad (within the 2% tolerance), it replaces that one when its outline is
  // clearly the better edge: a card's outline cut from a green check (edge support 1.0) came
  // 11-12 px from a quad of edge support 0.4 that fitted the card's print at 0.14 (seed 85).
  // Between two good outlines a few pixels apart the listed one stays (replacing those
  // changed licence readings both ways).
  if (enclosed) {
    const auto same = std::find_if(found.begin(), found.end(), [&](const auto& f) { return same_quad(f, *enclosed, tolerance); });
    if (same == found.end()) found.push_back(*enclosed);
    else if (enclosed->edge_support >= same->edge_support + kClearlyBetterEdge) *same = *enclosed;
  }
  // Back to full resolution, then snap each side to the real edge.
  const double search = 2.5 / scale + 2.0;
  for (auto& q : found) {
    for (auto& p : q.corners) p *= static_cast<float>(1.0 / scale);
    q = refine_quad(bgr, q, search);
  }
  DocumentQuad whole;
  const float w = bgr.cols - 1.f, h = bgr.rows - 1.f;
  whole.corners = {cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)};
  whole.area_fraction = 1.0;
  whole.aspect = quad_aspect(whole.corners);
  whole.side_on_border = {true, true, true, true};
  whole.whole_image = true;
  found.push_back(whole);
  return found;
}

}  // namespace beian::ocr
