// exposure_clipped: share of the face's skin-core pixels blown out to white, luma ≥ clip_level
// (OFIQ's over-exposure measure uses 247).
#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_exposure_clipped(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face) return not_measured();
  const cv::Rect core = face_core(ctx);
  if (core.area() <= 0) return not_measured();
  Measurement m;
  m.value = static_cast<double>(cv::countNonZero(ctx.grey(core) >= s.param("clip_level"))) / core.area();
  return m;
}

}  // namespace beian::photo
