// Cutting a person out of a photo with a plain studio backdrop (portrait_specimen.h).
#include <algorithm>
#include <optional>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "samples/portrait_specimen.h"

namespace beian::samples {
namespace {

constexpr const char* kFaceCascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";

// The face box of the single largest face, or nullopt.
std::optional<cv::Rect> largest_face(const cv::Mat& bgr) {
  cv::CascadeClassifier cascade;
  if (!cascade.load(kFaceCascade)) return std::nullopt;
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::equalizeHist(grey, grey);
  std::vector<cv::Rect> faces;
  const int min_side = std::min(bgr.cols, bgr.rows) / 8;
  cascade.detectMultiScale(grey, faces, 1.1, 5, 0, cv::Size(min_side, min_side));
  if (faces.empty()) return std::nullopt;
  return *std::max_element(faces.begin(), faces.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() < b.area(); });
}

}  // namespace

std::optional<PortraitCutout> cut_out_plain_backdrop(const cv::Mat& photo) {
  if (photo.empty() || photo.type() != CV_8UC3) return std::nullopt;
  const auto face = largest_face(photo);
  if (!face) return std::nullopt;
  // GrabCut on a reduced copy, seeded from the face: above and beside the head is backdrop,
  // the face and the chest below it are the person, the rest is decided by the colour models
  // (a grey backdrop and a white shirt differ in colour even where their edge is soft).
  const double k = std::min(1.0, 480.0 / std::max(photo.cols, photo.rows));
  cv::Mat small;
  cv::resize(photo, small, cv::Size(), k, k, cv::INTER_AREA);
  const cv::Rect f(cv::Point(static_cast<int>(face->x * k), static_cast<int>(face->y * k)),
                   cv::Size(static_cast<int>(face->width * k), static_cast<int>(face->height * k)));
  const int W = small.cols, H = small.rows, cx = f.x + f.width / 2;
  cv::Mat mask(small.size(), CV_8U, cv::Scalar(cv::GC_PR_BGD));
  cv::ellipse(mask, cv::Point(cx, f.y + f.height / 3), cv::Size(f.width * 4 / 5, f.height), 0, 0, 360, cv::GC_PR_FGD, cv::FILLED);
  cv::rectangle(mask, cv::Rect(cv::Point(cx - f.width * 3 / 2, f.br().y), cv::Point(cx + f.width * 3 / 2, H)), cv::GC_PR_FGD, cv::FILLED);
  cv::rectangle(mask, cv::Rect(0, 0, W, std::max(1, f.y - f.height)), cv::GC_BGD, cv::FILLED);
  const int beside = f.width;
  cv::rectangle(mask, cv::Rect(0, 0, std::max(1, f.x - beside), f.br().y), cv::GC_BGD, cv::FILLED);
  cv::rectangle(mask, cv::Rect(std::min(W - 1, f.br().x + beside), 0, std::max(1, W - f.br().x - beside), f.br().y), cv::GC_BGD, cv::FILLED);
  cv::rectangle(mask, cv::Rect(f.x + f.width / 5, f.y + f.height / 5, f.width * 3 / 5, f.height * 3 / 5), cv::GC_FGD, cv::FILLED);
  cv::rectangle(mask, cv::Rect(cv::Point(cx - f.width * 2 / 3, std::min(H - 1, f.br().y + f.height / 2)), cv::Point(cx + f.width * 2 / 3, H)),
                cv::GC_FGD, cv::FILLED);
  cv::Mat bg_model, fg_model;
  cv::grabCut(small, mask, cv::Rect(), bg_model, fg_model, 4, cv::GC_INIT_WITH_MASK);
  cv::Mat person = (mask == cv::GC_FGD) | (mask == cv::GC_PR_FGD);
  // Keep the region holding the face, holes closed, at full size with a soft edge.
  cv::Mat labels;
  cv::connectedComponents(person, labels, 8, CV_32S);
  person = labels == labels.at<int>(f.y + f.height / 2, cx);
  cv::morphologyEx(person, person, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
  cv::resize(person, person, photo.size(), 0, 0, cv::INTER_LINEAR);
  cv::GaussianBlur(person, person, cv::Size(5, 5), 1.5);

  PortraitCutout cut;
  cut.bgr = photo;
  cut.alpha = person;
  // Crown: the first row of the person above the face; chin ≈ the face box bottom.
  int crown = face->y;
  for (int y = face->y; y >= 0; --y) {
    const cv::Mat row = person(cv::Rect(face->x, y, face->width, 1));
    if (cv::countNonZero(row > 128) == 0) break;
    crown = y;
  }
  cut.head = cv::Rect(face->x - face->width / 10, crown, face->width * 6 / 5, face->br().y - crown);
  cut.frame = photo.size();
  cut.scale = 1.0;
  return cut;
}

}  // namespace beian::samples
