// cloth_colour (backdrop-cloth profiles): CIE76 distance of the background's median colour
// from the configured cloth colour (parameters L, a, b).
#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_cloth_colour(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  Measurement m;
  m.value = delta_e(ctx.background_lab, cv::Vec3d(s.param("L"), s.param("a"), s.param("b")));
  return m;
}

}  // namespace beian::photo
