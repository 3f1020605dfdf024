// mouth_closed: share of the mouth region darker than dark_ratio × the cheek's luma — a wide
// open mouth shows a dark cavity; closed lips and a smile showing teeth do not. A heuristic
// with low confidence: a failure asks for human review.
#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_mouth_closed(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face || !ctx.face->frontal) return not_measured();
  const double skin = mean_luma(ctx, face_core(ctx));
  const cv::Rect r = mouth_region(ctx, s.param("top"), s.param("bottom"), s.param("width"));
  if (skin <= 0 || r.area() <= 0) return not_measured();
  Measurement m;
  m.value = static_cast<double>(cv::countNonZero(ctx.grey(r) < s.param("dark_ratio") * skin)) / r.area();
  m.regions.push_back(r);
  m.confidence = 0.5;
  return m;
}

}  // namespace beian::photo
