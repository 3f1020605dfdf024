// The table of photo checks, in report order (see check.h for why it is a table).
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_file_readable(const PhotoContext&, const CheckSettings&);
Measurement measure_file_format(const PhotoContext&, const CheckSettings&);
Measurement measure_file_size(const PhotoContext&, const CheckSettings&);
Measurement measure_colour_model(const PhotoContext&, const CheckSettings&);
Measurement measure_resolution(const PhotoContext&, const CheckSettings&);
Measurement measure_face_count(const PhotoContext&, const CheckSettings&);
Measurement measure_face_size(const PhotoContext&, const CheckSettings&);
Measurement measure_face_scale(const PhotoContext&, const CheckSettings&);
Measurement measure_face_roll(const PhotoContext&, const CheckSettings&);
Measurement measure_face_yaw(const PhotoContext&, const CheckSettings&);
Measurement measure_face_centred(const PhotoContext&, const CheckSettings&);
Measurement measure_crop_top(const PhotoContext&, const CheckSettings&);
Measurement measure_crop_sides(const PhotoContext&, const CheckSettings&);
Measurement measure_crop_bottom(const PhotoContext&, const CheckSettings&);
Measurement measure_background_white(const PhotoContext&, const CheckSettings&);
Measurement measure_background_neutral(const PhotoContext&, const CheckSettings&);
Measurement measure_cloth_colour(const PhotoContext&, const CheckSettings&);
Measurement measure_cloth_slogan(const PhotoContext&, const CheckSettings&);
Measurement measure_background_uniform(const PhotoContext&, const CheckSettings&);
Measurement measure_background_lines(const PhotoContext&, const CheckSettings&);
Measurement measure_background_clutter(const PhotoContext&, const CheckSettings&);
Measurement measure_exposure_dark(const PhotoContext&, const CheckSettings&);
Measurement measure_exposure_clipped(const PhotoContext&, const CheckSettings&);
Measurement measure_colour_present(const PhotoContext&, const CheckSettings&);
Measurement measure_colour_cast(const PhotoContext&, const CheckSettings&);
Measurement measure_sharpness(const PhotoContext&, const CheckSettings&);
Measurement measure_eyes_open(const PhotoContext&, const CheckSettings&);
Measurement measure_mouth_closed(const PhotoContext&, const CheckSettings&);
Measurement measure_hat(const PhotoContext&, const CheckSettings&);
Measurement measure_headphones(const PhotoContext&, const CheckSettings&);
Measurement measure_glasses_glare(const PhotoContext&, const CheckSettings&);

const std::vector<CheckDefinition>& check_definitions() {
  using C = Compare;
  static const std::vector<CheckDefinition> table{
      {"file_readable", C::kEqual, &measure_file_readable, {}},
      {"file_format", C::kEqual, &measure_file_format, {"accepted"}},
      {"file_size", C::kAtMost, &measure_file_size, {}},
      {"colour_model", C::kEqual, &measure_colour_model, {}},
      {"resolution", C::kAtLeast, &measure_resolution, {}},
      {"face_count", C::kEqual, &measure_face_count, {"min_area_ratio"}},
      {"face_size", C::kAtLeast, &measure_face_size, {}},
      {"face_scale", C::kAtLeast, &measure_face_scale, {}},
      {"face_roll", C::kAtMost, &measure_face_roll, {}},
      {"face_yaw", C::kAtMost, &measure_face_yaw, {}},
      {"face_centred", C::kAtMost, &measure_face_centred, {}},
      {"crop_top", C::kAtLeast, &measure_crop_top, {}},
      {"crop_sides", C::kAtLeast, &measure_crop_sides, {}},
      {"crop_bottom", C::kAtLeast, &measure_crop_bottom, {}},
      {"background_white", C::kAtLeast, &measure_background_white, {"min_background"}},
      {"background_neutral", C::kAtMost, &measure_background_neutral, {"min_background"}},
      {"cloth_colour", C::kAtMost, &measure_cloth_colour, {"min_background", "L", "a", "b"}},
      {"cloth_slogan", C::kAtLeast, &measure_cloth_slogan, {"min_band"}},
      {"background_uniform", C::kAtMost, &measure_background_uniform, {"min_background"}},
      {"background_lines", C::kAtMost, &measure_background_lines,
       {"min_background", "min_length", "max_angle", "min_contrast", "detector_scale"}},
      {"background_clutter", C::kAtMost, &measure_background_clutter, {"min_background", "delta_e", "min_blob"}},
      {"exposure_dark", C::kAtLeast, &measure_exposure_dark, {"percentile"}},
      {"exposure_clipped", C::kAtMost, &measure_exposure_clipped, {"clip_level"}},
      {"colour_present", C::kAtLeast, &measure_colour_present, {}},
      {"colour_cast", C::kAtMost, &measure_colour_cast, {"a_min", "a_max", "b_min", "b_max"}},
      {"sharpness", C::kAtLeast, &measure_sharpness, {"norm_width"}},
      {"eyes_open", C::kAtLeast, &measure_eyes_open, {"dark_ratio", "width", "height"}},
      {"mouth_closed", C::kAtMost, &measure_mouth_closed, {"dark_ratio", "top", "bottom", "width"}},
      {"hat", C::kAtMost, &measure_hat, {"from", "to", "width", "min_chroma"}},
      {"headphones", C::kAtMost, &measure_headphones, {"width", "depth", "min_chroma", "max_dark"}},
      {"glasses_glare", C::kAtMost, &measure_glasses_glare, {"width", "height", "min_lightness", "max_chroma"}},
  };
  return table;
}

const CheckDefinition* find_check(std::string_view id) {
  for (const auto& d : check_definitions())
    if (d.id == id) return &d;
  return nullptr;
}

}  // namespace beian::photo
