// exposure_dark: how bright the face's highlights are — the luma (0-255) that all but the
// brightest (1 - percentile) of the face's pixels stay under, over the face box without its
// outer edges (x 0.15-0.85, y 0.10-0.95: forehead, eyes, nose, cheeks, mouth).
//
// Why highlights and not the mean: the mean luma of the skin measures skin tone as much as
// exposure (a well-lit dark-skinned face in the FRLL set has a skin mean of 67, a light-skinned
// face under-exposed to 0.4 of its light 70). The brightest parts of a face — the specular
// highlights on forehead, nose and cheeks, the whites of the eyes — are bright on a well-exposed
// face of any skin tone, and dim when too little light reaches the face: in a photo that is
// dark all over, and also in a backlit one, where a bright wall does not lift the face.
#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_exposure_dark(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face) return not_measured();
  const cv::Rect& b = ctx.face->box;
  const cv::Rect face = clip(ctx, cv::Rect(cv::Point(b.x + b.width * 15 / 100, b.y + b.height / 10),
                                           cv::Point(b.x + b.width * 85 / 100, b.y + b.height * 95 / 100)));
  if (face.area() <= 0) return not_measured();
  Measurement m;
  m.value = luma_percentile(ctx, face, s.param("percentile"));
  m.regions.push_back(face);
  return m;
}

}  // namespace beian::photo
