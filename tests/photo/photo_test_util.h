// Helpers shared by the photo-checker tests.
#pragma once

#include <string>

#include <opencv2/imgcodecs.hpp>

#include "beian/photo.h"
#include "samples/portrait_specimen.h"

namespace beian::test {

inline std::string to_jpeg(const cv::Mat& image, int quality = 92) {
  std::vector<uint8_t> buf;
  cv::imencode(".jpg", image, buf, {cv::IMWRITE_JPEG_QUALITY, quality});
  return std::string(buf.begin(), buf.end());
}

inline std::string to_png(const cv::Mat& image) {
  std::vector<uint8_t> buf;
  cv::imencode(".png", image, buf);
  return std::string(buf.begin(), buf.end());
}

inline PhotoResult check_image(const cv::Mat& image, const std::string& name, const std::string& profile = "default") {
  PhotoOptions options;
  options.profile = profile;
  return check_photo_bytes(to_jpeg(image), name, options).result;
}

// The ids of the checks that failed, space-separated (for readable assertion messages).
inline std::string failed_checks(const PhotoResult& r) {
  std::string out;
  for (const auto& c : r.checks)
    if (!c.passed) out += c.id + "=" + std::to_string(c.value) + " ";
  return out;
}

inline bool failed(const PhotoResult& r, const std::string& id) {
  const PhotoCheck* c = r.check(id);
  return c && !c->passed;
}

}  // namespace beian::test
