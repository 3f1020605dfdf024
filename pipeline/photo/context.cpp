#include "pipeline/photo/context.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "pipeline/photo/face_finder.h"

namespace beian::photo {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// The person prior: an ellipse for the head (hair included) and a polygon for neck, shoulders
// and body down to the bottom edge, sized from the face box.
cv::Mat person_prior(cv::Size size, const Face& f, const PreprocessSettings& s) {
  cv::Mat mask = cv::Mat::zeros(size, CV_8U);
  const cv::Rect& b = f.box;
  const double cx = b.x + b.width / 2.0;
  const double top = b.y - s.head_above * b.height, bottom = f.chin_y + 0.1 * b.height;
  cv::ellipse(mask, cv::Point(static_cast<int>(cx), static_cast<int>((top + bottom) / 2)),
              cv::Size(static_cast<int>(s.head_width * b.width / 2), static_cast<int>((bottom - top) / 2)), 0, 0, 360,
              255, cv::FILLED);
  const double neck = 0.45 * b.width, shoulder_y = f.chin_y + s.shoulder_drop * b.height;
  const double half_bottom = s.shoulder_width * b.width / 2, half_shoulder = 0.8 * half_bottom;
  const int H = size.height;
  std::vector<cv::Point> body{
      {static_cast<int>(cx - neck), static_cast<int>(f.chin_y - 0.1 * b.height)},
      {static_cast<int>(cx + neck), static_cast<int>(f.chin_y - 0.1 * b.height)},
      {static_cast<int>(cx + half_shoulder), static_cast<int>(shoulder_y)},
      {static_cast<int>(cx + half_bottom), std::max(H, static_cast<int>(shoulder_y))},
      {static_cast<int>(cx - half_bottom), std::max(H, static_cast<int>(shoulder_y))},
      {static_cast<int>(cx - half_shoulder), static_cast<int>(shoulder_y)},
  };
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{body}, 255);
  return mask;
}

// Median of one 8-bit channel over `mask`.
int masked_median(const cv::Mat& channel, const cv::Mat& mask) {
  int hist[256] = {0};
  int total = 0;
  for (int y = 0; y < channel.rows; ++y) {
    const uint8_t* c = channel.ptr<uint8_t>(y);
    const uint8_t* m = mask.ptr<uint8_t>(y);
    for (int x = 0; x < channel.cols; ++x)
      if (m[x]) {
        ++hist[c[x]];
        ++total;
      }
  }
  int seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[v];
    if (2 * seen >= total) return v;
  }
  return 0;
}

}  // namespace

cv::Rect PhotoContext::to_original(const cv::Rect& r) const {
  const double k = 1.0 / scale;
  return cv::Rect(static_cast<int>(r.x * k), static_cast<int>(r.y * k), static_cast<int>(r.width * k),
                  static_cast<int>(r.height * k)) &
         cv::Rect(0, 0, original.cols, original.rows);
}

void prepare_context(PhotoContext& ctx, const cv::Mat& bgr_original) {
  const PreprocessSettings& s = ctx.profile->preprocess;
  auto t = Clock::now();
  ctx.original = bgr_original;
  const int longest = std::max(bgr_original.cols, bgr_original.rows);
  ctx.scale = std::min(1.0, static_cast<double>(s.work_max_side) / longest);
  if (ctx.scale < 1.0)
    cv::resize(bgr_original, ctx.bgr, cv::Size(), ctx.scale, ctx.scale, cv::INTER_AREA);
  else
    ctx.bgr = bgr_original;
  cv::cvtColor(ctx.bgr, ctx.grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(ctx.bgr, ctx.lab, cv::COLOR_BGR2Lab);
  ctx.timings_ms.emplace_back("resize_convert", ms_since(t));

  t = Clock::now();
  bool frontal = true;
  ctx.faces = find_faces(ctx.grey, s, &frontal, &ctx.timings_ms);
  const auto eyes_start = Clock::now();
  if (!ctx.faces.empty()) ctx.face = locate_face_features(ctx.grey, ctx.faces.front(), frontal);
  ctx.timings_ms.emplace_back("face.eyes", ms_since(eyes_start));
  ctx.timings_ms.emplace_back("face_detection", ms_since(t));

  t = Clock::now();
  const cv::Size size = ctx.bgr.size();
  if (ctx.face) {
    ctx.person_mask = person_prior(size, *ctx.face, s);
    for (size_t i = 1; i < ctx.faces.size(); ++i)  // other people are not background either
      ctx.person_mask |= person_prior(size, locate_face_features(ctx.grey, ctx.faces[i], true), s);
    const int margin = std::max(1, static_cast<int>(s.mask_margin * ctx.face->box.width));
    cv::Mat grown;
    cv::dilate(ctx.person_mask, grown, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * margin + 1, 2 * margin + 1)));
    ctx.background_mask = 255 - grown;
  } else {
    ctx.person_mask = cv::Mat::zeros(size, CV_8U);
    ctx.background_mask = cv::Mat(size, CV_8U, cv::Scalar(255));
  }
  // The outermost pixels are often a JPEG or resampling seam: leave them out.
  cv::rectangle(ctx.background_mask, cv::Rect(0, 0, size.width, size.height), 0, 2);
  const int bg = cv::countNonZero(ctx.background_mask);
  ctx.background_fraction = static_cast<double>(bg) / std::max(1, size.area());
  if (bg > 0) {
    std::vector<cv::Mat> lab;
    cv::split(ctx.lab, lab);
    ctx.background_lab = cv::Vec3d(lab_l(static_cast<uint8_t>(masked_median(lab[0], ctx.background_mask))),
                                   lab_ab(static_cast<uint8_t>(masked_median(lab[1], ctx.background_mask))),
                                   lab_ab(static_cast<uint8_t>(masked_median(lab[2], ctx.background_mask))));
  }
  ctx.timings_ms.emplace_back("masks", ms_since(t));
}

}  // namespace beian::photo
