// Photo-check profiles: templates/photo/<name>.json. A profile holds the preprocessing settings
// and, per check, its threshold, its check-specific parameters and where the numbers come from.
// A profile may extend another ("extends"): it inherits every check, replaces the rows it
// names, and drops a row with {"enabled": false}.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace beian::photo {

struct CheckSettings {
  std::string id;
  double threshold = 0.0;
  std::string source;                  // where the threshold comes from (documentation only)
  nlohmann::json params;               // exactly the parameter names the check declares: numbers or string lists

  // The parameter `name`. REQUIRES: the check declares it (validated when the profile loads).
  double param(const std::string& name) const { return params.at(name).get<double>(); }
  std::vector<std::string> param_strings(const std::string& name) const {
    return params.at(name).get<std::vector<std::string>>();
  }
};

// How the shared preprocessing runs (face detection, working resolution, masks).
struct PreprocessSettings {
  int work_max_side = 0;          // the analysis copy's longest side, px
  double face_min_size = 0;       // smallest face searched, fraction of the shorter side
  double face_scale_step = 0;     // Haar pyramid step
  // Each cascade pass first searches faces of at least face_large_size of the shorter side
  // (a chest-up portrait's face); when it finds one, smaller faces only down to
  // face_companion_size of the largest face's side (smaller ones are not counted as people),
  // else the rest down to face_min_size.
  double face_large_size = 0;
  double face_companion_size = 0;
  // The pyramid step of that companion search. A companion face only has to be counted, not
  // measured (its box feeds face_count and the person mask; it becomes the primary face only
  // when the large face is itself near face_large_size), and that search, at the smallest
  // sizes, is the costliest part of a pass: a coarser step than face_scale_step halves it.
  double face_companion_step = 0;
  int face_min_neighbors = 0;     // Haar detections that must agree
  // The person prior that separates person from background, in face-box units: the head is
  // head_width face widths wide and reaches head_above face heights above the box; the
  // shoulders start shoulder_drop face heights below the chin and are shoulder_width face
  // widths wide at the bottom; mask_margin face widths of guard band are left out of both.
  double head_width = 0;
  double head_above = 0;
  double shoulder_drop = 0;
  double shoulder_width = 0;
  double mask_margin = 0;
};

struct PhotoProfile {
  std::string name;
  std::string description;
  std::string cloth_slogan;           // the slogan a backdrop cloth must show (cloth profiles only)
  double fail_confidence = 0.7;       // a failed check below this confidence gives "review", not "fail"
  PreprocessSettings preprocess;
  std::vector<CheckSettings> checks;  // the enabled checks, in the order of the check registry

  const CheckSettings* find(std::string_view id) const;
};

// The profile `name`, loaded and validated once per process (thread-safe).
// Throws std::invalid_argument when no such profile exists (listing those that do), and
// std::runtime_error naming the file and key when the file is malformed, names an unknown
// check, or gives a check parameters it does not declare.
const PhotoProfile& load_profile(const std::string& name);

// Profile names under templates/photo/, sorted.
std::vector<std::string> profile_names();

}  // namespace beian::photo
