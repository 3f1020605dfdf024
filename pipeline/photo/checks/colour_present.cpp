// colour_present: mean chroma sqrt(a*² + b*²) of the face's skin core. Skin in a colour photo
// measures 10-30; a black-and-white photo about 0.
#include <cmath>

#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_colour_present(const PhotoContext& ctx, const CheckSettings&) {
  if (!ctx.face) return not_measured();
  const cv::Vec3d lab = mean_lab(ctx, face_core(ctx));
  Measurement m;
  m.value = std::hypot(lab[1], lab[2]);
  return m;
}

}  // namespace beian::photo
