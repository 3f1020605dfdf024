// Checks on where and how large the card is in the photo: border cut off, resolution, size.
#include <string>

#include "ocr/quality/card_quality.h"

namespace beian::ocr {

QualityCheck check_border_cut(const CardQualityInput& in, const QualitySettings& s) {
  QualityCheck c;
  c.id = "border_cut";
  c.threshold = 0;
  if (in.quad.whole_image) {
    c.confidence = 0.3;  // a scan cropped to the card: its edges are the photo's edges
    return c;
  }
  static const char* kSides[4] = {"top", "right", "bottom", "left"};
  const cv::Size size = in.page.bgr().size();
  const float t = static_cast<float>(s.border_tolerance_px);
  std::string sides;
  int cut = 0;
  for (int i = 0; i < 4; ++i) {
    const cv::Point2f a = in.quad.corners[i];
    const bool outside = a.x < -t || a.y < -t || a.x > size.width - 1 + t || a.y > size.height - 1 + t;
    if (in.quad.side_on_border[i] || outside) {
      ++cut;
      if (!sides.empty()) sides += ",";
      sides += in.quad.side_on_border[i] ? kSides[i] : "corner";
    }
  }
  c.value = cut;
  c.passed = cut == 0;
  if (!c.passed) c.evidence.emplace_back("sides", sides);
  return c;
}

QualityCheck check_resolution(const CardQualityInput& in, const QualitySettings& s) {
  QualityCheck c;
  c.id = "resolution";
  c.threshold = min_document_width_px(in.layout, s);
  const double width = quad_width(in.quad, landscape_turn(in.quad)) / std::max(1e-6, in.page.image().scale);
  c.value = width;
  c.passed = width >= c.threshold;
  return c;
}

QualityCheck check_card_size(const CardQualityInput& in, const QualitySettings& s) {
  QualityCheck c;
  c.id = "card_size";
  c.threshold = s.min_card_area_fraction;
  c.value = in.quad.area_fraction;
  c.passed = in.quad.whole_image || in.quad.area_fraction >= s.min_card_area_fraction;
  return c;
}

}  // namespace beian::ocr
