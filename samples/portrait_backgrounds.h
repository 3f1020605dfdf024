// Generated walls and backdrops for the portrait specimens (internal to beian_samples).
#pragma once

#include <cstdint>

#include <opencv2/core.hpp>

namespace beian::samples::portrait {

// A small deterministic generator (splitmix64): the same seed gives the same numbers on
// every platform, unlike the std distributions.
class SpecimenRandom {
 public:
  explicit SpecimenRandom(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
  uint64_t next();
  double uniform(double lo, double hi);   // [lo, hi)
  int below(int n);                       // [0, n)
  bool chance(double p);

 private:
  uint64_t state_;
};

// Where the person stands in the frame: the head box (crown to chin). Wall features are
// placed beside it, where they stay visible.
struct Staging {
  cv::Size frame;
  cv::Rect head;
};

// A clean white wall (L* 93-98, neutral) with a gentle light fall-off, plaster texture and
// sensor noise; 8-bit BGR.
cv::Mat white_wall(cv::Size frame, SpecimenRandom& rng);
// A wall that is not white: light grey, yellowish, beige or light blue.
cv::Mat off_white_wall(cv::Size frame, SpecimenRandom& rng);
// Adds a vertical wall corner beside the person (one side shaded) and sometimes the ceiling edge.
void add_wall_corner(cv::Mat& wall, const Staging& staging, SpecimenRandom& rng);
// Adds a door (panel, frame) with the dark gap along its edge beside the person.
void add_door_gap(cv::Mat& wall, const Staging& staging, SpecimenRandom& rng);
// Adds 3-6 objects (frames, posters, a shelf with books, a clock, a plant) on the wall beside
// and above the person.
void add_clutter(cv::Mat& wall, const Staging& staging, SpecimenRandom& rng);
// A backdrop cloth of colour kBackdropClothBgr with soft folds; with `slogan`, the Gansu
// slogan printed across the top above the head.
cv::Mat backdrop_cloth(cv::Size frame, const Staging& staging, bool slogan, SpecimenRandom& rng);
// Darkens the wall where the person's soft shadow falls (alpha = the person in the frame).
void add_person_shadow(cv::Mat& wall, const cv::Mat& alpha, SpecimenRandom& rng);

}  // namespace beian::samples::portrait
