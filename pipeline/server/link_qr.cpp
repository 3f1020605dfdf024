#include "pipeline/server/link_qr.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <stdexcept>
#include <vector>

#include "render/qr/qr_code.h"

namespace beian::server {
namespace {
constexpr int kQuietZone = 4;  // modules; the QR specification's minimum
}

LinkQr make_link_qr(const std::string& text, int scale) {
  const render::QrModules qr = render::encode_qr(text, "M");
  const int side = qr.size + 2 * kQuietZone;
  LinkQr out;

  cv::Mat img(side * scale, side * scale, CV_8UC1, cv::Scalar(255));
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y))
        img(cv::Rect((x + kQuietZone) * scale, (y + kQuietZone) * scale, scale, scale)).setTo(0);
  std::vector<unsigned char> png;
  if (!cv::imencode(".png", img, png)) throw std::runtime_error("PNG encoding of the link QR code failed");
  out.png.assign(png.begin(), png.end());

  // One path; each horizontal run of dark modules is one rectangle.
  std::string path;
  for (int y = 0; y < qr.size; ++y) {
    int x = 0;
    while (x < qr.size) {
      if (!qr.at(x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < qr.size && qr.at(x, y)) ++x;
      path += "M" + std::to_string(start + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(x - start) + "v1h-" + std::to_string(x - start) + "z";
    }
  }
  const std::string n = std::to_string(side);
  out.svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" width=\"" +
            std::to_string(side * scale) + "\" height=\"" + std::to_string(side * scale) +
            "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
            "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
  return out;
}

}  // namespace beian::server
