#include "mrz_test_support.h"

#include <random>

#include <opencv2/freetype.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace beian::test {
namespace {

cv::Ptr<cv::freetype::FreeType2> font(const std::string& path) {
  auto ft = cv::freetype::createFreeType2();
  ft->loadFontData(path, 0);
  return ft;
}

}  // namespace

cv::Mat render_mrz_page(const std::vector<std::string>& lines, const MrzPageOptions& o) {
  cv::Mat page(o.page, CV_8UC3, o.paper);
  static const auto ocrb = font("/usr/share/fonts/opentype/ocr-b/OCRB.otf");
  static const auto cjk = font("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
  if (o.decorations) {
    // A faint guilloche-like background, a photo box and visual-zone text above the MRZ.
    for (int y = 0; y < page.rows; y += 9)
      cv::line(page, {0, y}, {page.cols, y + 40}, cv::Scalar(222, 228, 214), 1, cv::LINE_AA);
    cv::rectangle(page, cv::Rect(40, 120, 300, 380), cv::Scalar(180, 180, 190), cv::FILLED);
    cjk->putText(page, "护照  PASSPORT", {420, 90}, 40, cv::Scalar(60, 40, 30), -1, cv::LINE_AA, true);
    cjk->putText(page, "姓/Surname", {420, 170}, 22, cv::Scalar(60, 40, 30), -1, cv::LINE_AA, true);
    cjk->putText(page, "出生日期/Date of birth   16 AUG 1990", {420, 260}, 22, cv::Scalar(60, 40, 30), -1,
                 cv::LINE_AA, true);
  }
  int baseline = o.page.height - o.bottom_margin - static_cast<int>((lines.size() - 1) * o.line_gap * o.font_px);
  for (const auto& line : lines) {
    int base = 0;
    const cv::Size size = ocrb->getTextSize(line, o.font_px, -1, &base);
    ocrb->putText(page, line, {(o.page.width - size.width) / 2, baseline}, o.font_px, cv::Scalar(20, 20, 20), -1,
                  cv::LINE_AA, true);
    baseline += static_cast<int>(o.line_gap * o.font_px);
  }
  return page;
}

cv::Mat degrade(const cv::Mat& bgr, double degrees, double blur_sigma, double noise, int jpeg_quality, unsigned seed) {
  cv::Mat out = bgr.clone();
  if (degrees != 0) {
    const cv::Point2f centre(out.cols / 2.f, out.rows / 2.f);
    cv::warpAffine(out, out, cv::getRotationMatrix2D(centre, degrees, 1.0), out.size(), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar(90, 110, 130));
  }
  if (blur_sigma > 0) cv::GaussianBlur(out, out, cv::Size(), blur_sigma);
  if (noise > 0) {
    cv::Mat n(out.size(), CV_16SC3);
    cv::theRNG().state = seed;
    cv::randn(n, 0, noise);
    cv::Mat wide;
    out.convertTo(wide, CV_16SC3);
    wide += n;
    wide.convertTo(out, CV_8UC3);
  }
  if (jpeg_quality > 0) {
    std::vector<uchar> bytes;
    cv::imencode(".jpg", out, bytes, {cv::IMWRITE_JPEG_QUALITY, jpeg_quality});
    out = cv::imdecode(bytes, cv::IMREAD_COLOR);
  }
  return out;
}

}  // namespace beian::test
