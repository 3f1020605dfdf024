// crop_sides: distance from the nearer eye to the nearer side edge, in inter-eye distances.
// The side of the head lies about 0.75 IED beyond the eye, so less than that cuts the head.
#include <algorithm>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_crop_sides(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  const Face& f = *ctx.face;
  Measurement m;
  const double left = std::min(f.eye_left.x, f.eye_right.x);
  const double right = ctx.bgr.cols - std::max(f.eye_left.x, f.eye_right.x);
  m.value = std::min(left, right) / std::max(1.0, f.ied);
  m.confidence = f.eyes_detected == 2 ? 0.9 : 0.7;
  return m;
}

}  // namespace beian::photo
