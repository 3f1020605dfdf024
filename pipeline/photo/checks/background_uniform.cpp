// background_uniform: mean Sobel gradient magnitude (grey levels per pixel, analysis copy) over
// the background (OFIQ's background-uniformity measure). Plain walls measure about 1-3;
// textured or busy backgrounds 10-70.
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_background_uniform(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  // Integer Sobel responses (exact: at most 4 x 255 either way), and the magnitude only where
  // the mask is set, in one pass: three whole-image float planes took most of this check's time.
  cv::Mat gx, gy;
  cv::Sobel(ctx.grey, gx, CV_16S, 1, 0, 3);
  cv::Sobel(ctx.grey, gy, CV_16S, 0, 1, 3);
  double sum = 0;
  int count = 0;
  for (int y = 0; y < gx.rows; ++y) {
    const int16_t* dx = gx.ptr<int16_t>(y);
    const int16_t* dy = gy.ptr<int16_t>(y);
    const uint8_t* mask = ctx.background_mask.ptr<uint8_t>(y);
    for (int x = 0; x < gx.cols; ++x) {
      if (!mask[x]) continue;
      sum += std::sqrt(static_cast<float>(dx[x] * dx[x] + dy[x] * dy[x]));
      ++count;
    }
  }
  Measurement m;
  m.value = count ? 0.25 * sum / count : 0.0;   // 0.25: a unit step reads as 1
  return m;
}

}  // namespace beian::photo
