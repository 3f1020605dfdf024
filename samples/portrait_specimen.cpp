#include "samples/portrait_specimen.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "samples/portrait_backgrounds.h"

namespace beian::samples {

namespace {

struct DefectName {
  PortraitDefect defect;
  std::string_view id;
};

constexpr std::array<DefectName, 17> kDefectNames{{
    {PortraitDefect::kNone, "none"},
    {PortraitDefect::kOffWhite, "off_white"},
    {PortraitDefect::kCornerLine, "corner_line"},
    {PortraitDefect::kDoorGap, "door_gap"},
    {PortraitDefect::kClutter, "clutter"},
    {PortraitDefect::kDark, "dark"},
    {PortraitDefect::kBlownOut, "blown_out"},
    {PortraitDefect::kBlurred, "blurred"},
    {PortraitDefect::kColourCast, "colour_cast"},
    {PortraitDefect::kHeadCut, "head_cut"},
    {PortraitDefect::kLowResolution, "low_resolution"},
    {PortraitDefect::kGreyscale, "greyscale"},
    {PortraitDefect::kTwoFaces, "two_faces"},
    {PortraitDefect::kSmallFace, "small_face"},
    {PortraitDefect::kOffCentre, "off_centre"},
    {PortraitDefect::kBackdropCloth, "backdrop_cloth"},
    {PortraitDefect::kClothNoSlogan, "cloth_no_slogan"},
}};

using portrait::SpecimenRandom;
using portrait::Staging;

// The astronaut photo above her helmet (rows 0-344): head and shoulders, suit to the bottom edge.
constexpr int kAstronautRows = 345;

PortraitCutout cut_out_astronaut() {
  const std::string path = astronaut_path();
  cv::Mat full = cv::imread(path, cv::IMREAD_COLOR);
  if (full.empty() || full.cols != 512 || full.rows != 512)
    throw std::runtime_error("portrait specimen: cannot read the astronaut portrait " + path +
                             " (install the python3-skimage package)");
  cv::Mat image = full(cv::Rect(0, 0, 512, kAstronautRows)).clone();
  // GrabCut seeded with what is known of this photo: the flag (left) and the shuttle model
  // (right) are background; her face, collar ring and suit are foreground.
  cv::Mat mask(image.size(), CV_8U, cv::Scalar(cv::GC_BGD));
  cv::rectangle(mask, cv::Rect(15, 5, 355, 340), cv::GC_PR_BGD, cv::FILLED);
  const std::vector<cv::Point> body{{150, 20}, {300, 20}, {305, 150}, {360, 240}, {368, 345},
                                    {20, 345}, {40, 290}, {100, 200}, {150, 150}};
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{body}, cv::GC_PR_FGD);
  cv::ellipse(mask, {225, 105}, {45, 65}, 0, 0, 360, cv::GC_FGD, cv::FILLED);
  const std::vector<cv::Point> suit{{130, 240}, {330, 240}, {345, 345}, {70, 345}};
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{suit}, cv::GC_FGD);
  cv::ellipse(mask, {208, 222}, {88, 58}, 0, 0, 360, cv::GC_FGD, cv::FILLED);
  cv::Mat bg_model, fg_model;
  cv::grabCut(image, mask, cv::Rect(), bg_model, fg_model, 5, cv::GC_INIT_WITH_MASK);
  cv::Mat person = (mask == cv::GC_FGD) | (mask == cv::GC_PR_FGD);
  cv::erode(person, person, cv::Mat());
  cv::GaussianBlur(person, person, cv::Size(5, 5), 1.2);
  PortraitCutout cut;
  cut.bgr = image;
  cut.alpha = person;
  cut.head = cv::Rect(152, 15, 148, 170);
  cut.frame = cv::Size(1080, 1080);
  cut.scale = 2.7;   // inter-eye distance ≈ 45 px × 2.7 ≈ 120 px
  return cut;
}

// Puts `person` into the frame at `scale` with its head centred on x = `head_cx` and its
// bottom edge on the frame's bottom; returns the person's colour and alpha in frame coordinates
// and the head box.
struct Placed {
  cv::Mat bgr, alpha;
  cv::Rect head;
};

Placed place(const PortraitCutout& person, cv::Size frame, double scale, double head_cx) {
  const double src_head_cx = person.head.x + person.head.width / 2.0;
  const double tx = head_cx - src_head_cx * scale;
  const double ty = frame.height - person.bgr.rows * scale;
  const cv::Mat m = (cv::Mat_<double>(2, 3) << scale, 0, tx, 0, scale, ty);
  Placed p;
  const int interp = scale > 1.0 ? cv::INTER_CUBIC : cv::INTER_AREA;
  cv::warpAffine(person.bgr, p.bgr, m, frame, interp, cv::BORDER_REPLICATE);
  cv::warpAffine(person.alpha, p.alpha, m, frame, cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  // The body continues below the frame: extend the last rows so the bottom edge is filled.
  p.head = cv::Rect(cv::Point(static_cast<int>(person.head.x * scale + tx), static_cast<int>(person.head.y * scale + ty)),
                    cv::Size(static_cast<int>(person.head.width * scale), static_cast<int>(person.head.height * scale)));
  return p;
}

// bg·(1-α) + person·α.
void composite(cv::Mat& background, const Placed& p) {
  cv::Mat a, a3, bg_f, fg_f;
  p.alpha.convertTo(a, CV_32F, 1.0 / 255.0);
  cv::cvtColor(a, a3, cv::COLOR_GRAY2BGR);
  background.convertTo(bg_f, CV_32FC3);
  p.bgr.convertTo(fg_f, CV_32FC3);
  cv::Mat out = bg_f.mul(cv::Scalar::all(1.0) - a3) + fg_f.mul(a3);
  out.convertTo(background, CV_8UC3);
}

cv::Mat photometric(cv::Mat image, PortraitDefect defect, const cv::Rect& head, SpecimenRandom& rng) {
  switch (defect) {
    case PortraitDefect::kDark: image.convertTo(image, -1, rng.uniform(0.28, 0.40)); break;
    case PortraitDefect::kBlownOut: {
      // Over-exposed means the face itself clips: a fixed ×2 leaves a dark-skinned face well
      // exposed (FRLL 042: face mean 138-161 after it), which is no blown-out photo. The gain
      // is raised until the face's mean would land 10 % above white.
      double gain = rng.uniform(1.8, 2.3);
      const double lift = rng.uniform(0, 20);
      const cv::Rect face = cv::Rect(head.x + head.width / 4, head.y + head.height / 3, head.width / 2, head.height / 3) &
                            cv::Rect(0, 0, image.cols, image.rows);
      if (!face.empty()) {
        cv::Mat grey;
        cv::cvtColor(image(face), grey, cv::COLOR_BGR2GRAY);
        gain = std::max(gain, (1.1 * 255.0 - lift) / std::max(1.0, cv::mean(grey)[0]));
      }
      image.convertTo(image, -1, gain, lift);
      break;
    }
    case PortraitDefect::kBlurred:
      if (rng.chance(0.6)) {
        cv::GaussianBlur(image, image, cv::Size(0, 0), image.cols * rng.uniform(0.005, 0.009));
      } else {  // motion blur: a line kernel at a random angle
        const int len = static_cast<int>(image.cols * rng.uniform(0.015, 0.03)) | 1;
        cv::Mat kernel = cv::Mat::zeros(len, len, CV_32F);
        const double t = rng.uniform(0, CV_PI);
        const cv::Point c(len / 2, len / 2), d(static_cast<int>(len / 2 * std::cos(t)), static_cast<int>(len / 2 * std::sin(t)));
        cv::line(kernel, c - d, c + d, 1.0, 1, cv::LINE_AA);
        kernel /= cv::sum(kernel)[0];
        cv::filter2D(image, image, -1, kernel);
      }
      break;
    case PortraitDefect::kColourCast: {
      static const std::array<cv::Scalar, 3> casts{cv::Scalar(0.70, 0.92, 1.30), cv::Scalar(1.30, 1.0, 0.72),
                                                   cv::Scalar(0.78, 1.22, 0.78)};
      image.convertTo(image, CV_32FC3);
      image = image.mul(casts[static_cast<size_t>(rng.below(3))]);
      image.convertTo(image, CV_8UC3);
      break;
    }
    case PortraitDefect::kGreyscale:
      cv::cvtColor(image, image, cv::COLOR_BGR2GRAY);
      cv::cvtColor(image, image, cv::COLOR_GRAY2BGR);
      break;
    case PortraitDefect::kLowResolution: {
      const int width = 300 + rng.below(121);
      cv::resize(image, image, cv::Size(width, image.rows * width / image.cols), 0, 0, cv::INTER_AREA);
      break;
    }
    default: break;
  }
  return image;
}

// Frames the photo too tightly: the crown (2 in 3) or one side of the head outside the frame.
cv::Mat cut_head(const cv::Mat& image, const cv::Rect& head, SpecimenRandom& rng) {
  if (rng.chance(2.0 / 3.0)) {
    const int y0 = std::clamp(head.y + static_cast<int>(head.height * rng.uniform(0.1, 0.25)), 1, image.rows - 2);
    return image(cv::Rect(0, y0, image.cols, image.rows - y0)).clone();
  }
  const int x0 = std::clamp(head.x + static_cast<int>(head.width * rng.uniform(0.12, 0.25)), 1, image.cols - 2);
  return image(cv::Rect(x0, 0, image.cols - x0, image.rows)).clone();
}

}  // namespace

std::string_view to_string(PortraitDefect d) {
  for (const auto& n : kDefectNames)
    if (n.defect == d) return n.id;
  return "none";
}

std::optional<PortraitDefect> parse_portrait_defect(std::string_view id) {
  for (const auto& n : kDefectNames)
    if (n.id == id) return n.defect;
  return std::nullopt;
}

const std::vector<PortraitDefect>& all_portrait_defects() {
  static const std::vector<PortraitDefect> all = [] {
    std::vector<PortraitDefect> v;
    for (const auto& n : kDefectNames) v.push_back(n.defect);
    return v;
  }();
  return all;
}

std::string astronaut_path() { return "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"; }

const PortraitCutout& astronaut_cutout() {
  static std::once_flag once;
  static PortraitCutout cut;
  std::call_once(once, [] { cut = cut_out_astronaut(); });
  return cut;
}

cv::Mat make_portrait_specimen(PortraitDefect defect, uint64_t seed) {
  return make_portrait_specimen(astronaut_cutout(), defect, seed);
}

cv::Mat make_portrait_specimen(const PortraitCutout& person, PortraitDefect defect, uint64_t seed) {
  // Two streams: the base (wall tone, pose jitter) depends on the seed only, so "none" and a
  // defect with the same seed differ only by that defect.
  SpecimenRandom base(seed);
  SpecimenRandom extra(seed ^ (0xA5A5A5A5ull * (static_cast<uint64_t>(defect) + 1)));
  const cv::Size frame = person.frame;
  double scale = person.scale * base.uniform(0.95, 1.05);
  double head_cx = frame.width * base.uniform(0.47, 0.53);
  // Standing far away: the head (crown to chin) covers 0.14-0.18 of the frame height, about a
  // third of a chest-up photo's (0.42-0.55 in the pass cases). Set in frame terms rather than as
  // a factor of the pass-case scale, because the cut-outs are framed differently (a factor of
  // 0.4-0.48 left the tightly framed FRLL faces at 0.16-0.21 of the height, a loose chest-up).
  if (defect == PortraitDefect::kSmallFace)
    scale = frame.height * extra.uniform(0.14, 0.18) / std::max(1, person.head.height);
  if (defect == PortraitDefect::kOffCentre) head_cx = frame.width * (0.5 + (extra.chance(0.5) ? 1 : -1) * extra.uniform(0.27, 0.33));

  std::vector<Placed> people;
  if (defect == PortraitDefect::kTwoFaces) {
    people.push_back(place(person, frame, scale * 0.62, frame.width * 0.29));
    people.push_back(place(person, frame, scale * 0.58, frame.width * 0.72));
  } else {
    people.push_back(place(person, frame, scale, head_cx));
  }
  const Staging staging{frame, people.front().head};

  cv::Mat wall;
  switch (defect) {
    case PortraitDefect::kOffWhite: wall = portrait::off_white_wall(frame, extra); break;
    case PortraitDefect::kBackdropCloth: wall = portrait::backdrop_cloth(frame, staging, true, extra); break;
    case PortraitDefect::kClothNoSlogan: wall = portrait::backdrop_cloth(frame, staging, false, extra); break;
    default: wall = portrait::white_wall(frame, base); break;
  }
  if (defect == PortraitDefect::kCornerLine) portrait::add_wall_corner(wall, staging, extra);
  if (defect == PortraitDefect::kDoorGap) portrait::add_door_gap(wall, staging, extra);
  if (defect == PortraitDefect::kClutter) portrait::add_clutter(wall, staging, extra);
  for (const Placed& p : people) portrait::add_person_shadow(wall, p.alpha, base);
  for (const Placed& p : people) composite(wall, p);

  // Mild sensor noise over everything, so the upscaled person and the wall look alike.
  cv::Mat noise(wall.size(), CV_16SC3);
  cv::RNG(base.next()).fill(noise, cv::RNG::NORMAL, 0, 1.5);
  cv::Mat noisy;
  wall.convertTo(noisy, CV_16SC3);
  noisy += noise;
  noisy.convertTo(wall, CV_8UC3);

  if (defect == PortraitDefect::kHeadCut) return cut_head(wall, staging.head, extra);
  return photometric(wall, defect, staging.head, extra);
}

}  // namespace beian::samples
