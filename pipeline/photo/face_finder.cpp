#include "pipeline/photo/face_finder.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "pipeline/photo/cascades.h"

namespace beian::photo {
namespace {

// Where features sit inside a Haar frontal face box (fractions of its width/height), measured
// on the shared FRLL photos and the astronaut with both eyes found: eye centres at 0.30/0.70
// of the width and 0.38 of the height; the chin at 1.02 and the crown about 0.42 above the box.
// Used only when the eye cascade finds nothing, and for the chin and crown.
constexpr double kEyeX = 0.30;
constexpr double kEyeY = 0.38;
constexpr double kChinY = 1.02;
constexpr double kCrownAbove = 0.42;

bool larger(const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); }

std::vector<cv::Rect> detect_sizes(Cascade kind, const cv::Mat& grey, const PreprocessSettings& s, int min_side,
                                   int max_side, double step) {
  std::vector<cv::Rect> found;
  auto cascade = borrow_cascade(kind);
  cascade->detectMultiScale(grey, found, step, s.face_min_neighbors, cv::CASCADE_SCALE_IMAGE,
                            cv::Size(min_side, min_side), cv::Size(max_side, max_side));
  return found;
}

// One cascade pass, large faces first. The pyramid's cost grows with the square of the
// smallest face searched (the image is scaled so that face fits the cascade's window), and a
// chest-up portrait's face is large: searching faces ≥ face_large_size first costs a small
// share of the full search. When that finds a face, smaller faces are searched only down to
// face_companion_size of its side (a face with a tenth of the largest's area, the least
// face_count counts, has 0.316 of its side); when it finds none, the rest of the range down to
// min_side. The ranges overlap by a quarter so a face at the boundary is found whole in one of
// them; drop_nested removes the duplicate. The companion search uses face_companion_step: it
// only has to find a face to count, and it is the costliest range (the smallest faces).
std::vector<cv::Rect> detect(Cascade kind, const cv::Mat& grey, const PreprocessSettings& s, int min_side) {
  const int shorter = std::min(grey.cols, grey.rows);
  const int large = std::max(min_side, static_cast<int>(shorter * s.face_large_size));
  if (large <= min_side) return detect_sizes(kind, grey, s, min_side, 0, s.face_scale_step);
  auto faces = detect_sizes(kind, grey, s, large, 0, s.face_scale_step);
  int lower = min_side;
  double step = s.face_scale_step;
  if (!faces.empty()) {
    step = s.face_companion_step;
    int largest = 0;
    for (const auto& f : faces) largest = std::max(largest, std::max(f.width, f.height));
    lower = std::max(min_side, static_cast<int>(s.face_companion_size * largest));
  }
  const int upper = large + large / 4;
  if (lower < large)
    for (const auto& f : detect_sizes(kind, grey, s, lower, upper, step)) faces.push_back(f);
  return faces;
}

// Overlapping detections of the same face (a box mostly inside a larger one) count once.
std::vector<cv::Rect> drop_nested(std::vector<cv::Rect> faces) {
  std::sort(faces.begin(), faces.end(), larger);
  std::vector<cv::Rect> kept;
  for (const auto& f : faces) {
    bool nested = false;
    for (const auto& k : kept) nested = nested || (f & k).area() > 0.5 * f.area();
    if (!nested) kept.push_back(f);
  }
  return kept;
}

// The eye candidate in `candidates` (ROI coordinates offset by `origin`) closest to `expected`.
std::optional<cv::Point2f> nearest(const std::vector<cv::Rect>& candidates, cv::Point origin, cv::Point2f expected,
                                   double max_distance) {
  std::optional<cv::Point2f> best;
  double best_d = max_distance;
  for (const auto& c : candidates) {
    const cv::Point2f centre(origin.x + c.x + c.width / 2.0f, origin.y + c.y + c.height / 2.0f);
    const double d = std::hypot(centre.x - expected.x, centre.y - expected.y);
    if (d < best_d) {
      best_d = d;
      best = centre;
    }
  }
  return best;
}

}  // namespace

std::vector<cv::Rect> find_faces(const cv::Mat& grey, const PreprocessSettings& s, bool* frontal,
                                 std::vector<std::pair<std::string, double>>* timings) {
  auto t = std::chrono::steady_clock::now();
  auto lap = [&](const char* pass) {
    const auto now = std::chrono::steady_clock::now();
    if (timings) timings->emplace_back(std::string("face.") + pass, std::chrono::duration<double, std::milli>(now - t).count());
    t = now;
  };
  cv::Mat equalised;
  cv::equalizeHist(grey, equalised);
  const int min_side = std::max(20, static_cast<int>(std::min(grey.cols, grey.rows) * s.face_min_size));
  *frontal = true;
  auto faces = detect(Cascade::kFrontalFaceAlt2, equalised, s, min_side);
  lap("alt2");
  if (faces.empty()) {
    // Global equalisation fails when a plain wall fills most of the frame (a person standing
    // far away): the wall's narrow band of greys is stretched over most of the output range,
    // its noise and shading become texture, and the face is squeezed into the darkest few
    // levels, so the cascade finds nothing. Clip-limited local equalisation (CLAHE) leaves the
    // wall flat and the face's contrast intact. Measured on 15 far-away specimens (astronaut and
    // FRLL cut-outs, faces 60-140 px high in the analysis copy): 5 found after global
    // equalisation, 15 after CLAHE. Second pass only, so faces found before keep their boxes
    // (the feature geometry below was measured on those).
    cv::Mat local;
    cv::createCLAHE(2.0, cv::Size(8, 8))->apply(grey, local);
    faces = detect(Cascade::kFrontalFaceAlt2, local, s, min_side);
    lap("alt2_clahe");
  }
  if (faces.empty()) {
    faces = detect(Cascade::kFrontalFace, equalised, s, min_side);
    lap("default");
  }
  if (faces.empty()) {
    faces = detect(Cascade::kProfileFace, equalised, s, min_side);
    cv::Mat mirrored;
    cv::flip(equalised, mirrored, 1);
    for (auto r : detect(Cascade::kProfileFace, mirrored, s, min_side)) {
      r.x = grey.cols - r.x - r.width;
      faces.push_back(r);
    }
    *frontal = false;
    lap("profile");
  }
  return drop_nested(std::move(faces));
}

Face locate_face_features(const cv::Mat& grey, const cv::Rect& box, bool frontal) {
  Face f;
  f.box = box;
  f.frontal = frontal;
  const cv::Point2f expected_left(box.x + kEyeX * box.width, box.y + kEyeY * box.height);
  const cv::Point2f expected_right(box.x + (1 - kEyeX) * box.width, box.y + kEyeY * box.height);
  f.eye_left = expected_left;
  f.eye_right = expected_right;

  // The eye band: the upper part of the face box, searched half by half.
  const cv::Rect band = cv::Rect(box.x, box.y + box.height / 6, box.width, box.height * 4 / 10) &
                        cv::Rect(0, 0, grey.cols, grey.rows);
  if (band.area() > 0) {
    const cv::Mat roi = grey(band);
    const int min_eye = std::max(6, box.width / 9), max_eye = std::max(min_eye + 1, box.width * 2 / 5);
    const double max_distance = 0.18 * box.width;
    for (Cascade kind : {Cascade::kEye, Cascade::kEyeGlasses}) {
      std::vector<cv::Rect> eyes;
      auto cascade = borrow_cascade(kind);
      cascade->detectMultiScale(roi, eyes, 1.1, 3, 0, cv::Size(min_eye, min_eye), cv::Size(max_eye, max_eye));
      auto left = nearest(eyes, band.tl(), expected_left, max_distance);
      auto right = nearest(eyes, band.tl(), expected_right, max_distance);
      const int found = (left ? 1 : 0) + (right ? 1 : 0);
      if (found > f.eyes_detected) {
        f.eyes_detected = found;
        f.eye_left = left.value_or(expected_left);
        f.eye_right = right.value_or(expected_right);
      }
      if (f.eyes_detected == 2) break;
    }
  }
  // With one eye found, place the other symmetrically about the box centre line.
  if (f.eyes_detected == 1) {
    const float cx = box.x + box.width / 2.0f;
    if (std::abs(f.eye_left.x - expected_left.x) > 1e-3f || std::abs(f.eye_left.y - expected_left.y) > 1e-3f)
      f.eye_right = cv::Point2f(2 * cx - f.eye_left.x, f.eye_left.y);
    else
      f.eye_left = cv::Point2f(2 * cx - f.eye_right.x, f.eye_right.y);
  }
  f.ied = std::hypot(f.eye_right.x - f.eye_left.x, f.eye_right.y - f.eye_left.y);
  const double eye_y = (f.eye_left.y + f.eye_right.y) / 2.0;
  f.chin_y = box.y + kChinY * box.height;
  f.crown_y = box.y - kCrownAbove * box.height;
  f.eye_to_chin = std::max(1.0, f.chin_y - eye_y);
  return f;
}

}  // namespace beian::photo
