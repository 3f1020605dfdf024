// The shared photo context (OFIQ's "session"): the expensive preprocessing — decoding, the
// analysis copy, face and eye detection, the person/background masks — runs once, and every
// check reads it. Internal to beian::pipeline (OpenCV types).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "pipeline/photo/profile.h"

namespace beian::photo {

// What the file itself says, before decoding.
struct FileFacts {
  std::string name;          // as the caller named it
  uint64_t bytes = 0;
  std::string format;        // detected by content: jpeg, png, webp, tiff, bmp, ... or unknown
  int components = 0;        // colour components in the file: 1 grey, 3 colour, 4 CMYK; 0 unknown
  std::string decode_problem;  // why it did not decode (empty when it did)
};

// The primary face, in analysis-copy pixels.
struct Face {
  cv::Rect box;                    // Haar face box
  bool frontal = true;             // found by a frontal cascade (false: profile cascade only)
  cv::Point2f eye_left, eye_right; // image-left and image-right eye centres
  int eyes_detected = 0;           // how many of the two the eye cascade found (others estimated)
  double ied = 0.0;                // inter-eye distance
  double eye_to_chin = 0.0;        // T: eye line to chin, estimated from the box
  double crown_y = 0.0;            // estimated top of the head
  double chin_y = 0.0;             // estimated chin
};

struct PhotoContext {
  const PhotoProfile* profile = nullptr;
  FileFacts file;
  cv::Mat original;                // 8-bit BGR, full resolution (EXIF orientation applied)
  double scale = 1.0;              // analysis pixels per original pixel (≤ 1)
  cv::Mat bgr;                     // analysis copy, 8-bit BGR
  cv::Mat grey;                    // analysis copy, 8-bit grey
  cv::Mat lab;                     // analysis copy, OpenCV 8-bit Lab (L·255/100, a+128, b+128)
  std::vector<cv::Rect> faces;     // every face found, largest first (analysis pixels)
  std::optional<Face> face;        // the largest face with its eyes
  cv::Mat person_mask;             // 255 = person (prior from the face geometry), analysis size
  cv::Mat background_mask;         // 255 = background (away from the person by a guard band)
  double background_fraction = 0;  // background pixels / all pixels
  cv::Vec3d background_lab;        // median CIELAB (L* 0-100, a*, b*) of the background
  std::vector<std::pair<std::string, double>> timings_ms;

  // The face box mapped to original-image pixels.
  cv::Rect to_original(const cv::Rect& r) const;
};

// Runs the preprocessing on a decoded image. Never throws for image content: a photo without
// a face has no `face` and an empty person mask.
void prepare_context(PhotoContext& ctx, const cv::Mat& bgr_original);

// CIELAB helpers for the 8-bit OpenCV Lab encoding.
inline double lab_l(uint8_t v) { return v * 100.0 / 255.0; }
inline double lab_ab(uint8_t v) { return static_cast<double>(v) - 128.0; }

}  // namespace beian::photo
