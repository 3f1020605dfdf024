// face_roll: tilt of the eye line from horizontal, degrees. Measured only when the eye cascade
// found both eyes.
#include <cmath>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_face_roll(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face || ctx.face->eyes_detected < 2) return not_measured();
  const Face& f = *ctx.face;
  Measurement m;
  m.value = std::abs(std::atan2(f.eye_right.y - f.eye_left.y, f.eye_right.x - f.eye_left.x)) * 180.0 / CV_PI;
  m.confidence = 0.85;
  m.lines.emplace_back(f.eye_left.x, f.eye_left.y, f.eye_right.x, f.eye_right.y);
  return m;
}

}  // namespace beian::photo
