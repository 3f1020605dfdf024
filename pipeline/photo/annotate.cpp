#include "pipeline/photo/annotate.h"

#include <opencv2/imgproc.hpp>

namespace beian::photo {
namespace {

const cv::Scalar kPassColour(60, 170, 60);     // green
const cv::Scalar kFailColour(40, 40, 230);     // red
const cv::Scalar kReviewColour(0, 170, 240);   // amber
const cv::Scalar kMaskTint(230, 160, 40);      // blue tint over the background the checks measured

cv::Scalar colour_of(const PhotoCheck& c, double fail_confidence) {
  if (c.passed) return kPassColour;
  return c.confidence >= fail_confidence ? kFailColour : kReviewColour;
}

void label(cv::Mat& img, const std::string& text, cv::Point at, const cv::Scalar& colour) {
  const double scale = std::max(0.4, img.cols / 1400.0);
  int baseline = 0;
  const cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, 1, &baseline);
  at.x = std::clamp(at.x, 0, std::max(0, img.cols - size.width - 2));
  at.y = std::clamp(at.y, size.height + 2, img.rows - 2);
  cv::rectangle(img, cv::Rect(at.x - 1, at.y - size.height - 2, size.width + 2, size.height + baseline + 3),
                cv::Scalar(255, 255, 255), cv::FILLED);
  cv::putText(img, text, at, cv::FONT_HERSHEY_SIMPLEX, scale, colour, 1, cv::LINE_AA);
}

}  // namespace

cv::Mat annotate(const PhotoContext& ctx, const PhotoResult& result, const std::vector<CheckMarks>& marks) {
  cv::Mat out = ctx.bgr.clone();
  if (out.empty()) return out;
  // The background the checks measured, tinted.
  cv::Mat tint(out.size(), out.type(), kMaskTint), blended;
  cv::addWeighted(out, 0.8, tint, 0.2, 0, blended);
  blended.copyTo(out, ctx.background_mask);

  const int thick = std::max(2, out.cols / 400);
  if (ctx.face) {
    cv::rectangle(out, ctx.face->box, kPassColour, thick);
    for (const auto& eye : {ctx.face->eye_left, ctx.face->eye_right})
      cv::circle(out, eye, std::max(3, thick * 2), ctx.face->eyes_detected == 2 ? kPassColour : kReviewColour, thick);
  }
  const double fail_confidence = ctx.profile ? ctx.profile->fail_confidence : 0.7;
  for (const auto& mark : marks) {
    if (mark.check->passed) continue;
    const cv::Scalar colour = colour_of(*mark.check, fail_confidence);
    for (const auto& l : mark.measurement->lines)
      cv::line(out, cv::Point2f(l[0], l[1]), cv::Point2f(l[2], l[3]), colour, thick + 1, cv::LINE_AA);
    for (const auto& r : mark.measurement->regions) {
      cv::rectangle(out, r, colour, thick);
      label(out, mark.check->id, r.tl() + cv::Point(2, -4), colour);
    }
    if (!mark.measurement->lines.empty()) {
      const auto& l = mark.measurement->lines.front();
      label(out, mark.check->id, cv::Point(static_cast<int>(l[0]) + 4, static_cast<int>(l[1]) + 14), colour);
    }
  }
  // Verdict and the failed checks, top left.
  int y = 0;
  const int step = std::max(16, out.cols / 45);
  label(out, "verdict: " + std::string(to_string(result.verdict)), cv::Point(4, y += step),
        result.verdict == PhotoVerdict::kPass ? kPassColour : result.verdict == PhotoVerdict::kFail ? kFailColour : kReviewColour);
  for (const auto& c : result.checks)
    if (!c.passed) label(out, c.id, cv::Point(4, y += step), colour_of(c, fail_confidence));
  return out;
}

}  // namespace beian::photo
