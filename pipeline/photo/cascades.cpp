#include "pipeline/photo/cascades.h"

#include <array>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core/persistence.hpp>

#include "pipeline/base/data_dir.h"

namespace beian::photo {
namespace {

constexpr const char* kCascadeDir = "/usr/share/opencv4/haarcascades/";

const char* file_name(Cascade kind) {
  switch (kind) {
    case Cascade::kFrontalFaceAlt2: return "haarcascade_frontalface_alt2.xml";
    case Cascade::kFrontalFace: return "haarcascade_frontalface_default.xml";
    case Cascade::kProfileFace: return "haarcascade_profileface.xml";
    case Cascade::kEye: return "haarcascade_eye.xml";
    case Cascade::kEyeGlasses: return "haarcascade_eye_tree_eyeglasses.xml";
  }
  return "";
}

struct Pool {
  std::once_flag read_once;
  std::string xml;                 // the file's text, read once
  std::mutex mutex;
  std::vector<std::unique_ptr<cv::CascadeClassifier>> idle;
};

std::array<Pool, 5>& pools() {
  static std::array<Pool, 5> p;
  return p;
}

Pool& pool(Cascade kind) { return pools()[static_cast<size_t>(kind)]; }

std::unique_ptr<cv::CascadeClassifier> parse(Cascade kind, const std::string& xml) {
  auto classifier = std::make_unique<cv::CascadeClassifier>();
  cv::FileStorage fs(xml, cv::FileStorage::READ | cv::FileStorage::MEMORY);
  if (!fs.isOpened() || !classifier->read(fs.getFirstTopLevelNode()) || classifier->empty())
    throw std::runtime_error(std::string("cannot parse face cascade ") + kCascadeDir + file_name(kind));
  return classifier;
}

}  // namespace

CascadeLease::CascadeLease(Cascade kind, std::unique_ptr<cv::CascadeClassifier> classifier)
    : kind_(kind), classifier_(std::move(classifier)) {}

CascadeLease::~CascadeLease() {
  if (!classifier_) return;
  Pool& p = pool(kind_);
  std::lock_guard lock(p.mutex);
  p.idle.push_back(std::move(classifier_));
}

CascadeLease borrow_cascade(Cascade kind) {
  Pool& p = pool(kind);
  std::call_once(p.read_once, [&] {
    const std::string path = std::string(kCascadeDir) + file_name(kind);
    try {
      p.xml = read_file_bytes(path);
    } catch (const std::exception&) {
      throw std::runtime_error("cannot read face cascade " + path + " (install the opencv-data package)");
    }
  });
  {
    std::lock_guard lock(p.mutex);
    if (!p.idle.empty()) {
      auto c = std::move(p.idle.back());
      p.idle.pop_back();
      return CascadeLease(kind, std::move(c));
    }
  }
  return CascadeLease(kind, parse(kind, p.xml));
}

void warm_up_cascades() {
  for (Cascade kind : {Cascade::kFrontalFaceAlt2, Cascade::kFrontalFace, Cascade::kProfileFace, Cascade::kEye,
                       Cascade::kEyeGlasses})
    borrow_cascade(kind);
}

}  // namespace beian::photo
