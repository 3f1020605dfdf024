// sharpness: variance of the Laplacian of the face's skin core, measured on the original
// pixels resampled so the face box is norm_width px wide (an absolute Laplacian threshold does
// not transfer between face sizes; normalising the face size makes it comparable).
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "pipeline/photo/check.h"
#include "pipeline/photo/regions.h"

namespace beian::photo {

Measurement measure_sharpness(const PhotoContext& ctx, const CheckSettings& s) {
  if (!ctx.face) return not_measured();
  const cv::Rect core = ctx.to_original(face_core(ctx));
  if (core.width < 8 || core.height < 8) return not_measured();
  const double k = s.param("norm_width") / (ctx.face->box.width / ctx.scale);
  cv::Mat grey, resized, lap;
  cv::cvtColor(ctx.original(core), grey, cv::COLOR_BGR2GRAY);
  cv::resize(grey, resized, cv::Size(), k, k, k < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
  cv::Laplacian(resized, lap, CV_32F, 1);
  cv::Scalar mean, stddev;
  cv::meanStdDev(lap, mean, stddev);
  Measurement m;
  m.value = stddev[0] * stddev[0];
  m.confidence = 0.85;
  return m;
}

}  // namespace beian::photo
