#include "ocr/page_analysis.h"

#include <algorithm>
#include <filesystem>
#include <mutex>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "pipeline/base/log.h"

namespace beian::ocr {
namespace {

// The frontal-face cascade from Debian's opencv-data, loaded once per thread:
// CascadeClassifier::detectMultiScale is not safe to share between threads.
cv::CascadeClassifier* face_cascade() {
  thread_local cv::CascadeClassifier cascade;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    for (const char* path : {"/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml",
                             "/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml"})
      if (std::filesystem::exists(path) && cascade.load(path)) break;
    static std::once_flag warned;
    if (cascade.empty())
      std::call_once(warned, [] { log().warn("no Haar face cascade found (package opencv-data): portraits are not recognised"); });
  }
  return cascade.empty() ? nullptr : &cascade;
}

}  // namespace

PageAnalysis::PageAnalysis(NormalisedImage image, std::string file) : image_(std::move(image)), file_(std::move(file)) {}

const std::vector<DocumentQuad>& PageAnalysis::quads() const {
  if (!have_quads_) {
    quads_ = find_document_quads(image_.bgr);
    have_quads_ = true;
  }
  return quads_;
}

size_t PageAnalysis::add_quad(const DocumentQuad& quad) const {
  added_quads_.push_back(quad);
  return quads().size() + added_quads_.size() - 1;
}

const DocumentQuad& PageAnalysis::quad(size_t index) const {
  const auto& found = quads();
  return index < found.size() ? found[index] : added_quads_.at(index - found.size());
}

const std::vector<cv::Rect>& PageAnalysis::faces() const {
  if (have_faces_) return faces_;
  have_faces_ = true;
  auto* cascade = face_cascade();
  if (!cascade || image_.gray.empty()) return faces_;
  const double scale = std::min(1.0, 640.0 / std::max(image_.gray.cols, image_.gray.rows));
  cv::Mat small;
  cv::resize(image_.gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::equalizeHist(small, small);
  std::vector<cv::Rect> found;
  cascade->detectMultiScale(small, found, 1.1, 5, 0, cv::Size(24, 24));
  for (auto& r : found)
    faces_.emplace_back(cvRound(r.x / scale), cvRound(r.y / scale), cvRound(r.width / scale), cvRound(r.height / scale));
  std::sort(faces_.begin(), faces_.end(), [](const auto& a, const auto& b) { return a.area() > b.area(); });
  return faces_;
}

const cv::Mat& PageAnalysis::view(size_t quad_index, cv::Size size, int quarter_turns) const {
  const auto key = std::make_tuple(quad_index, size.width, size.height, ((quarter_turns % 4) + 4) % 4);
  auto it = views_.find(key);
  if (it != views_.end()) return it->second;
  cv::Mat v;
  if (quad_index < quads().size() + added_quads_.size()) {
    // Warp from the pyramid level where the document is still at least as wide as the view:
    // sharper than warping from far more pixels (aliasing) and much cheaper.
    DocumentQuad quad = this->quad(quad_index);
    int level = 0;
    while (quad_width(quad, quarter_turns) >= 2.4 * size.width && quad_width(quad, quarter_turns + 1) >= 2.4 * size.height &&
           std::min(pyramid_level(level).cols, pyramid_level(level).rows) >= 64) {
      ++level;
      for (auto& c : quad.corners) c = (c + cv::Point2f(0.5f, 0.5f)) * 0.5f - cv::Point2f(0.5f, 0.5f);
    }
    v = rectify_quad(pyramid_level(level), quad, size, quarter_turns);
  }
  return views_.emplace(key, std::move(v)).first->second;
}

const cv::Mat& PageAnalysis::pyramid_level(int level) const {
  if (pyramid_.empty()) pyramid_.push_back(image_.bgr);
  while (static_cast<int>(pyramid_.size()) <= level) {
    cv::Mat down;
    cv::pyrDown(pyramid_.back(), down);
    pyramid_.push_back(down);
  }
  return pyramid_[level];
}

bool PageAnalysis::blank() const {
  if (image_.gray.empty()) return true;
  cv::Mat small;
  cv::resize(image_.gray, small, cv::Size(160, 120), 0, 0, cv::INTER_AREA);
  cv::Scalar mean, sd;
  cv::meanStdDev(small, mean, sd);
  cv::Mat lap;
  cv::Laplacian(image_.gray, lap, CV_16S, 1);
  double lo = 0, hi = 0;
  cv::minMaxLoc(cv::abs(lap), &lo, &hi);
  return sd[0] < 4.0 && hi < 40;
}

}  // namespace beian::ocr
