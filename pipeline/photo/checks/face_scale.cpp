// face_scale: face-box height over image height. A chest-up photo's face fills roughly a
// fifth to a half of the height; a person standing far away is far below.
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_face_scale(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  Measurement m;
  m.value = static_cast<double>(ctx.face->box.height) / ctx.bgr.rows;
  m.regions.push_back(ctx.face->box);
  return m;
}

}  // namespace beian::photo
