// Blur: the Gaussian sigma that explains the steepest text edges of the card. A blurred step
// of contrast C has a maximum slope C / (sigma * sqrt(2 pi)), so sigma = C / (slope * 2.5).
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "ocr/quality/card_quality.h"

namespace beian::ocr {
namespace {

// The value at `fraction` (0..1) of the sorted values of an 8-bit or float image.
double percentile(const cv::Mat& m, double fraction) {
  cv::Mat flat = m.clone().reshape(1, 1);
  flat.convertTo(flat, CV_32F);
  std::vector<float> v(flat.begin<float>(), flat.end<float>());
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(fraction * (v.size() - 1)));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

}  // namespace

QualityCheck check_blur(const CardQualityInput& in, const QualitySettings& s) {
  QualityCheck c;
  c.id = "blur";
  c.threshold = s.blur_max_text_fraction * smallest_text_mm(in.layout);
  cv::Mat gray;
  cv::cvtColor(in.view, gray, cv::COLOR_BGR2GRAY);
  // Where the values are printed: the union of the field boxes.
  cv::Rect text;
  for (const auto& f : in.layout.fields) text |= in.layout.scale(f.box, gray.size());
  text &= cv::Rect(0, 0, gray.cols, gray.rows);
  if (text.empty()) return c;
  const cv::Mat roi = gray(text);
  cv::Mat gx, gy, mag;
  cv::Sobel(roi, gx, CV_32F, 1, 0, 3, 1.0 / 8);  // scaled to intensity per pixel
  cv::Sobel(roi, gy, CV_32F, 0, 1, 3, 1.0 / 8);
  cv::magnitude(gx, gy, mag);
  const double slope = percentile(mag, 0.997);
  const double contrast = percentile(roi, 0.97) - percentile(roi, 0.02);
  if (slope <= 1e-3 || contrast < 30) {
    c.confidence = 0.3;  // nearly no text contrast: the sigma would be meaningless
    return c;
  }
  const double sigma_px = contrast / (slope * std::sqrt(2 * CV_PI));
  const double px_per_mm = in.view.cols / in.layout.width_mm;
  c.value = sigma_px / px_per_mm;
  c.passed = c.value <= c.threshold;
  return c;
}

}  // namespace beian::ocr
