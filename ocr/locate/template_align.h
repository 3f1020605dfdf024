// Aligning a located document with what is always printed on it. A document's fixed text
// (labels, titles) rendered from its layout is a template of where ink must and must not
// be; comparing it with the ink of a rectified view says whether the view shows that
// document upright (the correlation), and searching scale and offset refines an imprecise
// outline - or finds the document inside a whole flat scan, where no outline was seen.
#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "ocr/page_analysis.h"

namespace beian::ocr {

// A document's expected ink at 1/kAlignScale of its canonical size.
struct AlignmentTemplate {
  static constexpr int kAlignScale = 4;
  cv::Size canonical;   // canonical document size (px)
  cv::Mat expected;     // CV_32F, blurred ink 0..1
  cv::Mat counted;      // CV_8U mask of the pixels that carry evidence (not values or pictures)
};

// Ink darkness (0..1) of a BGR view relative to its local paper, resized to `size` and
// blurred like the templates.
cv::Mat ink_map(const cv::Mat& view, cv::Size size);

// Correlation coefficient of a and b (CV_32F, same size) over `mask`; 0 when either is flat.
double masked_ncc(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask);

// The correlation of the view of `quad` (turned by quarter_turns) with the template.
double template_match(const PageAnalysis& page, size_t quad_index, int quarter_turns, const AlignmentTemplate& t);

struct Alignment {
  std::array<cv::Point2f, 4> corners;  // document's top-left, top-right, bottom-right, bottom-left
  double match = -1.0;                 // correlation after alignment
};

// Searches scale (0.7-1.06, separately in x and y) and offset (up to 12% of the size) of the
// document inside the view of `quad` turned by quarter_turns, maximising the correlation,
// after straightening a small in-plane turn (up to ±3°, estimated from the ink's lines).
// Returns the document's refined corners in normalised-image coordinates.
Alignment align_to_template(const PageAnalysis& page, size_t quad_index, int quarter_turns, const AlignmentTemplate& t);

}  // namespace beian::ocr
