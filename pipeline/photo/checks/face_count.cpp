// face_count: faces in the photo whose area is at least min_area_ratio of the largest one
// (OFIQ's single-face measure: a small face far behind still counts when it is a real person).
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_face_count(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty()) return not_measured();
  Measurement m;
  int count = 0;
  for (const auto& f : ctx.faces) {
    if (f.area() >= s.param("min_area_ratio") * ctx.faces.front().area()) {
      ++count;
      m.regions.push_back(f);
    }
  }
  m.value = count;
  // Haar cascades miss strongly turned, cut or very dark faces and rarely fire on patterned
  // backgrounds: a count other than one is usually right, but not always.
  m.confidence = count == 1 ? 0.9 : 0.8;
  return m;
}

}  // namespace beian::photo
