// One photo check = one function in its own file under pipeline/photo/checks/, measuring one
// raw value from the shared context; the runner compares it with the profile's threshold and
// fills the messages from templates/messages/photo.json (PHOTO_<ID> when it fails,
// PHOTO_<ID>_OK when it passes).
//
// Adding a check: its file, one row in check_registry.cpp, one row in the profile(s), its two
// messages. (The registry is an explicit table rather than self-registration because the
// checks live in a static library, whose unreferenced objects the linker would drop.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/finding.h"
#include "pipeline/photo/context.h"
#include "pipeline/photo/profile.h"

namespace beian::photo {

// How the measured value is compared with the threshold.
enum class Compare {
  kAtLeast,  // passes when value >= threshold
  kAtMost,   // passes when value <= threshold
  kEqual,    // passes when value == threshold
};

struct Measurement {
  double value = 0.0;
  double confidence = 1.0;            // 0..1
  bool measured = true;               // false: not measurable here (e.g. no face): the check is left out
  Evidence evidence;                  // extra {placeholders} for the messages
  std::vector<cv::Vec4f> lines;       // offending segments (analysis pixels), for the annotated image
  std::vector<cv::Rect> regions;      // offending regions (analysis pixels)
};

inline Measurement not_measured() {
  Measurement m;
  m.measured = false;
  return m;
}

using CheckFunction = Measurement (*)(const PhotoContext&, const CheckSettings&);

struct CheckDefinition {
  std::string_view id;
  Compare compare;
  CheckFunction measure;
  std::vector<std::string_view> params;   // parameter names the profile must give
};

// Every check, in report order.
const std::vector<CheckDefinition>& check_definitions();
// The check `id`, or nullptr.
const CheckDefinition* find_check(std::string_view id);

}  // namespace beian::photo
