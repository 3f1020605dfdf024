// background_clutter: the share of the background covered by objects — connected regions whose
// colour differs from the background's median by more than delta_e (CIE76) and that cover at
// least min_blob of the image. Plain walls give 0; pictures, shelves, plants, doors give more.
#include <opencv2/imgproc.hpp>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_background_clutter(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  // Distance of every background pixel from the background colour, in the 8-bit Lab encoding,
  // in one pass (whole-image float planes took most of this check's time).
  const cv::Vec3d ref = ctx.background_lab;
  const float ref_l = static_cast<float>(ref[0] * 255.0 / 100.0), ref_a = static_cast<float>(ref[1] + 128.0),
              ref_b = static_cast<float>(ref[2] + 128.0);
  const double limit = s.param("delta_e");
  const float limit2 = static_cast<float>(limit * limit);
  cv::Mat foreign = cv::Mat::zeros(ctx.lab.size(), CV_8U);
  for (int y = 0; y < ctx.lab.rows; ++y) {
    const cv::Vec3b* lab = ctx.lab.ptr<cv::Vec3b>(y);
    const uint8_t* mask = ctx.background_mask.ptr<uint8_t>(y);
    uint8_t* out = foreign.ptr<uint8_t>(y);
    for (int x = 0; x < ctx.lab.cols; ++x) {
      if (!mask[x]) continue;
      const float dl = (lab[x][0] - ref_l) * (100.0f / 255.0f), da = lab[x][1] - ref_a, db = lab[x][2] - ref_b;
      out[x] = dl * dl + da * da + db * db > limit2 ? 255 : 0;
    }
  }
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
