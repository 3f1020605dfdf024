// colour_cast: how far the face's mean skin colour lies outside the range of natural skin,
// in CIELAB units: the distance from (a*, b*) to the box [a_min, a_max] × [b_min, b_max]
// (OFIQ's natural-colour measure: a* 5-25, b* 5-35 on the cheeks). 0 inside the box.
#include <algorithm>
#include <cmath>

#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_colour_cast(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face) return not_measured();
  const cv::Vec3d lab = mean_lab(ctx, face_core(ctx));
  const double da = std::max({0.0, s.param("a_min") - lab[1], lab[1] - s.param("a_max")});
  const double db = std::max({0.0, s.param("b_min") - lab[2], lab[2] - s.param("b_max")});
  Measurement m;
  m.value = std::hypot(da, db);
  m.evidence.emplace_back("a", std::to_string(static_cast<int>(std::lround(lab[1]))));
  m.evidence.emplace_back("b", std::to_string(static_cast<int>(std::lround(lab[2]))));
  m.confidence = 0.8;   // lighting and skin tone vary; only strong casts are certain
  return m;
}

}  // namespace beian::photo
