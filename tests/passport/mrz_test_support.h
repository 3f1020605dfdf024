// Test-only drawing of OCR-B machine-readable zones, independent of the specimen generator:
// the MRZ reader is tested against lines rendered here with the same Debian font.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace beian::test {

struct MrzPageOptions {
  cv::Size page{1250, 880};     // a TD3 data page (125 × 88 mm) at 10 px/mm
  int font_px = 34;             // OCR-B font size
  double line_gap = 1.6;        // baseline distance / font size
  int bottom_margin = 60;       // from the last baseline to the page bottom
  cv::Scalar paper{236, 240, 232};
  bool decorations = true;      // a photo box and some Chinese/Latin visual-zone text
};

// A light page with `lines` drawn in OCR-B at the bottom, centred horizontally.
cv::Mat render_mrz_page(const std::vector<std::string>& lines, const MrzPageOptions& options = {});

// Photo-like degradation: rotation by `degrees`, Gaussian blur, additive noise and JPEG.
cv::Mat degrade(const cv::Mat& bgr, double degrees, double blur_sigma, double noise, int jpeg_quality,
                unsigned seed = 7);

}  // namespace beian::test
