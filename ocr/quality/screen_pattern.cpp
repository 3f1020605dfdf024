#include "ocr/quality/screen_pattern.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace beian::ocr {

ScreenPattern measure_screen_pattern(const cv::Mat& grey, const cv::Rect& region, const ScreenPatternSettings& s) {
  ScreenPattern out;
  const cv::Rect r = region & cv::Rect(0, 0, grey.cols, grey.rows);
  const int n = s.crop;
  if (grey.type() != CV_8UC1 || r.width < n || r.height < n || n < 32) return out;
  const cv::Rect square(r.x + (r.width - n) / 2, r.y + (r.height - n) / 2, n, n);
  cv::Mat f;
  grey(square).convertTo(f, CV_32F);
  // High-pass (the page's shading and the text's coarse structure are not the pattern) and a
  // window, so the square's edges add no peaks of their own.
  cv::Mat low;
  cv::GaussianBlur(f, low, cv::Size(), 3.0);
  f -= low;
  cv::Mat window;
  cv::createHanningWindow(window, f.size(), CV_32F);
  f = f.mul(window);
  cv::Mat spectrum;
  cv::dft(f, spectrum, cv::DFT_COMPLEX_OUTPUT);
  cv::Mat planes[2];
  cv::split(spectrum, planes);
  cv::Mat magnitude;
  cv::magnitude(planes[0], planes[1], magnitude);

  // Bins by ring (integer radius); the real input's spectrum is symmetric: half the plane.
  const int r_min = static_cast<int>(std::ceil(n / s.max_period));
  const int r_max = static_cast<int>(std::floor(n / s.min_period));
  std::vector<std::vector<float>> rings(static_cast<size_t>(r_max + 1));
  struct Bin { float value; int radius; };
  std::vector<Bin> bins;
  for (int v = 0; v <= n / 2; ++v)
    for (int u = 0; u < n; ++u) {
      const int fu = u <= n / 2 ? u : u - n;
      if (std::abs(fu) <= s.axis_margin || v <= s.axis_margin) continue;
      const int radius = static_cast<int>(std::lround(std::hypot(fu, v)));
      if (radius < r_min || radius > r_max) continue;
      const float m = magnitude.at<float>(v, u);
      rings[static_cast<size_t>(radius)].push_back(m);
      bins.push_back({m, radius});
    }
  std::vector<float> median(rings.size(), 0.f);
  for (size_t k = 0; k < rings.size(); ++k) {
    auto& ring = rings[k];
    if (ring.size() < 8) continue;
    std::nth_element(ring.begin(), ring.begin() + ring.size() / 2, ring.end());
    median[k] = ring[ring.size() / 2];
  }
  for (const auto& b : bins) {
    const float m = median[static_cast<size_t>(b.radius)];
    if (m <= 0) continue;
    const double ratio = b.value / m;
    if (ratio > out.peak_ratio) {
      out.peak_ratio = ratio;
      out.period_px = static_cast<double>(n) / b.radius;
    }
  }
  out.found = out.peak_ratio >= s.min_peak_ratio;
  return out;
}

}  // namespace beian::ocr
