// eyes_open: for each eye, the share of its region darker than dark_ratio × the cheek's luma —
// an open eye shows a dark iris and pupil, a closed one mostly skin and a lash line. Value:
// the smaller share of the two eyes. A heuristic (Haar eye cascades fire on closed eyes too):
// its confidence is low, so a failure asks for human review rather than rejecting.
#include <algorithm>

#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_eyes_open(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face || !ctx.face->frontal) return not_measured();
  const double skin = mean_luma(ctx, face_core(ctx));
  if (skin <= 0) return not_measured();
  const double dark = s.param("dark_ratio") * skin;
  Measurement m;
  m.value = 1.0;
  for (const auto& eye : {ctx.face->eye_left, ctx.face->eye_right}) {
    const cv::Rect r = eye_region(ctx, eye, s.param("width"), s.param("height"));
    if (r.area() <= 0) return not_measured();
    const double share = static_cast<double>(cv::countNonZero(ctx.grey(r) < dark)) / r.area();
    m.value = std::min(m.value, share);
    m.regions.push_back(r);
  }
  m.confidence = ctx.face->eyes_detected == 2 ? 0.5 : 0.35;
  return m;
}

}  // namespace beian::photo
