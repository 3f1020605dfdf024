// background_uniform: mean Sobel gradient magnitude (grey levels per pixel, analysis copy) over
// the background (OFIQ's background-uniformity measure). Plain walls measure about 1-3;
// textured or busy backgrounds 10-70.
#include <opencv2/imgproc.hpp>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_background_uniform(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  cv::Mat gx, gy, magnitude;
  cv::Sobel(ctx.grey, gx, CV_32F, 1, 0, 3, 0.25);   // 0.25: a unit step reads as 1
  cv::Sobel(ctx.grey, gy, CV_32F, 0, 1, 3, 0.25);
  cv::magnitude(gx, gy, magnitude);
  Measurement m;
  m.value = cv::mean(magnitude, ctx.background_mask)[0];
  return m;
}

}  // namespace beian::photo
