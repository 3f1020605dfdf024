// crop_top: room above the eyes, in eye-to-chin distances T (OFIQ's crop-of-the-face-image
// measure). The crown sits about 1.25 T above the eyes, so a value below that means the top of
// the head is cut off.
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_crop_top(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  const Face& f = *ctx.face;
  Measurement m;
  m.value = (f.eye_left.y + f.eye_right.y) / 2.0 / f.eye_to_chin;
  m.confidence = 0.85;   // T is estimated from the face box, not from a chin landmark
  return m;
}

}  // namespace beian::photo
