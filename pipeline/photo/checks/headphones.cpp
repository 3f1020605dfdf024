// headphones: share of the regions beside the face at ear height that are strongly coloured
// (chroma ≥ min_chroma) or nearly black (L* ≤ max_dark) — over-ear headphones are usually
// black or coloured plastic. Value: the smaller share of the two sides (headphones cover both
// ears). Dark hair covering the ears looks alike, so this is a weak heuristic: confidence is
// low and a failure asks for human review; earbuds are not detected.
#include <algorithm>
#include <cmath>

#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_headphones(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face || !ctx.face->frontal) return not_measured();
  const double min_chroma = s.param("min_chroma"), max_dark = s.param("max_dark");
  Measurement m;
  m.value = 1.0;
  for (bool left : {true, false}) {
    const cv::Rect r = ear_region(ctx, left, s.param("width"), s.param("depth"));
    if (r.area() <= 0) return not_measured();
    const double share = lab_fraction(ctx, r, [&](double L, double a, double b) {
      return L <= max_dark || std::hypot(a, b) >= min_chroma;
    });
    m.value = std::min(m.value, share);
    m.regions.push_back(r);
  }
  m.confidence = 0.3;
  return m;
}

}  // namespace beian::photo
