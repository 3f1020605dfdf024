#include "pipeline/server/qr_finder.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <opencv2/imgproc.hpp>

namespace beian::server {
namespace {

std::vector<FoundQr> read_at_scale(const cv::Mat& grey, double scale) {
  cv::Mat img;
  if (scale == 1.0) img = grey;
  else cv::resize(grey, img, cv::Size(), scale, scale, scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
  if (!img.isContinuous()) img = img.clone();
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  hints.setMaxNumberOfSymbols(4);
  const auto results = ZXing::ReadBarcodes(ZXing::ImageView(img.data, img.cols, img.rows, ZXing::ImageFormat::Lum,
                                                            static_cast<int>(img.step)),
                                           hints);
  std::vector<FoundQr> found;
  for (const auto& r : results) {
    if (!r.isValid()) continue;
    FoundQr q;
    q.text = r.text();
    const auto& p = r.position();
    const ZXing::PointI pts[4] = {p.topLeft(), p.topRight(), p.bottomRight(), p.bottomLeft()};
    for (int i = 0; i < 4; ++i) q.corners[i] = cv::Point2f(pts[i].x / static_cast<float>(scale), pts[i].y / static_cast<float>(scale));
    found.push_back(std::move(q));
  }
  return found;
}

}  // namespace

std::vector<FoundQr> find_qr_codes(const cv::Mat& image) {
  if (image.empty()) return {};
  cv::Mat grey;
  if (image.channels() == 3) cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4) cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
  else grey = image;
  if (grey.depth() != CV_8U) grey.convertTo(grey, CV_8U);

  const int longest = std::max(grey.cols, grey.rows);
  // Full size first; then sizes that bring a typical page QR (20 mm on A4) into zxing's range.
  std::vector<double> scales{1.0};
  if (longest > 2600) scales.push_back(2000.0 / longest);
  if (longest < 1400) scales.push_back(2.0);
  for (double s : scales) {
    auto found = read_at_scale(grey, s);
    if (!found.empty()) return found;
  }
  return {};
}

}  // namespace beian::server
