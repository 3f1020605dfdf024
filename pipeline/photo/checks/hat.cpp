// hat: share of the band above the forehead that is strongly coloured (chroma ≥ min_chroma).
// Hats (caps, beanies, Santa hats) are usually saturated fabric; hair is dark or moderately
// coloured. A heuristic with low confidence: a failure asks for human review. It misses hats
// in hair-like colours.
#include <cmath>

#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_hat(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face) return not_measured();
  const cv::Rect band = above_face(ctx, s.param("from"), s.param("to"), s.param("width"));
  if (band.area() <= 0) return not_measured();
  const double min_chroma = s.param("min_chroma");
  Measurement m;
  m.value = lab_fraction(ctx, band, [&](double, double a, double b) { return std::hypot(a, b) >= min_chroma; });
  m.regions.push_back(band);
  m.confidence = 0.45;
  return m;
}

}  // namespace beian::photo
