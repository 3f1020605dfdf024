#include "pipeline/photo/regions.h"

#include <cmath>

namespace beian::photo {

cv::Rect clip(const PhotoContext& ctx, const cv::Rect& r) { return r & cv::Rect(0, 0, ctx.bgr.cols, ctx.bgr.rows); }

namespace {

cv::Rect rect_from(double x0, double y0, double x1, double y1) {
  return cv::Rect(cv::Point(static_cast<int>(std::lround(x0)), static_cast<int>(std::lround(y0))),
                  cv::Point(static_cast<int>(std::lround(x1)), static_cast<int>(std::lround(y1))));
}

}  // namespace

cv::Rect face_core(const PhotoContext& ctx) {
  const cv::Rect& b = ctx.face->box;
  return clip(ctx, rect_from(b.x + 0.2 * b.width, b.y + 0.3 * b.height, b.x + 0.8 * b.width, b.y + 0.9 * b.height));
}

cv::Rect eye_region(const PhotoContext& ctx, const cv::Point2f& eye, double width, double height) {
  const double w = width * ctx.face->ied / 2, h = height * ctx.face->ied / 2;
  return clip(ctx, rect_from(eye.x - w, eye.y - h, eye.x + w, eye.y + h));
}

cv::Rect mouth_region(const PhotoContext& ctx, double top, double bottom, double width) {
  const Face& f = *ctx.face;
  const double cx = (f.eye_left.x + f.eye_right.x) / 2, eye_y = (f.eye_left.y + f.eye_right.y) / 2;
  const double half = width * f.ied / 2;
  return clip(ctx, rect_from(cx - half, eye_y + top * f.eye_to_chin, cx + half, eye_y + bottom * f.eye_to_chin));
}

cv::Rect above_face(const PhotoContext& ctx, double from, double to, double width) {
  const cv::Rect& b = ctx.face->box;
  const double cx = b.x + b.width / 2.0, half = width * b.width / 2;
  return clip(ctx, rect_from(cx - half, b.y - to * b.height, cx + half, b.y - from * b.height));
}

cv::Rect ear_region(const PhotoContext& ctx, bool left, double width, double depth) {
  const Face& f = *ctx.face;
  const cv::Rect& b = f.box;
  const double eye_y = (f.eye_left.y + f.eye_right.y) / 2;
  const double x0 = left ? b.x - width * b.width : b.br().x;
  return clip(ctx, rect_from(x0, eye_y, x0 + width * b.width, eye_y + depth * b.height));
}

double mean_luma(const PhotoContext& ctx, const cv::Rect& r) {
  if (r.area() <= 0) return 0.0;
  return cv::mean(ctx.grey(r))[0];
}

double luma_percentile(const PhotoContext& ctx, const cv::Rect& r, double q) {
  if (r.area() <= 0) return 0.0;
  int hist[256] = {0};
  for (int y = r.y; y < r.br().y; ++y) {
    const uint8_t* row = ctx.grey.ptr<uint8_t>(y);
    for (int x = r.x; x < r.br().x; ++x) ++hist[row[x]];
  }
  const double wanted = q * r.area();
  double seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[v];
    if (seen >= wanted) return v;
  }
  return 255.0;
}

double lab_fraction(const PhotoContext& ctx, const cv::Rect& r,
                    const std::function<bool(double L, double a, double b)>& pred) {
  if (r.area() <= 0) return 0.0;
  int hits = 0;
  for (int y = r.y; y < r.br().y; ++y) {
    const cv::Vec3b* row = ctx.lab.ptr<cv::Vec3b>(y);
    for (int x = r.x; x < r.br().x; ++x)
      if (pred(lab_l(row[x][0]), lab_ab(row[x][1]), lab_ab(row[x][2]))) ++hits;
  }
  return static_cast<double>(hits) / r.area();
}

cv::Vec3d mean_lab(const PhotoContext& ctx, const cv::Rect& r) {
  if (r.area() <= 0) return {};
  const cv::Scalar m = cv::mean(ctx.lab(r));
  return {m[0] * 100.0 / 255.0, m[1] - 128.0, m[2] - 128.0};
}

double delta_e(const cv::Vec3d& x, const cv::Vec3d& y) { return cv::norm(x - y); }

}  // namespace beian::photo
