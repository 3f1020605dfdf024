#include "samples/portrait_backgrounds.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "samples/portrait_specimen.h"

namespace beian::samples::portrait {

uint64_t SpecimenRandom::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double SpecimenRandom::uniform(double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53;
}

int SpecimenRandom::below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }

bool SpecimenRandom::chance(double p) { return uniform(0.0, 1.0) < p; }

namespace {

cv::Vec3f lab_to_bgr(double L, double a, double b) {
  cv::Mat lab(1, 1, CV_32FC3, cv::Scalar(L, a, b));
  cv::Mat bgr;
  cv::cvtColor(lab, bgr, cv::COLOR_Lab2BGR);
  return bgr.at<cv::Vec3f>(0, 0) * 255.0f;
}

// A smooth random field in [-1, 1] (low-resolution noise upsampled), for texture and folds.
cv::Mat smooth_noise(cv::Size size, int cells, SpecimenRandom& rng) {
  cv::Mat small(std::max(2, size.height / cells), std::max(2, size.width / cells), CV_32F);
  cv::RNG cvrng(rng.next());
  cvrng.fill(small, cv::RNG::UNIFORM, -1.0, 1.0);
  cv::Mat field;
  cv::resize(small, field, size, 0, 0, cv::INTER_CUBIC);
  return field;
}

// A flat wall of Lab colour (L, a, b) lit unevenly, with plaster texture and sensor noise.
cv::Mat flat_wall(cv::Size frame, double L, double a, double b, SpecimenRandom& rng) {
  const cv::Vec3f colour = lab_to_bgr(L, a, b);
  const double gx = rng.uniform(-0.04, 0.04), gy = rng.uniform(-0.04, 0.03), vignette = rng.uniform(0.0, 0.05);
  // The light field is smooth: computed on a coarse grid, then interpolated.
  const cv::Size coarse(std::max(2, frame.width / 8), std::max(2, frame.height / 8));
  cv::Mat light(coarse, CV_32F);
  for (int y = 0; y < coarse.height; ++y) {
    float* row = light.ptr<float>(y);
    const double v = static_cast<double>(y) / coarse.height - 0.5;
    for (int x = 0; x < coarse.width; ++x) {
      const double u = static_cast<double>(x) / coarse.width - 0.5;
      row[x] = static_cast<float>(1.0 + gx * u + gy * v - vignette * (u * u + v * v));
    }
  }
  light += smooth_noise(coarse, 6, rng) * 0.006f;
  cv::resize(light, light, frame, 0, 0, cv::INTER_LINEAR);
  std::vector<cv::Mat> channels{light * colour[0], light * colour[1], light * colour[2]};
  cv::Mat wall;
  cv::merge(channels, wall);
  cv::Mat noise(frame, CV_32FC3);
  cv::RNG cvrng(rng.next());
  cvrng.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
  wall += noise;
  cv::Mat out;
  wall.convertTo(out, CV_8UC3);
  return out;
}

// Multiplies the pixels of `wall` selected by `mask` by `factor`.
void shade(cv::Mat& wall, const cv::Mat& mask, double factor) {
  cv::Mat shaded;
  wall.convertTo(shaded, -1, factor);
  shaded.copyTo(wall, mask);
}

// Which side of the head has more wall visible, and the free width there.
bool left_side_is_wider(const Staging& s) { return s.head.x > s.frame.width - s.head.br().x; }

// A position x in the wall beside the head, on the wider side, `inset` of the way from the
// frame edge to the head.
int beside_head_x(const Staging& s, double inset) {
  if (left_side_is_wider(s)) return static_cast<int>(s.head.x * inset);
  const int right = s.head.br().x;
  return static_cast<int>(s.frame.width - (s.frame.width - right) * inset);
}

cv::Scalar bgr(const cv::Vec3f& v) { return cv::Scalar(v[0], v[1], v[2]); }

cv::Scalar random_colour(SpecimenRandom& rng) {
  return bgr(lab_to_bgr(rng.uniform(25, 80), rng.uniform(-50, 60), rng.uniform(-50, 60)));
}

void draw_picture_frame(cv::Mat& wall, cv::Rect r, SpecimenRandom& rng) {
  const int border = std::max(4, r.width / 14);
  cv::rectangle(wall, r, bgr(lab_to_bgr(rng.uniform(15, 45), rng.uniform(0, 15), rng.uniform(5, 35))), cv::FILLED);
  const cv::Rect inner(r.x + border, r.y + border, r.width - 2 * border, r.height - 2 * border);
  cv::rectangle(wall, inner, random_colour(rng), cv::FILLED);
  for (int i = 0; i < 4; ++i) {  // a "painting": a few overlapping shapes
    const cv::Point c(inner.x + rng.below(std::max(1, inner.width)), inner.y + rng.below(std::max(1, inner.height)));
    cv::circle(wall, c, std::max(3, inner.width / (3 + rng.below(3))), random_colour(rng), cv::FILLED, cv::LINE_AA);
  }
  cv::rectangle(wall, r, cv::Scalar(30, 30, 30), 2);
}

void draw_poster(cv::Mat& wall, cv::Rect r, SpecimenRandom& rng) {
  cv::rectangle(wall, r, random_colour(rng), cv::FILLED);
  const int lines = 4 + rng.below(5);
  for (int i = 0; i < lines; ++i) {  // lines of "text"
    const int y = r.y + r.height * (i + 1) / (lines + 2);
    const int len = static_cast<int>(r.width * rng.uniform(0.4, 0.85));
    cv::rectangle(wall, cv::Rect(r.x + r.width / 10, y, len, std::max(2, r.height / 30)), cv::Scalar(20, 20, 20), cv::FILLED);
  }
}

void draw_shelf(cv::Mat& wall, cv::Rect r, SpecimenRandom& rng) {
  const int board = std::max(8, r.height / 8);
  cv::rectangle(wall, cv::Rect(r.x, r.br().y - board, r.width, board), cv::Scalar(40, 75, 120), cv::FILLED);
  for (int x = r.x + 4; x < r.br().x - 10;) {
    const int w = 8 + rng.below(std::max(1, r.width / 12));
    const int h = static_cast<int>((r.height - board) * rng.uniform(0.55, 1.0));
    cv::rectangle(wall, cv::Rect(x, r.br().y - board - h, w, h), random_colour(rng), cv::FILLED);
    x += w + 1 + rng.below(3);
  }
}

void draw_clock(cv::Mat& wall, cv::Rect r, SpecimenRandom& rng) {
  const cv::Point c = (r.tl() + r.br()) / 2;
  const int radius = std::min(r.width, r.height) / 2;
  cv::circle(wall, c, radius, cv::Scalar(35, 35, 35), cv::FILLED, cv::LINE_AA);
  cv::circle(wall, c, radius * 9 / 10, cv::Scalar(235, 238, 240), cv::FILLED, cv::LINE_AA);
  for (int h = 0; h < 12; ++h) {
    const double t = h * CV_PI / 6;
    cv::line(wall, c + cv::Point(static_cast<int>(0.75 * radius * std::cos(t)), static_cast<int>(0.75 * radius * std::sin(t))),
             c + cv::Point(static_cast<int>(0.85 * radius * std::cos(t)), static_cast<int>(0.85 * radius * std::sin(t))),
             cv::Scalar(20, 20, 20), std::max(2, radius / 20), cv::LINE_AA);
  }
  for (double len : {0.5, 0.75}) {
    const double t = rng.uniform(0, 2 * CV_PI);
    cv::line(wall, c, c + cv::Point(static_cast<int>(len * radius * std::cos(t)), static_cast<int>(len * radius * std::sin(t))),
             cv::Scalar(20, 20, 20), std::max(2, radius / 16), cv::LINE_AA);
  }
}

void draw_plant(cv::Mat& wall, cv::Rect r, SpecimenRandom& rng) {
  const cv::Rect pot(r.x + r.width / 4, r.y + r.height * 2 / 3, r.width / 2, r.height / 3);
  cv::rectangle(wall, pot, cv::Scalar(50, 80, 160), cv::FILLED);
  for (int i = 0; i < 14; ++i) {
    const cv::Point c(r.x + r.width / 6 + rng.below(std::max(1, r.width * 2 / 3)), r.y + rng.below(std::max(1, r.height * 2 / 3)));
    cv::ellipse(wall, c, cv::Size(std::max(3, r.width / 7), std::max(2, r.width / 14)), rng.uniform(0, 180), 0, 360,
                bgr(lab_to_bgr(rng.uniform(30, 55), rng.uniform(-45, -20), rng.uniform(20, 45))), cv::FILLED, cv::LINE_AA);
  }
}

}  // namespace

cv::Mat white_wall(cv::Size frame, SpecimenRandom& rng) {
  return flat_wall(frame, rng.uniform(93.0, 98.0), rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 2.0), rng);
}

cv::Mat off_white_wall(cv::Size frame, SpecimenRandom& rng) {
  switch (rng.below(4)) {
    case 0: return flat_wall(frame, rng.uniform(72.0, 82.0), rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 2.0), rng);  // grey
    case 1: return flat_wall(frame, rng.uniform(86.0, 92.0), rng.uniform(-2.0, 3.0), rng.uniform(15.0, 24.0), rng);  // yellowish
    case 2: return flat_wall(frame, rng.uniform(82.0, 88.0), rng.uniform(5.0, 9.0), rng.uniform(12.0, 18.0), rng);   // beige
    default: return flat_wall(frame, rng.uniform(84.0, 90.0), rng.uniform(-6.0, -2.0), rng.uniform(-18.0, -11.0), rng);  // light blue
  }
}

void add_wall_corner(cv::Mat& wall, const Staging& s, SpecimenRandom& rng) {
  const bool left = left_side_is_wider(s);
  const int x0 = beside_head_x(s, rng.uniform(0.3, 0.7));
  const double tilt = std::tan(rng.uniform(-1.5, 1.5) * CV_PI / 180.0);
  const int x_top = x0 + static_cast<int>(tilt * (-s.frame.height / 2)), x_bottom = x0 + static_cast<int>(tilt * s.frame.height / 2);
  const int far = left ? 0 : s.frame.width;
  cv::Mat mask = cv::Mat::zeros(s.frame, CV_8U);
  std::vector<cv::Point> far_wall{{x_top, 0}, {far, 0}, {far, s.frame.height}, {x_bottom, s.frame.height}};
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{far_wall}, 255);
  shade(wall, mask, rng.uniform(0.80, 0.90));
  // Ambient occlusion: the corner itself is darker over a few centimetres.
  cv::Mat occlusion = cv::Mat::zeros(s.frame, CV_8U);
  cv::line(occlusion, {x_top, 0}, {x_bottom, s.frame.height}, 255, std::max(6, s.frame.width / 60));
  cv::GaussianBlur(occlusion, occlusion, cv::Size(0, 0), s.frame.width / 150.0);
  cv::Mat occ_f, wall_f;
  occlusion.convertTo(occ_f, CV_32F, 0.10 / 255.0);
  cv::Mat keep = 1.0 - occ_f;
  cv::cvtColor(keep, keep, cv::COLOR_GRAY2BGR);
  wall.convertTo(wall_f, CV_32FC3);
  cv::multiply(wall_f, keep, wall_f);
  wall_f.convertTo(wall, CV_8UC3);
  if (rng.chance(0.4) && s.head.y > s.frame.height / 8) {  // the ceiling edge above the head
    const int yc = static_cast<int>(s.head.y * rng.uniform(0.25, 0.6));
    cv::Mat ceiling = cv::Mat::zeros(s.frame, CV_8U);
    cv::rectangle(ceiling, cv::Rect(0, 0, s.frame.width, yc), 255, cv::FILLED);
    shade(wall, ceiling, rng.uniform(0.85, 0.93));
  }
}

void add_door_gap(cv::Mat& wall, const Staging& s, SpecimenRandom& rng) {
  const bool left = left_side_is_wider(s);
  const int gap_x = beside_head_x(s, rng.uniform(0.35, 0.75));
  const int door_w = static_cast<int>(s.frame.width * rng.uniform(0.3, 0.4));
  const int top = static_cast<int>(s.frame.height * rng.uniform(0.02, 0.12));
  const int frame_w = std::max(10, s.frame.width / 45);
  const bool wooden = rng.chance(0.5);
  const cv::Vec3f panel = wooden ? lab_to_bgr(rng.uniform(40, 55), rng.uniform(8, 16), rng.uniform(22, 34))
                                 : lab_to_bgr(rng.uniform(82, 90), rng.uniform(-1, 1), rng.uniform(0, 4));
  const cv::Vec3f trim = wooden ? panel * 0.8f : lab_to_bgr(rng.uniform(88, 94), 0, rng.uniform(0, 3));
  // The door opens away from the person: its latch edge (and gap) faces the frame edge.
  const int door_x = left ? gap_x : gap_x - door_w;
  const cv::Rect door(door_x, top, door_w, s.frame.height - top);
  const cv::Rect outer(door.x - frame_w, door.y - frame_w, door.width + 2 * frame_w, door.height + frame_w);
  cv::rectangle(wall, outer, bgr(trim), cv::FILLED);
  cv::rectangle(wall, door, bgr(panel), cv::FILLED);
  if (wooden) {  // vertical grain
    cv::Mat grain = smooth_noise(cv::Size(std::max(2, door.width / 3), 8), 1, rng);
    cv::resize(grain, grain, door.size(), 0, 0, cv::INTER_CUBIC);
    cv::Mat roi = wall(door & cv::Rect(0, 0, s.frame.width, s.frame.height)), roi_f;
    roi.convertTo(roi_f, CV_32FC3);
    cv::Mat g3;
    cv::cvtColor(grain(cv::Rect(0, 0, roi.cols, roi.rows)) * 0.06f + 1.0f, g3, cv::COLOR_GRAY2BGR);
    cv::multiply(roi_f, g3, roi_f);
    roi_f.convertTo(roi, CV_8UC3);
  }
  const int gap = std::max(3, s.frame.width / 260 + rng.below(3));
  const cv::Scalar dark = bgr(lab_to_bgr(rng.uniform(12, 28), 0, 2));
  const int latch_x = left ? door.x : door.br().x - gap;
  cv::rectangle(wall, cv::Rect(latch_x, door.y, gap, door.height), dark, cv::FILLED);
  cv::rectangle(wall, cv::Rect(door.x, door.y, door.width, gap), dark, cv::FILLED);
  const int handle_x = left ? door.x + door.width / 12 : door.br().x - door.width / 12 - door.width / 10;
  cv::rectangle(wall, cv::Rect(handle_x, s.frame.height * 11 / 20, door.width / 10, std::max(6, door.width / 30)),
                cv::Scalar(150, 150, 160), cv::FILLED);
}

void add_clutter(cv::Mat& wall, const Staging& s, SpecimenRandom& rng) {
  const int n = 3 + rng.below(4);
  for (int i = 0; i < n; ++i) {
    const int w = static_cast<int>(s.frame.width * rng.uniform(0.1, 0.2));
    const int h = static_cast<int>(w * rng.uniform(0.7, 1.4));
    // Alternate sides so both are busy; the first object always goes on the wider side.
    const bool left = (i % 2 == 0) == left_side_is_wider(s);
    const int lo = left ? -w / 3 : s.head.br().x - w / 4;
    const int hi = left ? std::max(lo + 1, s.head.x - w * 3 / 4) : std::max(lo + 1, s.frame.width - w * 2 / 3);
    const int x = lo + rng.below(hi - lo);
    const int y = static_cast<int>(s.frame.height * rng.uniform(0.02, 0.4));
    const cv::Rect r(x, y, w, h);
    switch (rng.below(5)) {
      case 0: draw_picture_frame(wall, r, rng); break;
      case 1: draw_poster(wall, r, rng); break;
      case 2: draw_shelf(wall, r, rng); break;
      case 3: draw_clock(wall, r, rng); break;
      default: draw_plant(wall, r, rng); break;
    }
  }
}

cv::Mat backdrop_cloth(cv::Size frame, const Staging& s, bool slogan, SpecimenRandom& rng) {
  cv::Mat lab_probe(1, 1, CV_8UC3, kBackdropClothBgr), lab;
  cv::cvtColor(lab_probe, lab, cv::COLOR_BGR2Lab);
  const cv::Vec3b l8 = lab.at<cv::Vec3b>(0, 0);
  cv::Mat cloth = flat_wall(frame, l8[0] * 100.0 / 255.0, l8[1] - 128.0, l8[2] - 128.0, rng);
  // Soft folds hanging down from the top edge.
  cv::Mat folds = smooth_noise(cv::Size(frame.width, 4), frame.width / 12, rng);
  cv::resize(folds, folds, frame, 0, 0, cv::INTER_CUBIC);
  cv::Mat f3, cloth_f;
  cv::cvtColor(folds * 0.035f + 1.0f, f3, cv::COLOR_GRAY2BGR);
  cloth.convertTo(cloth_f, CV_32FC3);
  cv::multiply(cloth_f, f3, cloth_f);
  cloth_f.convertTo(cloth, CV_8UC3);
  if (slogan) {
    auto ft = cv::freetype::createFreeType2();
    ft->loadFontData("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0);
    const std::string text(kGansuSlogan);
    int height = std::max(16, s.head.y / 3);
    int baseline = 0;
    cv::Size size = ft->getTextSize(text, height, -1, &baseline);
    if (size.width > frame.width * 0.9) {
      height = static_cast<int>(height * frame.width * 0.9 / size.width);
      size = ft->getTextSize(text, height, -1, &baseline);
    }
    const cv::Point origin((frame.width - size.width) / 2, std::max(size.height + 4, s.head.y / 2 + size.height / 2));
    ft->putText(cloth, text, origin, height, cv::Scalar(40, 40, 175), -1, cv::LINE_AA, true);
  }
  return cloth;
}

void add_person_shadow(cv::Mat& wall, const cv::Mat& alpha, SpecimenRandom& rng) {
  // Computed at a quarter of the resolution: the shadow is soft, and full-size blurs are slow.
  const double dx = wall.cols * rng.uniform(-0.02, 0.02), dy = wall.rows * rng.uniform(0.0, 0.01);
  cv::Mat small;
  cv::resize(alpha, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, dx / 4, 0, 1, dy / 4);
  cv::warpAffine(small, small, shift, small.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::GaussianBlur(small, small, cv::Size(0, 0), small.cols * 0.02);
  cv::Mat shadow;
  cv::resize(small, shadow, wall.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat keep, wall_f;
  shadow.convertTo(keep, CV_32F, -rng.uniform(0.03, 0.07) / 255.0, 1.0);
  cv::cvtColor(keep, keep, cv::COLOR_GRAY2BGR);
  wall.convertTo(wall_f, CV_32FC3);
  cv::multiply(wall_f, keep, wall_f);
  wall_f.convertTo(wall, CV_8UC3);
}

}  // namespace beian::samples::portrait
