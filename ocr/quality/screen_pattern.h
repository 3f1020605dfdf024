// A photo of a screen instead of the document: the display's pixel grid (and the moiré it
// makes with the camera's sensor) is a lattice of sharp peaks in the image's spectrum, which
// paper, print, sensor noise and JPEG blocks do not give away from the axes. Measured on a
// square of the document's centre; thresholds are the caller's data.
#pragma once

#include <opencv2/core.hpp>

namespace beian::ocr {

struct ScreenPatternSettings {
  int crop = 512;                // side of the analysed square (pixels of the normalised image)
  double min_period = 2.1;       // periods searched, pixels
  double max_period = 16.0;
  int axis_margin = 2;           // frequency bins this close to an axis are left out (JPEG
                                 //   blocks, text rows and columns put their peaks there)
  double min_peak_ratio = 30.0;  // peak / median of its ring at or above this: a screen
};

struct ScreenPattern {
  double peak_ratio = 0;  // the strongest off-axis peak over the median of its frequency ring
  double period_px = 0;   // that peak's period, pixels
  bool found = false;     // peak_ratio ≥ min_peak_ratio
};

// Measures `grey` (8-bit) inside `region` (the document's box; the centre square of it is used).
// A region smaller than the crop gives found = false. Never throws for image content.
ScreenPattern measure_screen_pattern(const cv::Mat& grey, const cv::Rect& region, const ScreenPatternSettings& settings);

}  // namespace beian::ocr
