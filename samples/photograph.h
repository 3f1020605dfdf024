// "Photographs" a rendered document at one of three degradation levels, the way uploads
// arrive:
//   clean — a flat scan: white scanner bed, up to 1° skew, ~300 dpi, JPEG 90-95;
//   photo — a phone photo on a table: perspective up to ~15°, textured background, lighting
//           gradient, soft shadow, blur, sensor noise, JPEG 70-90;
//   hard  — photo plus a 90/180/270° rotation, low resolution, a glare spot, JPEG 55-80.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "samples/identity.h"

namespace beian::samples {

enum class Level { kClean, kPhoto, kHard };
std::string_view to_string(Level level);               // "clean", "photo", "hard"
std::optional<Level> parse_level(std::string_view id);
const std::vector<Level>& all_levels();

struct Shot {
  cv::Mat image;          // 8-bit BGR
  int jpeg_quality = 90;  // the quality to encode it with
  int quarter_turns = 0;  // clockwise 90° turns applied (hard level)
};

// `document` is 8-bit BGR at high resolution; `physical_width_mm` its real width (cards
// 85.6, A4 297) so the scan resolution is realistic; cards get rounded corners.
Shot photograph(const cv::Mat& document, double physical_width_mm, bool rounded_corners, Level level, Random& rng);

// JPEG bytes of a shot at its quality.
std::vector<unsigned char> encode_jpeg(const Shot& shot);

}  // namespace beian::samples
