// face_yaw: how far the head is turned, as the offset of the eyes' midpoint from the centre of
// the face box in face widths (0 = frontal). A face only the profile cascade finds is turned
// (value 0.5). Haar boxes are coarse: this catches clearly turned heads only.
#include <cmath>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_face_yaw(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  const Face& f = *ctx.face;
  Measurement m;
  if (!f.frontal) {
    m.value = 0.5;
    m.confidence = 0.7;
    return m;
  }
  if (f.eyes_detected < 2) return not_measured();
  const double mid = (f.eye_left.x + f.eye_right.x) / 2.0;
  m.value = std::abs(mid - (f.box.x + f.box.width / 2.0)) / f.box.width;
  m.confidence = 0.6;
  return m;
}

}  // namespace beian::photo
