// The Haar cascades Debian ships (opencv-data, /usr/share/opencv4/haarcascades), shared by
// every thread. cv::CascadeClassifier::detectMultiScale is not safe to call on one object
// from two threads, so each cascade file is read once per process and parsed into a small pool
// of classifiers: a caller borrows one for one detection and gives it back. A process never
// holds more classifiers of a kind than threads that ran a detection at the same time.
#pragma once

#include <memory>

#include <opencv2/objdetect.hpp>

namespace beian::photo {

enum class Cascade {
  kFrontalFaceAlt2,   // haarcascade_frontalface_alt2.xml: the primary face detector (fewest false faces)
  kFrontalFace,       // haarcascade_frontalface_default.xml: fallback when alt2 finds nothing
  kProfileFace,       // haarcascade_profileface.xml: turned heads (left-facing; flip the image for right)
  kEye,               // haarcascade_eye.xml
  kEyeGlasses,        // haarcascade_eye_tree_eyeglasses.xml: eyes behind glasses
};

class CascadeLease {
 public:
  CascadeLease(Cascade kind, std::unique_ptr<cv::CascadeClassifier> classifier);
  CascadeLease(CascadeLease&&) noexcept = default;
  CascadeLease& operator=(CascadeLease&&) = delete;
  ~CascadeLease();
  cv::CascadeClassifier& operator*() { return *classifier_; }
  cv::CascadeClassifier* operator->() { return classifier_.get(); }

 private:
  Cascade kind_;
  std::unique_ptr<cv::CascadeClassifier> classifier_;
};

// Borrows a classifier of `kind`. Throws std::runtime_error naming the file when the cascade
// cannot be read (opencv-data not installed).
CascadeLease borrow_cascade(Cascade kind);

// Parses every cascade now (the first photo then pays nothing). Thread-safe.
void warm_up_cascades();

}  // namespace beian::photo
