// face_size: inter-eye distance in original-image pixels (OFIQ / ISO 19794-5 use ≥ 90 px for
// a usable face). Less certain when the eye cascade did not find both eyes.
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_face_size(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  Measurement m;
  m.value = ctx.face->ied / ctx.scale;
  m.confidence = ctx.face->eyes_detected == 2 ? 0.95 : 0.75;
  return m;
}

}  // namespace beian::photo
