// glasses_glare: share of the eye regions covered by specular glare — near-white, colourless
// pixels (L* ≥ min_lightness, chroma ≤ max_chroma) such as a lamp reflected in spectacle
// lenses. Eye whites are rarely that bright. Value: the larger share of the two eyes.
#include <algorithm>
#include <cmath>

#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_glasses_glare(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face || !ctx.face->frontal) return not_measured();
  const double min_l = s.param("min_lightness"), max_c = s.param("max_chroma");
  Measurement m;
  for (const auto& eye : {ctx.face->eye_left, ctx.face->eye_right}) {
    const cv::Rect r = eye_region(ctx, eye, s.param("width"), s.param("height"));
    if (r.area() <= 0) return not_measured();
    const double share = lab_fraction(ctx, r, [&](double L, double a, double b) {
      return L >= min_l && std::hypot(a, b) <= max_c;
    });
    m.value = std::max(m.value, share);
    m.regions.push_back(r);
  }
  m.confidence = 0.55;
  return m;
}

}  // namespace beian::photo
