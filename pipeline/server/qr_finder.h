// Finding the QR codes in a scan or photo of a returned document (zxing-cpp), with where each
// code lies in the image, so the page can be located from it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace beian::server {

struct FoundQr {
  std::string text;
  // The code's corners in image pixels, in the code's own orientation: top-left, top-right,
  // bottom-right, bottom-left as printed (so a page photographed upside down is recognised).
  std::array<cv::Point2f, 4> corners;
};

// Every QR code zxing-cpp finds in `image` (8-bit BGR or grey). Large images are also tried
// at a reduced size and small ones enlarged, since zxing needs roughly 3-15 pixels per module.
// Never throws for image content.
std::vector<FoundQr> find_qr_codes(const cv::Mat& image);

}  // namespace beian::server
