// Face and eye detection with the Haar cascades (internal to the photo checker).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "pipeline/photo/context.h"
#include "pipeline/photo/profile.h"

namespace beian::photo {

// Every face in `grey` (analysis copy), largest first. Tries the frontal alt2 cascade (on a
// globally, then a locally equalised copy), then the default frontal cascade, then the profile cascade on the image and its mirror; `frontal` is
// set false when only the profile cascade found a face.
// `timings`, when given, receives each cascade pass's milliseconds ("face.<pass>").
std::vector<cv::Rect> find_faces(const cv::Mat& grey, const PreprocessSettings& settings, bool* frontal,
                                 std::vector<std::pair<std::string, double>>* timings = nullptr);

// The eyes of the face in `box`, and the geometry derived from them (or estimated from the box
// where the eye cascade finds nothing).
Face locate_face_features(const cv::Mat& grey, const cv::Rect& box, bool frontal);

}  // namespace beian::photo
