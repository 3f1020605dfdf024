// background_clutter: the share of the background covered by objects — connected regions whose
// colour differs from the background's median by more than delta_e (CIE76) and that cover at
// least min_blob of the image. Plain walls give 0; pictures, shelves, plants, doors give more.
#include <opencv2/imgproc.hpp>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_background_clutter(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  // Distance of every pixel from the background colour, in the 8-bit Lab encoding.
  const cv::Vec3d ref = ctx.background_lab;
  const cv::Scalar ref8(ref[0] * 255.0 / 100.0, ref[1] + 128.0, ref[2] + 128.0);
  cv::Mat diff, lab_f;
  ctx.lab.convertTo(lab_f, CV_32FC3);
  cv::subtract(lab_f, ref8, diff);
  std::vector<cv::Mat> ch;
  cv::split(diff, ch);
  ch[0] *= 100.0 / 255.0;   // L back to L* units
  cv::Mat d2 = ch[0].mul(ch[0]) + ch[1].mul(ch[1]) + ch[2].mul(ch[2]);
  const double limit = s.param("delta_e");
  cv::Mat foreign = (d2 > limit * limit) & ctx.background_mask;
  cv::morphologyEx(foreign, foreign, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(foreign, labels, stats, centroids, 8, CV_32S);
  const double min_area = s.param("min_blob") * ctx.grey.total();
  double covered = 0;
  Measurement m;
  for (int i = 1; i < n; ++i) {
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (area < min_area) continue;
    covered += area;
    m.regions.emplace_back(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
  }
  m.value = covered / std::max(1, cv::countNonZero(ctx.background_mask));
  m.confidence = 0.85;
  return m;
}

}  // namespace beian::photo
