// The labelled set the photo checker is evaluated on (bench_photo_eval, bench_photo_speed):
//  - generated portraits of the public-domain astronaut: a white-wall pass case and each defect;
//  - white-wall variants of the shared FRLL studio photos (backdrop replaced at run time, never
//    saved) with the same generated defects;
//  - the shared real photos as they are, labelled from ../shared/faces/README.md.
// Header-only because every bench/*.cpp is its own executable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "pipeline/base/data_dir.h"
#include "samples/portrait_specimen.h"

namespace beian::photo_eval {

struct LabelledPhoto {
  std::string source;                  // "astronaut", "frll_007", ... or "real"
  std::string name;                    // e.g. "astronaut/corner_line/3"
  std::string label;                   // defect id; "none" = must pass
  std::vector<std::string> expected;   // checks any of which catches it (empty for "none")
  std::string profile = "default";
  std::string bytes;                   // the encoded photo
};

// The checks expected to catch each generated defect under its profile.
inline std::vector<std::string> expected_checks(samples::PortraitDefect d) {
  using D = samples::PortraitDefect;
  switch (d) {
    case D::kNone: return {};
    case D::kOffWhite: return {"background_white", "background_neutral"};
    case D::kCornerLine: return {"background_lines"};
    case D::kDoorGap: return {"background_lines"};
    case D::kClutter: return {"background_clutter", "background_uniform"};
    case D::kDark: return {"exposure_dark"};
    case D::kBlownOut: return {"exposure_clipped"};
    case D::kBlurred: return {"sharpness"};
    case D::kColourCast: return {"colour_cast", "background_neutral"};
    case D::kHeadCut: return {"crop_top", "crop_sides", "face_count"};
    case D::kLowResolution: return {"resolution"};
    case D::kGreyscale: return {"colour_present"};
    case D::kTwoFaces: return {"face_count"};
    case D::kSmallFace: return {"face_size", "face_scale"};
    case D::kOffCentre: return {"face_centred", "crop_sides"};
    case D::kBackdropCloth: return {};                  // judged with the gansu profile: must pass
    case D::kClothNoSlogan: return {"cloth_slogan"};    // judged with the gansu profile
  }
  return {};
}

inline std::string profile_for(samples::PortraitDefect d) {
  return d == samples::PortraitDefect::kBackdropCloth || d == samples::PortraitDefect::kClothNoSlogan ? "gansu"
                                                                                                    : "default";
}

inline std::string encode_jpeg(const cv::Mat& image, int quality = 92) {
  std::vector<uint8_t> buf;
  cv::imencode(".jpg", image, buf, {cv::IMWRITE_JPEG_QUALITY, quality});
  return std::string(buf.begin(), buf.end());
}

// The shared real photos with what a person sees in them (../shared/faces/README.md).
struct RealPhoto {
  const char* path;
  const char* label;
  std::vector<std::string> expected;
};

inline const std::vector<RealPhoto>& real_photos() {
  static const std::vector<RealPhoto> photos{
      {"frll_london/neutral_007_03.jpg", "grey_backdrop", {"background_white"}},
      {"frll_london/neutral_034_03.jpg", "grey_backdrop", {"background_white"}},
      {"frll_london/neutral_042_03.jpg", "grey_backdrop", {"background_white"}},
      {"frll_london/smiling_013_08.jpg", "grey_backdrop", {"background_white"}},
      {"debruine_lisa_zoom/lisa1.jpg", "clutter_crown_cut", {"background_clutter", "background_uniform", "crop_top"}},
      {"debruine_lisa_zoom/lisa2.jpg", "clutter_small_face", {"background_clutter", "background_uniform", "face_size"}},
      {"debruine_lisa_zoom/zoom_60cm.jpg", "door_corner", {"background_lines"}},
      {"face_recognition_whitehouse/obama.jpg", "flags_curtains", {"background_clutter", "background_uniform", "background_white"}},
      {"face_recognition_whitehouse/two_people.jpg", "two_faces", {"face_count"}},
      {"max_pexels/surprised.jpeg", "hat_mouth_grey", {"hat", "mouth_closed", "background_white"}},
  };
  return photos;
}

// The FRLL studio photos whose backdrop is replaced at run time.
inline std::vector<std::string> frll_photos() {
  return {"frll_london/neutral_007_03.jpg", "frll_london/neutral_034_03.jpg", "frll_london/neutral_042_03.jpg",
          "frll_london/smiling_013_08.jpg"};
}

// Calls `sink` for every photo of the set, one at a time: `seeds` seeds per defect for the
// astronaut and for each FRLL cut-out, then the real photos once. `shared_faces` empty = the
// astronaut only. `defects`: which generated defects (all when empty).
inline void for_each_labelled_photo(int seeds, const std::filesystem::path& shared_faces,
                                    const std::vector<samples::PortraitDefect>& defects,
                                    const std::function<void(const LabelledPhoto&)>& sink) {
  const auto& chosen = defects.empty() ? samples::all_portrait_defects() : defects;
  auto generate = [&](const std::string& source, const samples::PortraitCutout& cut) {
    for (auto d : chosen) {
      for (int seed = 1; seed <= seeds; ++seed) {
        LabelledPhoto p;
        p.source = source;
        p.label = std::string(samples::to_string(d));
        p.name = source + "/" + p.label + "/" + std::to_string(seed);
        p.expected = expected_checks(d);
        p.profile = profile_for(d);
        p.bytes = encode_jpeg(samples::make_portrait_specimen(cut, d, static_cast<uint64_t>(seed)));
        sink(p);
      }
    }
  };
  generate("astronaut", samples::astronaut_cutout());
  if (shared_faces.empty()) return;
  for (const auto& rel : frll_photos()) {
    const cv::Mat photo = cv::imread((shared_faces / rel).string(), cv::IMREAD_COLOR);
    const auto cut = samples::cut_out_plain_backdrop(photo);
    if (!cut) continue;
    generate("frll_" + std::filesystem::path(rel).stem().string().substr(8, 3), *cut);
  }
  for (const auto& real : real_photos()) {
    LabelledPhoto p;
    p.source = "real";
    p.name = "real/" + std::filesystem::path(real.path).stem().string();
    p.label = real.label;
    p.expected = real.expected;
    try {
      p.bytes = read_file_bytes(shared_faces / real.path);
    } catch (const std::exception&) {
      continue;
    }
    sink(p);
  }
}

}  // namespace beian::photo_eval
