// The backdrop / verification photo checker: is the owner's photo what the provider accepts
// (seeds 002/004: the person in person, chest up, head complete, pure white background with no
// wall corner, door gap or clutter, natural expression, no hat or headphones, no glare)?
//
//   beian::PhotoOptions options;                 // profile "default" = the white-wall rules
//   beian::PhotoReport r = beian::check_photo_file("owner.jpg", options);
//   if (r.result.verdict != beian::PhotoVerdict::kPass) ... r.result.checks ...
//
// Each check measures one raw value and compares it with a threshold from the profile
// (templates/photo/<profile>.json); docs/photo-checks.md lists every check, its unit and where
// its threshold comes from.
//
// Thread safety: every function here may be called from many threads at once; the face
// cascades and profiles are loaded once per process and shared.
// Errors: bad input (unreadable, not an image, no face, ...) never throws: it is a failed check
// in the result. Only an unknown profile name or a malformed profile file throws
// (std::invalid_argument / std::runtime_error, naming the profile or file).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "beian/finding.h"

namespace beian {

// "pass": every check passed. "fail": at least one check failed with confidence at or above
// the profile's fail_confidence. "review": nothing failed for sure, but a check that cannot be
// trusted fully (eyes, mouth, hat, glare, ...) failed: a person should look.
enum class PhotoVerdict { kPass, kFail, kReview };

std::string_view to_string(PhotoVerdict v);                     // "pass", "fail", "review"
bool parse_photo_verdict(std::string_view text, PhotoVerdict* out);

// One check's outcome.
struct PhotoCheck {
  std::string id;            // stable check id, e.g. "background_white" (docs/photo-checks.md)
  double value = 0.0;        // the raw measured value, in the check's documented unit
  double threshold = 0.0;    // the profile's limit it was compared with
  bool passed = false;       // value within the limit
  double confidence = 1.0;   // 0..1: how far this measurement can be trusted
  std::string message_zh;    // what was found and, when it failed, how to fix it
  std::string message_en;
};

struct PhotoResult {
  std::string file;                                          // the photo as named by the caller
  PhotoVerdict verdict = PhotoVerdict::kFail;
  std::vector<PhotoCheck> checks;                            // in the profile's order
  std::vector<std::pair<std::string, double>> timings_ms;    // step → milliseconds

  // The check called `id`, or nullptr.
  const PhotoCheck* check(std::string_view id) const;
};

// {"id","value","threshold","passed","confidence","message_zh","message_en"}
void to_json(nlohmann::json& j, const PhotoCheck& c);
void from_json(const nlohmann::json& j, PhotoCheck& c);
// {"file","verdict","checks":[...],"timings_ms":{step: ms}}
void to_json(nlohmann::json& j, const PhotoResult& r);
void from_json(const nlohmann::json& j, PhotoResult& r);

struct PhotoOptions {
  // Profile name: templates/photo/<profile>.json. Default "default" (white wall, seeds 002/004).
  std::string profile = "default";
  // Also draw the annotated image (face box, background mask, offending lines and regions).
  // Default false.
  bool annotate = false;
};

struct PhotoReport {
  PhotoResult result;
  std::string annotated_jpeg;   // JPEG bytes when PhotoOptions::annotate and the image decoded; else empty
};

// Checks a photo given as the bytes of its file (JPEG, PNG, WebP, TIFF, BMP); `file` names it.
PhotoReport check_photo_bytes(std::string_view bytes, const std::string& file, const PhotoOptions& options = {});
// Reads and checks a photo file; an unreadable file is a failed "file_readable" check.
PhotoReport check_photo_file(const std::filesystem::path& path, const PhotoOptions& options = {});

// The findings a result implies for an order report: one per failed check, code
// PHOTO_<CHECK ID>, naming the result's file; severity error when the check's confidence reaches
// the profile's fail_confidence, else warning (needs review). `profile`: the one it was checked with.
std::vector<Finding> photo_findings(const PhotoResult& result, const std::string& profile = "default");

// The profiles available (file names under templates/photo/ without .json), sorted.
std::vector<std::string> photo_profile_names();

}  // namespace beian
