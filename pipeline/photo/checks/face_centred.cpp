// face_centred: horizontal distance of the face centre from the image centre, in image widths.
#include <cmath>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_face_centred(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  Measurement m;
  const double cx = ctx.face->box.x + ctx.face->box.width / 2.0;
  m.value = std::abs(cx - ctx.bgr.cols / 2.0) / ctx.bgr.cols;
  return m;
}

}  // namespace beian::photo
