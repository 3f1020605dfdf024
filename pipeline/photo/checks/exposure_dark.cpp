// exposure_dark: mean luma (0-255) of the face's skin core. OFIQ's luminance-mean measure puts
// a good face at 0.3-0.7 of full scale (75-180).
#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_exposure_dark(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  Measurement m;
  m.value = mean_luma(ctx, face_core(ctx));
  return m;
}

}  // namespace beian::photo
