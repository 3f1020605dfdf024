// Generated verification ("backdrop") photos for testing the photo checker and for the
// sample orders: a real person cut out of her photo and composited onto generated
// backgrounds, either a clean white wall (should pass) or one defect the filing rules forbid.
//
// The person is the public-domain NASA portrait of Eileen Collins that Debian's python3-skimage
// ships (/usr/lib/python3/dist-packages/skimage/data/astronaut.png); any other cut-out (e.g. a
// real photo whose backdrop was masked at evaluation time) can be composited the same way.
//
// Everything is deterministic for a given (defect, seed) on a given platform.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace beian::samples {

// What is wrong with a generated portrait. The string ids (to_string) are stable: they appear
// in truth files and evaluation tables.
enum class PortraitDefect {
  kNone,           // "none": white wall, head and shoulders centred, sharp, well exposed
  kOffWhite,       // "off_white": grey, yellowish, beige or light-blue wall instead of white
  kCornerLine,     // "corner_line": a wall corner (and sometimes the ceiling edge) beside the person
  kDoorGap,        // "door_gap": a door with its frame and the dark gap at its edge beside the person
  kClutter,        // "clutter": pictures, shelves, a clock, a plant on the wall behind
  kDark,           // "dark": under-exposed
  kBlownOut,       // "blown_out": over-exposed, face highlights clipped
  kBlurred,        // "blurred": out of focus or motion blur
  kColourCast,     // "colour_cast": strong red, green or blue cast
  kHeadCut,        // "head_cut": the crown or one side of the head outside the frame
  kLowResolution,  // "low_resolution": about 300-400 px wide
  kGreyscale,      // "greyscale": black-and-white photo
  kTwoFaces,       // "two_faces": two people
  kSmallFace,      // "small_face": the person far away, face small in the frame
  kOffCentre,      // "off_centre": the person pushed to one side
  kBackdropCloth,  // "backdrop_cloth": a provider backdrop cloth with the Gansu slogan (passes the
                   //   cloth profile, fails the white-wall default profile)
  kClothNoSlogan,  // "cloth_no_slogan": the backdrop cloth with the slogan missing
};

std::string_view to_string(PortraitDefect d);
// Parses a stable id; nullopt for anything else.
std::optional<PortraitDefect> parse_portrait_defect(std::string_view id);
// Every value, in declaration order.
const std::vector<PortraitDefect>& all_portrait_defects();

// The backdrop cloth colour (8-bit BGR) and the slogan the cloth variants carry.
inline const cv::Scalar kBackdropClothBgr{236, 214, 190};   // light blue cloth
inline constexpr std::string_view kGansuSlogan = "共同营造 健康诚信 网络环境";

// A person cut out of a photo: `bgr` with `alpha` (CV_8U, 255 = person), the person's body
// reaching the bottom edge; `head` is the crown-to-chin box and `frame` the output size the
// person is composed for when placed at scale 1 with the head centred horizontally.
struct PortraitCutout {
  cv::Mat bgr;
  cv::Mat alpha;
  cv::Rect head;
  cv::Size frame;
  double scale = 1.0;   // cut-out pixels → frame pixels
};

// A photo of one person in front of a plain, flat backdrop (a studio photo such as the FRLL
// set's), cut out of it: the backdrop is grown from the top corners by colour similarity, the
// head found with the Haar face cascade. The frame is the photo's own size at scale 1, so a
// specimen made from it keeps the original framing. nullopt when no single face is found or
// the backdrop cannot be separated (it touches neither top corner).
std::optional<PortraitCutout> cut_out_plain_backdrop(const cv::Mat& photo);

// The astronaut, cut out once per process (GrabCut, ~0.5 s) and cached; thread-safe.
// Throws std::runtime_error naming the file when the python3-skimage image is missing.
const PortraitCutout& astronaut_cutout();
// The path of the astronaut image.
std::string astronaut_path();

// A verification photo (8-bit BGR) of the astronaut: 1080×1080 except for kLowResolution
// and kHeadCut (cropped). REQUIRES nothing; throws only when the astronaut image is missing.
cv::Mat make_portrait_specimen(PortraitDefect defect, uint64_t seed);
// The same with any cut-out.
cv::Mat make_portrait_specimen(const PortraitCutout& person, PortraitDefect defect, uint64_t seed);

}  // namespace beian::samples
