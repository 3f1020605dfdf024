#include "samples/photograph.h"

#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace beian::samples {
namespace {

constexpr double kPi = 3.14159265358979323846;

// A mask of the document's outline (255 inside), with rounded corners for cards.
cv::Mat outline_mask(cv::Size size, bool rounded) {
  cv::Mat mask(size, CV_8UC1, cv::Scalar(255));
  if (!rounded) return mask;
  const int r = static_cast<int>(size.width * 0.037);  // 3.18 mm on an ID-1 card
  mask.setTo(0);
  cv::rectangle(mask, cv::Rect(r, 0, size.width - 2 * r, size.height), 255, cv::FILLED);
  cv::rectangle(mask, cv::Rect(0, r, size.width, size.height - 2 * r), 255, cv::FILLED);
  for (cv::Point c : {cv::Point(r, r), cv::Point(size.width - r - 1, r), cv::Point(r, size.height - r - 1),
                      cv::Point(size.width - r - 1, size.height - r - 1)}) {
    cv::circle(mask, c, r, 255, cv::FILLED, cv::LINE_AA);
  }
  return mask;
}

// A smooth field computed on a coarse grid and enlarged (wood grain, light fall-off vary
// slowly, so 1/8 resolution is indistinguishable and 64x cheaper).
template <typename F>
cv::Mat smooth_field(cv::Size size, F value) {
  const cv::Size small(std::max(2, size.width / 8), std::max(2, size.height / 8));
  cv::Mat field(small, CV_32F);
  for (int y = 0; y < small.height; ++y) {
    for (int x = 0; x < small.width; ++x) field.at<float>(y, x) = static_cast<float>(value(x * 8.0, y * 8.0));
  }
  cv::resize(field, field, size, 0, 0, cv::INTER_LINEAR);
  return field;
}

// Multiplies an 8-bit BGR image by a one-channel float gain field.
void apply_gain(cv::Mat& image, const cv::Mat& gain) {
  cv::Mat gain3;
  cv::merge(std::vector<cv::Mat>{gain, gain, gain}, gain3);
  cv::multiply(image, gain3, image, 1.0, CV_8UC3);
}

// A table top: wood grain, a grey desk or a patterned cloth.
cv::Mat table_background(cv::Size size, Random& rng) {
  cv::Mat bg(size, CV_8UC3);
  const int kind = rng.below(3);
  // Texture is added later by blur_and_noise over the whole photo.
  if (kind == 0) {  // wood
    bg.setTo(cv::Scalar(rng.uniform(40, 70), rng.uniform(80, 110), rng.uniform(120, 160)));
    const double freq = rng.uniform(0.02, 0.05), phase = rng.uniform(0, 6.28);
    apply_gain(bg, smooth_field(size, [&](double x, double y) {
                 return 0.85 + 0.15 * std::sin(y * freq + 3 * std::sin(x * 0.004 + phase) + phase);
               }));
  } else if (kind == 1) {  // grey or dark desk
    const double v = rng.uniform(60, 170);
    bg.setTo(cv::Scalar(v + rng.uniform(-8, 8), v, v + rng.uniform(-8, 8)));
  } else {  // checked cloth
    const cv::Scalar a(rng.uniform(90, 200), rng.uniform(90, 200), rng.uniform(90, 200));
    const cv::Scalar b = a * 0.7;
    bg.setTo(a);
    const int cell = 20 + rng.below(40);
    for (int y = 0; y < size.height; y += cell * 2) cv::rectangle(bg, cv::Rect(0, y, size.width, cell), b, cv::FILLED);
    cv::Mat stripes = bg.clone();
    for (int x = 0; x < size.width; x += cell * 2) cv::rectangle(stripes, cv::Rect(x, 0, cell, size.height), b, cv::FILLED);
    cv::addWeighted(bg, 0.6, stripes, 0.4, 0, bg);
  }
  return bg;
}

// Projects the document's corners as seen by a camera tilted by yaw/pitch and rolled, and
// fits them to `target_width` centred at `centre`.
std::vector<cv::Point2f> tilted_corners(cv::Size doc, double yaw_deg, double pitch_deg, double roll_deg,
                                        double target_width, cv::Point2f centre) {
  const double yaw = yaw_deg * kPi / 180, pitch = pitch_deg * kPi / 180, roll = roll_deg * kPi / 180;
  const double w = doc.width, h = doc.height, f = 2.5 * w;
  std::vector<cv::Point2f> out;
  for (cv::Point2d c : {cv::Point2d(-w / 2, -h / 2), cv::Point2d(w / 2, -h / 2), cv::Point2d(w / 2, h / 2),
                        cv::Point2d(-w / 2, h / 2)}) {
    // Rotate about y (yaw), then x (pitch), then z (roll); view from distance f.
    double x = c.x * std::cos(yaw), y = c.y, z = -c.x * std::sin(yaw);
    const double y2 = y * std::cos(pitch) - z * std::sin(pitch), z2 = y * std::sin(pitch) + z * std::cos(pitch);
    const double x3 = x * std::cos(roll) - y2 * std::sin(roll), y3 = x * std::sin(roll) + y2 * std::cos(roll);
    const double s = f / (f + z2);
    out.emplace_back(static_cast<float>(x3 * s), static_cast<float>(y3 * s));
  }
  float minx = 1e9f, maxx = -1e9f;
  for (const auto& p : out) {
    minx = std::min(minx, p.x);
    maxx = std::max(maxx, p.x);
  }
  const float k = static_cast<float>(target_width / (maxx - minx));
  for (auto& p : out) p = centre + p * k;
  return out;
}

// Composites the document onto `canvas` through the homography to `corners`, working only
// in the corners' bounding box (plus room for the shadow). The document is first reduced
// close to its size on the canvas, so the warp does not alias.
void place(cv::Mat& canvas, const cv::Mat& doc_in, const cv::Mat& mask_in, std::vector<cv::Point2f> corners,
           double shadow) {
  const double on_canvas = std::max(cv::norm(corners[1] - corners[0]), cv::norm(corners[2] - corners[3]));
  cv::Mat doc = doc_in, mask = mask_in;
  if (on_canvas < doc.cols * 0.8) {
    const double f = on_canvas / doc.cols * 1.1;
    cv::resize(doc_in, doc, cv::Size(), f, f, cv::INTER_AREA);
    cv::resize(mask_in, mask, doc.size(), 0, 0, cv::INTER_AREA);
  }
  const int pad = shadow > 0 ? canvas.cols / 30 : 2;
  const cv::Rect roi = (cv::boundingRect(corners) + cv::Size(2 * pad, 2 * pad) - cv::Point(pad, pad)) &
                       cv::Rect(0, 0, canvas.cols, canvas.rows);
  for (auto& c : corners) c -= cv::Point2f(static_cast<float>(roi.x), static_cast<float>(roi.y));
  const std::vector<cv::Point2f> src = {{0, 0}, {static_cast<float>(doc.cols), 0},
                                        {static_cast<float>(doc.cols), static_cast<float>(doc.rows)},
                                        {0, static_cast<float>(doc.rows)}};
  const cv::Mat h = cv::getPerspectiveTransform(src, corners);
  cv::Mat warped, warped_mask;
  cv::warpPerspective(doc, warped, h, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  cv::warpPerspective(mask, warped_mask, h, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  cv::Mat area = canvas(roi);
  if (shadow > 0) {
    // A soft shadow offset down-right: the blurred outline darkens the table.
    cv::Mat soft;
    cv::resize(warped_mask, soft, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
    cv::GaussianBlur(soft, soft, cv::Size(0, 0), pad / 12.0 + 1);
    cv::resize(soft, soft, warped_mask.size(), 0, 0, cv::INTER_LINEAR);
    const cv::Mat offset = (cv::Mat_<double>(2, 3) << 1, 0, pad / 3, 0, 1, pad / 2);
    cv::warpAffine(soft, soft, offset, soft.size());
    cv::Mat gain;
    soft.convertTo(gain, CV_32F, -shadow / 255.0, 1.0);
    apply_gain(area, gain);
  }
  cv::Mat alpha, inverse;
  warped_mask.convertTo(alpha, CV_32F, 1.0 / 255);
  inverse = 1.0f - alpha;
  cv::blendLinear(warped, area, alpha, inverse, area);
}

void lighting_gradient(cv::Mat& image, Random& rng) {
  const double angle = rng.uniform(0, 2 * kPi), lo = rng.uniform(0.7, 0.9), hi = rng.uniform(1.0, 1.12);
  const double cx = image.cols / 2.0, cy = image.rows / 2.0, norm = std::hypot(cx, cy);
  apply_gain(image, smooth_field(image.size(), [&](double x, double y) {
               const double t = ((x - cx) * std::cos(angle) + (y - cy) * std::sin(angle)) / norm;  // -1..1
               return lo + (hi - lo) * (t + 1) / 2;
             }));
}

// Gaussian blur then sensor noise, the noise drawn from `rng` so shots are reproducible.
void blur_and_noise(cv::Mat& image, double sigma_blur, double sigma_noise, Random& rng) {
  if (sigma_blur > 0) cv::GaussianBlur(image, image, cv::Size(0, 0), sigma_blur);
  cv::Mat noise(image.size(), CV_16SC3);
  cv::RNG noise_rng(rng.next());
  noise_rng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(sigma_noise));
  cv::Mat f;
  image.convertTo(f, CV_16SC3);
  f += noise;
  f.convertTo(image, CV_8UC3);
}

// A bright elliptical reflection somewhere on the document.
void glare(cv::Mat& image, const std::vector<cv::Point2f>& corners, Random& rng) {
  const double t = rng.uniform(0.2, 0.8), u = rng.uniform(0.2, 0.8);
  const cv::Point2f top = corners[0] + (corners[1] - corners[0]) * static_cast<float>(t);
  const cv::Point2f bottom = corners[3] + (corners[2] - corners[3]) * static_cast<float>(t);
  const cv::Point2f c = top + (bottom - top) * static_cast<float>(u);
  const double width = cv::norm(corners[1] - corners[0]);
  const cv::Size axes(static_cast<int>(width * rng.uniform(0.06, 0.14)), static_cast<int>(width * rng.uniform(0.04, 0.09)));
  const int reach = std::max(axes.width, axes.height) * 2;
  const cv::Rect roi = cv::Rect(static_cast<int>(c.x) - reach, static_cast<int>(c.y) - reach, 2 * reach, 2 * reach) &
                       cv::Rect(0, 0, image.cols, image.rows);
  if (roi.empty()) return;
  cv::Mat spot(roi.size(), CV_8UC1, cv::Scalar(0));
  const double strength = rng.uniform(170, 240);
  cv::ellipse(spot, c - cv::Point2f(static_cast<float>(roi.x), static_cast<float>(roi.y)), axes, rng.uniform(0, 180), 0,
              360, cv::Scalar(strength), cv::FILLED, cv::LINE_AA);
  cv::GaussianBlur(spot, spot, cv::Size(0, 0), width * 0.012 + 1);
  cv::Mat spot3;
  cv::merge(std::vector<cv::Mat>{spot, spot, spot}, spot3);
  cv::Mat area = image(roi);
  cv::add(area, spot3, area);
}

}  // namespace

std::string_view to_string(Level level) {
  switch (level) {
    case Level::kClean: return "clean";
    case Level::kPhoto: return "photo";
    case Level::kHard: return "hard";
  }
  return "clean";
}

std::optional<Level> parse_level(std::string_view id) {
  for (Level l : all_levels()) {
    if (to_string(l) == id) return l;
  }
  return std::nullopt;
}

const std::vector<Level>& all_levels() {
  static const std::vector<Level> levels = {Level::kClean, Level::kPhoto, Level::kHard};
  return levels;
}

Shot photograph(const cv::Mat& document, double physical_width_mm, bool rounded, Level level, Random& rng) {
  Shot shot;
  const cv::Mat mask = outline_mask(document.size(), rounded);
  if (level == Level::kClean) {
    // A scan on a white bed, small margin and skew.
    // Cards at ~300 dpi, A4 pages at ~200 dpi (what upload scanners default to).
    const double dpi = physical_width_mm < 150 ? rng.uniform(280, 310) : rng.uniform(190, 215);
    const double width = physical_width_mm / 25.4 * dpi;
    const double margin = width * rng.uniform(0.04, 0.08);
    const double aspect = static_cast<double>(document.rows) / document.cols;
    cv::Mat canvas(cv::Size(static_cast<int>(width + 2 * margin), static_cast<int>(width * aspect + 2 * margin)),
                   CV_8UC3, cv::Scalar::all(rng.uniform(242, 252)));
    const cv::Point2f centre(canvas.cols / 2.0f, canvas.rows / 2.0f);
    place(canvas, document, mask, tilted_corners(document.size(), 0, 0, rng.uniform(-1, 1), width, centre), 0);
    blur_and_noise(canvas, 0.0, 1.5, rng);
    shot.image = canvas;
    shot.jpeg_quality = 90 + rng.below(6);
    return shot;
  }
  const bool hard = level == Level::kHard;
  const bool a4 = physical_width_mm > 150;
  const cv::Size canvas_size = a4 ? cv::Size(2400, 1800) : cv::Size(1600, 1200);
  cv::Mat canvas = table_background(canvas_size, rng);
  const double fill = rng.uniform(0.55, hard ? 0.75 : 0.82);
  const double max_tilt = hard ? 18 : 15;
  const cv::Point2f centre(static_cast<float>(canvas.cols * rng.uniform(0.45, 0.55)),
                           static_cast<float>(canvas.rows * rng.uniform(0.45, 0.55)));
  const auto corners = tilted_corners(document.size(), rng.uniform(-max_tilt, max_tilt), rng.uniform(-max_tilt, max_tilt),
                                      rng.uniform(-8, 8), canvas.cols * fill, centre);
  place(canvas, document, mask, corners, rng.uniform(0.2, 0.45));
  lighting_gradient(canvas, rng);
  if (hard) glare(canvas, corners, rng);
  const double blur = rng.uniform(0.5, hard ? 1.6 : 1.2);
  blur_and_noise(canvas, blur, rng.uniform(2, hard ? 7 : 5), rng);
  if (hard) {
    // Low resolution: the whole photo shrunk to 800-1100 px wide.
    const double target = rng.uniform(800, 1100);
    cv::resize(canvas, canvas, cv::Size(), target / canvas.cols, target / canvas.cols, cv::INTER_AREA);
    shot.quarter_turns = 1 + rng.below(3);
    static const cv::RotateFlags kTurns[] = {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_180, cv::ROTATE_90_COUNTERCLOCKWISE};
    cv::rotate(canvas, canvas, kTurns[shot.quarter_turns - 1]);
    shot.jpeg_quality = 55 + rng.below(26);
  } else {
    shot.jpeg_quality = 70 + rng.below(21);
  }
  shot.image = canvas;
  return shot;
}

std::vector<unsigned char> encode_jpeg(const Shot& shot) {
  std::vector<unsigned char> bytes;
  cv::imencode(".jpg", shot.image, bytes, {cv::IMWRITE_JPEG_QUALITY, shot.jpeg_quality});
  return bytes;
}

}  // namespace beian::samples
