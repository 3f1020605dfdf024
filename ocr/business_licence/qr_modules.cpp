#include "ocr/business_licence/qr_modules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

namespace beian::ocr {
namespace {

// Whether module (row, col) of an n×n code belongs to a finder pattern with its separator
// (the 8×8 corners but the bottom right) or to a timing pattern; and if so, whether it is dark.
std::optional<bool> function_module(int row, int col, int n) {
  const auto finder = [](int r, int c) -> std::optional<bool> {
    if (r < 0 || c < 0 || r > 7 || c > 7) return std::nullopt;
    if (r == 7 || c == 7) return false;                          // separator
    const int ring = std::max(std::abs(r - 3), std::abs(c - 3));  // 0..3 from the centre
    return ring != 2;                                             // dark core (0, 1), light ring 2, dark ring 3
  };
  if (auto f = finder(row, col)) return f;
  if (auto f = finder(row, n - 1 - col)) return f;
  if (auto f = finder(n - 1 - row, col)) return f;
  if (row == 6 && col >= 8 && col < n - 8) return col % 2 == 0;
  if (col == 6 && row >= 8 && row < n - 8) return row % 2 == 0;
  return std::nullopt;
}

// A square pattern of concentric rings of modules, `m` pixels a module, with a light margin
// ring: the finder pattern (rings 0-1 dark, 2 light, 3 dark) or the alignment pattern (0
// dark, 1 light, 2 dark), by which the grid is fitted.
cv::Mat ring_template(double m, int rings, std::initializer_list<int> dark_rings) {
  const int modules = 2 * rings + 3;  // the rings and the margin on both sides of the centre
  const int side = std::max(modules, static_cast<int>(std::lround(modules * m)));
  cv::Mat t(side, side, CV_32F);
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      const int r = static_cast<int>((y + 0.5) * modules / side), c = static_cast<int>((x + 0.5) * modules / side);
      const int ring = std::max(std::abs(r - modules / 2), std::abs(c - modules / 2));
      t.at<float>(y, x) = std::find(dark_rings.begin(), dark_rings.end(), ring) != dark_rings.end() ? 0.f : 255.f;
    }
  cv::GaussianBlur(t, t, cv::Size(0, 0), std::max(0.5, 0.5 * m));
  return t;
}
cv::Mat finder_template(double m) { return ring_template(m, 3, {0, 1, 3}); }
cv::Mat alignment_template(double m) { return ring_template(m, 2, {0, 2}); }

// The bounding box of the code's dark modules in `crop`: the largest nearly square blob of
// dark pixels once neighbouring modules are joined.
std::optional<cv::Rect> symbol_box(const cv::Mat& crop) {
  cv::Mat dark;
  cv::threshold(crop, dark, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const int k = std::max(3, std::min(crop.cols, crop.rows) / 30);
  cv::morphologyEx(dark, dark, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
  std::optional<cv::Rect> best;
  for (int i = 1; i < count; ++i) {
    const cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
                     stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const double aspect = static_cast<double>(r.width) / r.height;
    if (aspect < 0.8 || aspect > 1.25 || std::min(r.width, r.height) < std::min(crop.cols, crop.rows) / 5) continue;
    if (!best || r.area() > best->area()) best = r;
  }
  return best;
}

// The best match of a pattern's template (ring_template) around `expected` (within `reach`
// pixels): its centre and score (normalised correlation).
std::pair<cv::Point2f, double> locate_pattern(const cv::Mat& image, const cv::Mat& templ, cv::Point2f expected, double reach) {
  const cv::Point2f half(templ.cols / 2.f, templ.rows / 2.f);
  cv::Rect search(cv::Point(static_cast<int>(expected.x - half.x - reach), static_cast<int>(expected.y - half.y - reach)),
                  cv::Size(static_cast<int>(templ.cols + 2 * reach), static_cast<int>(templ.rows + 2 * reach)));
  search &= cv::Rect(0, 0, image.cols, image.rows);
  if (search.width < templ.cols || search.height < templ.rows) return {expected, -1};
  cv::Mat result;
  cv::matchTemplate(image(search), templ, result, cv::TM_CCOEFF_NORMED);
  double best;
  cv::Point at;
  cv::minMaxLoc(result, nullptr, &best, nullptr, &at);
  return {cv::Point2f(static_cast<float>(search.x + at.x) + half.x, static_cast<float>(search.y + at.y) + half.y), best};
}

// Mean of `image` over a small square around `p` (a fifth of a module each way).
float sample(const cv::Mat& image, cv::Point2f p, double m) {
  const float r = static_cast<float>(0.2 * m);
  float sum = 0;
  int n = 0;
  for (float dy : {-r, 0.f, r})
    for (float dx : {-r, 0.f, r}) {
      const int x = std::clamp(static_cast<int>(std::lround(p.x + dx)), 0, image.cols - 1);
      const int y = std::clamp(static_cast<int>(std::lround(p.y + dy)), 0, image.rows - 1);
      sum += image.at<float>(y, x);
      ++n;
    }
  return sum / n;
}

// A code's modules as sampled through `to_image` (module coordinates to image pixels, a
// homography), with `kQuiet` rings of the quiet zone around it: each one's shade at its
// centre, and what it must be where the code's function patterns (or the quiet zone) fix it.
constexpr int kQuiet = 2;  // quiet-zone rings sampled
constexpr int kReach = 2;  // how far (in modules) the blur is followed
struct Lattice {
  int n = 0;
  std::vector<double> shade;
  std::vector<int> known;  // 1 dark, 0 light, -1 data
  int span() const { return n + 2 * kQuiet; }
  size_t index(int r, int c) const { return static_cast<size_t>((r + kQuiet) * span() + (c + kQuiet)); }
  bool inside(int r, int c) const { return r >= -kQuiet && c >= -kQuiet && r < n + kQuiet && c < n + kQuiet; }
};

cv::Point2f project(const cv::Mat& h, double col, double row) {
  const double* p = h.ptr<double>(0);
  const double w = p[6] * col + p[7] * row + p[8];
  return {static_cast<float>((p[0] * col + p[1] * row + p[2]) / w), static_cast<float>((p[3] * col + p[4] * row + p[5]) / w)};
}

Lattice sample_lattice(const cv::Mat& image, int n, double m, const cv::Mat& to_image) {
  Lattice l;
  l.n = n;
  l.shade.resize(static_cast<size_t>(l.span() * l.span()));
  l.known.assign(l.shade.size(), -1);
  for (int r = -kQuiet; r < n + kQuiet; ++r)
    for (int c = -kQuiet; c < n + kQuiet; ++c) {
      l.shade[l.index(r, c)] = sample(image, project(to_image, c + 0.5, r + 0.5), m);
      const bool in_code = r >= 0 && c >= 0 && r < n && c < n;
      const auto f = in_code ? function_module(r, c, n) : std::optional<bool>(false);
      if (f) l.known[l.index(r, c)] = *f ? 1 : 0;
    }
  return l;
}

// The modules' darkness (0 light .. 1 dark) that best explains the shades when the print is
// blurred by a Gaussian of `sigma` modules: shade = paper - ink · (darkness blurred). Paper
// and ink are fitted on the modules whose whole neighbourhood is known (the finder patterns'
// and the quiet zone's); each data module is then solved in turn given its neighbours (a few
// sweeps). `residual`: the mean squared misfit of the darkness rounded to modules, what the
// grid is refined by. Empty `dark` when there is no contrast (no code there).
struct Solution {
  std::vector<double> dark;
  double residual = 0;
};
Solution solve_lattice(const Lattice& l, double sigma) {
  Solution out;
  std::vector<double> kernel;
  for (int dr = -kReach; dr <= kReach; ++dr)
    for (int dc = -kReach; dc <= kReach; ++dc)
      kernel.push_back(sigma > 0 ? std::exp(-(dr * dr + dc * dc) / (2 * sigma * sigma)) : (dr == 0 && dc == 0));
  double total = 0;
  for (double k : kernel) total += k;
  for (double& k : kernel) k /= total;
  const double centre_weight = kernel[static_cast<size_t>(kReach * (2 * kReach + 1) + kReach)];
  std::vector<double> dark(l.shade.size());
  for (size_t i = 0; i < dark.size(); ++i) dark[i] = l.known[i] == 1 ? 1.0 : 0.0;
  const auto blurred = [&](const std::vector<double>& d, int r, int c, bool without_centre) {
    double sum = 0;
    size_t k = 0;
    for (int dr = -kReach; dr <= kReach; ++dr)
      for (int dc = -kReach; dc <= kReach; ++dc, ++k)
        if (!(dr == 0 && dc == 0 && without_centre) && l.inside(r + dr, c + dc)) sum += kernel[k] * d[l.index(r + dr, c + dc)];
    return sum;
  };
  double sz = 0, sy = 0, szz = 0, szy = 0;
  int count = 0;
  for (int r = -kQuiet; r < l.n + kQuiet; ++r)
    for (int c = -kQuiet; c < l.n + kQuiet; ++c) {
      bool all_known = true;
      for (int dr = -kReach; dr <= kReach && all_known; ++dr)
        for (int dc = -kReach; dc <= kReach && all_known; ++dc)
          all_known = !l.inside(r + dr, c + dc) || l.known[l.index(r + dr, c + dc)] >= 0;
      if (!all_known) continue;
      const double z = blurred(dark, r, c, false), y = l.shade[l.index(r, c)];
      sz += z, sy += y, szz += z * z, szy += z * y, ++count;
    }
  const double variance = count * szz - sz * sz;
  if (count < 20 || variance <= 0) return out;
  const double ink = -(count * szy - sz * sy) / variance, paper = (sy + ink * sz) / count;
  if (ink < 10) return out;  // no contrast: no code here
  for (int r = 0; r < l.n; ++r)
    for (int c = 0; c < l.n; ++c)
      if (l.known[l.index(r, c)] < 0) dark[l.index(r, c)] = std::clamp((paper - l.shade[l.index(r, c)]) / ink, 0.0, 1.0);
  for (int sweep = 0; sweep < (sigma > 0 ? 12 : 0); ++sweep)
    for (int r = 0; r < l.n; ++r)
      for (int c = 0; c < l.n; ++c)
        if (l.known[l.index(r, c)] < 0)
          dark[l.index(r, c)] = std::clamp(((paper - l.shade[l.index(r, c)]) / ink - blurred(dark, r, c, true)) / centre_weight, 0.0, 1.0);
  std::vector<double> rounded(dark.size());
  for (size_t i = 0; i < dark.size(); ++i) rounded[i] = dark[i] > 0.5 ? 1.0 : 0.0;
  double misfit = 0;
  for (int r = -kQuiet; r < l.n + kQuiet; ++r)
    for (int c = -kQuiet; c < l.n + kQuiet; ++c) {
      const double e = (l.shade[l.index(r, c)] - (paper - ink * blurred(rounded, r, c, false))) / ink;
      misfit += e * e;
    }
  out.dark = std::move(dark);
  out.residual = misfit / static_cast<double>(l.shade.size());
  return out;
}

// A clean image of `modules` (true = dark), `pixels` per module and a quiet zone of four
// modules: what zxing is handed.
cv::Mat draw_qr_modules(const std::vector<std::vector<bool>>& modules, int pixels) {
  const int n = static_cast<int>(modules.size());
  cv::Mat out((n + 8) * pixels, (n + 8) * pixels, CV_8U, cv::Scalar(255));
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      if (modules[r][c]) out(cv::Rect((c + 4) * pixels, (r + 4) * pixels, pixels, pixels)).setTo(0);
  return out;
}

QrReading decode_drawn(const cv::Mat& drawn) {
  QrReading out;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setIsPure(true);
  hints.setMaxNumberOfSymbols(1);
  try {
    for (const auto& r : ZXing::ReadBarcodes(
             ZXing::ImageView(drawn.data, drawn.cols, drawn.rows, ZXing::ImageFormat::Lum, static_cast<int>(drawn.step)), hints)) {
      if (!r.isValid()) continue;
      out.found = true;
      out.text = r.text();
      return out;
    }
  } catch (const std::exception&) {
  }
  return out;
}

}  // namespace

QrReading decode_qr_by_modules(const cv::Mat& grey, const cv::Rect& area, const QrModuleSettings& settings) {
  QrReading out;
  const cv::Rect crop_box = area & cv::Rect(0, 0, grey.cols, grey.rows);
  if (!settings.enabled() || crop_box.width < 21 || crop_box.height < 21 || grey.type() != CV_8UC1) return out;
  const cv::Mat crop = grey(crop_box);
  const auto box = symbol_box(crop);
  if (!box) return out;
  cv::Mat image;
  crop.convertTo(image, CV_32F);
  // Versions by how well their finder patterns fit: the module size follows from the box.
  struct Grid {
    int n = 0;
    double m = 0, score = -1;
    std::array<cv::Point2f, 3> finders;  // centres: top left, top right, bottom left
  };
  std::vector<Grid> grids;
  for (int version = settings.min_version; version <= settings.max_version; ++version) {
    Grid g;
    g.n = 17 + 4 * version;
    g.m = 0.5 * (box->width + box->height) / g.n;
    if (g.m < 1.0) continue;
    const cv::Mat templ = finder_template(g.m);
    const float inset = static_cast<float>(3.5 * g.m);
    const std::array<cv::Point2f, 3> expected = {cv::Point2f(box->x + inset, box->y + inset),
                                                 cv::Point2f(box->br().x - inset, box->y + inset),
                                                 cv::Point2f(box->x + inset, box->br().y - inset)};
    g.score = 1;
    for (int i = 0; i < 3; ++i) {
      const auto [centre, score] = locate_pattern(image, templ, expected[i], 1.5 * g.m);
      g.finders[i] = centre;
      g.score = std::min(g.score, score);
    }
    if (g.score >= settings.min_finder_match) grids.push_back(g);
  }
  std::sort(grids.begin(), grids.end(), [](const Grid& a, const Grid& b) { return a.score > b.score; });
  if (grids.size() > static_cast<size_t>(settings.max_grids)) grids.resize(static_cast<size_t>(settings.max_grids));
  for (const Grid& g : grids) {
    const std::array<cv::Point2f, 3> from = {cv::Point2f(3.5f, 3.5f), cv::Point2f(g.n - 3.5f, 3.5f), cv::Point2f(3.5f, g.n - 3.5f)};
    const cv::Mat affine = cv::getAffineTransform(from.data(), g.finders.data());
    cv::Mat to_image = cv::Mat::eye(3, 3, CV_64F);
    affine.copyTo(to_image.rowRange(0, 2));
    // From version 2 on an alignment pattern sits 6.5 modules inside the bottom right corner:
    // with it the grid follows the page's perspective (and a bend), which three points cannot.
    if (g.n >= 25) {
      const cv::Point2f module(static_cast<float>(g.n - 6.5), static_cast<float>(g.n - 6.5));
      std::vector<cv::Point2f> predicted;
      cv::transform(std::vector<cv::Point2f>{module}, predicted, affine);
      const auto [centre, score] = locate_pattern(image, alignment_template(g.m), predicted[0], 2 * g.m);
      if (score >= settings.min_finder_match) {
        const std::array<cv::Point2f, 4> grid = {from[0], from[1], from[2], module};
        const std::array<cv::Point2f, 4> seen = {g.finders[0], g.finders[1], g.finders[2], centre};
        to_image = cv::getPerspectiveTransform(grid.data(), seen.data());
      }
    }
    // The grid's control points (finder centres, alignment centre) moved by up to a module in
    // steps while that lowers the misfit: a point found a pixel off shifts a corner of the
    // grid onto module edges, where blurred modules average to grey.
    const std::array<cv::Point2f, 4> grid_points = {from[0], from[1], from[2],
                                                    cv::Point2f(static_cast<float>(g.n - 6.5), static_cast<float>(g.n - 6.5))};
    std::array<cv::Point2f, 4> seen;
    for (int i = 0; i < 4; ++i) seen[i] = project(to_image, grid_points[i].x, grid_points[i].y);
    const auto homography = [&](const std::array<cv::Point2f, 4>& points) {
      return cv::getPerspectiveTransform(grid_points.data(), points.data());
    };
    // Read under every blur tried, the best fitting first; the blur that fits best is the
    // one the grid is refined under.
    double sigma = -1;
    double residual = 0;
    const auto read_grid = [&](const std::array<cv::Point2f, 4>& points) -> QrReading {
      const cv::Mat h = homography(points);
      const Lattice lattice = sample_lattice(image, g.n, g.m, h);
      std::vector<std::pair<double, Solution>> solutions;
      for (const double tried : settings.blur_sigmas)
        if (Solution s = solve_lattice(lattice, tried); !s.dark.empty()) solutions.emplace_back(tried, std::move(s));
      std::sort(solutions.begin(), solutions.end(), [](const auto& a, const auto& b) { return a.second.residual < b.second.residual; });
      sigma = solutions.empty() ? -1 : solutions.front().first;
      residual = solutions.empty() ? 0 : solutions.front().second.residual;
      for (const auto& [tried, solution] : solutions) {
        std::vector<std::vector<bool>> modules(g.n, std::vector<bool>(g.n));
        for (int r = 0; r < g.n; ++r)
          for (int c = 0; c < g.n; ++c) {
            const size_t i = lattice.index(r, c);
            modules[r][c] = lattice.known[i] >= 0 ? lattice.known[i] == 1 : solution.dark[i] > 0.5;
          }
        QrReading read = decode_drawn(draw_qr_modules(modules, 6));
        if (!read.found) continue;
        const cv::Point2f tl = project(h, 0, 0), br = project(h, g.n, g.n);
        read.box = cv::Rect(cv::Point(static_cast<int>(tl.x), static_cast<int>(tl.y)), cv::Point(static_cast<int>(br.x), static_cast<int>(br.y))) +
                   crop_box.tl();
        return read;
      }
      return {};
    };
    if (QrReading read = read_grid(seen); read.found) return read;
    if (sigma < 0) continue;  // no contrast under any blur
    // The grid's control points moved in steps (shares of a module) while that lowers the
    // misfit under the best blur, then read again; twice, as a better grid may show another
    // blur fitting best.
    for (int round = 0; round < settings.refine_rounds; ++round) {
      for (const double step : settings.refine_steps)
        for (bool moved = true; moved;) {
          moved = false;
          for (int i = 0; i < 4; ++i)
            for (const cv::Point2f d : {cv::Point2f(1, 0), cv::Point2f(-1, 0), cv::Point2f(0, 1), cv::Point2f(0, -1)}) {
              auto tried = seen;
              tried[i] += d * static_cast<float>(step * g.m);
              const Solution s = solve_lattice(sample_lattice(image, g.n, g.m, homography(tried)), sigma);
              if (!s.dark.empty() && s.residual < residual) residual = s.residual, seen = tried, moved = true;
            }
        }
      if (QrReading read = read_grid(seen); read.found) return read;
      if (sigma < 0) break;
    }
  }
  return out;
}

}  // namespace beian::ocr
