// crop_bottom: room below the eyes, in eye-to-chin distances T. A chest-up photo shows the
// shoulders: OFIQ asks for 1.8 T or more.
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_crop_bottom(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  const Face& f = *ctx.face;
  Measurement m;
  m.value = (ctx.bgr.rows - (f.eye_left.y + f.eye_right.y) / 2.0) / f.eye_to_chin;
  m.confidence = 0.85;
  return m;
}

}  // namespace beian::photo
