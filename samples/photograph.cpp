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

// A table top: wood grain, a grey desk or a patterned cloth.
cv::Mat table_background(cv::Size size, Random& rng) {
  cv::Mat bg(size, CV_8UC3);
  const int kind = rng.below(3);
  // Texture is added later by blur_and_noise over the whole photo.
  if (kind == 0) {  // wood
    const cv::Vec3d base(rng.uniform(40, 70), rng.uniform(80, 110), rng.uniform(120, 160));
    const double freq = rng.uniform(0.02, 0.05), phase = rng.uniform(0, 6.28);
    for (int y = 0; y < size.height; ++y) {
      for (int x = 0; x < size.width; ++x) {
        const double grain = 0.85 + 0.15 * std::sin(y * freq + 3 * std::sin(x * 0.004 + phase) + phase);
        bg.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(base[0] * grain),
                                           cv::saturate_cast<uchar>(base[1] * grain),
                                           cv::saturate_cast<uchar>(base[2] * grain));
      }
    }
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

// Composites the document onto `canvas` through the homography to `corners`.
void place(cv::Mat& canvas, const cv::Mat& doc, const cv::Mat& mask, const std::vector<cv::Point2f>& corners,
           double shadow) {
  const std::vector<cv::Point2f> src = {{0, 0}, {static_cast<float>(doc.cols), 0},
                                        {static_cast<float>(doc.cols), static_cast<float>(doc.rows)},
                                        {0, static_cast<float>(doc.rows)}};
  const cv::Mat h = cv::getPerspectiveTransform(src, corners);
  cv::Mat warped, warped_mask;
  cv::warpPerspective(doc, warped, h, canvas.size(), cv::INTER_AREA, cv::BORDER_CONSTANT);
  cv::warpPerspective(mask, warped_mask, h, canvas.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  if (shadow > 0) {
    cv::Mat soft;
    const int k = (canvas.cols / 60) | 1;
    cv::GaussianBlur(warped_mask, soft, cv::Size(k, k), 0);
    cv::Mat shifted;
    const cv::Mat offset = (cv::Mat_<double>(2, 3) << 1, 0, k / 3, 0, 1, k / 2);
    cv::warpAffine(soft, shifted, offset, soft.size());
    cv::Mat canvas_f;
    canvas.convertTo(canvas_f, CV_32FC3);
    cv::Mat factor;
    shifted.convertTo(factor, CV_32F, -shadow / 255.0, 1.0);
    cv::cvtColor(factor, factor, cv::COLOR_GRAY2BGR);
    cv::multiply(canvas_f, factor, canvas_f);
    canvas_f.convertTo(canvas, CV_8UC3);
  }
  cv::Mat alpha;
  warped_mask.convertTo(alpha, CV_32F, 1.0 / 255);
  cv::cvtColor(alpha, alpha, cv::COLOR_GRAY2BGR);
  cv::Mat a, b;
  warped.convertTo(a, CV_32FC3);
  canvas.convertTo(b, CV_32FC3);
  cv::Mat out = a.mul(alpha) + b.mul(cv::Scalar::all(1.0) - alpha);
  out.convertTo(canvas, CV_8UC3);
}

void lighting_gradient(cv::Mat& image, Random& rng) {
  const double angle = rng.uniform(0, 2 * kPi), lo = rng.uniform(0.7, 0.9), hi = rng.uniform(1.0, 1.12);
  cv::Mat gain(image.size(), CV_32F);
  const double cx = image.cols / 2.0, cy = image.rows / 2.0, norm = std::hypot(cx, cy);
  for (int y = 0; y < image.rows; ++y) {
    for (int x = 0; x < image.cols; ++x) {
      const double t = ((x - cx) * std::cos(angle) + (y - cy) * std::sin(angle)) / norm;  // -1..1
      gain.at<float>(y, x) = static_cast<float>(lo + (hi - lo) * (t + 1) / 2);
    }
  }
  cv::Mat f;
  image.convertTo(f, CV_32FC3);
  cv::cvtColor(gain, gain, cv::COLOR_GRAY2BGR);
  cv::multiply(f, gain, f);
  f.convertTo(image, CV_8UC3);
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
  cv::Mat spot(image.size(), CV_32F, cv::Scalar(0));
  cv::ellipse(spot, c, cv::Size(static_cast<int>(width * rng.uniform(0.06, 0.14)), static_cast<int>(width * rng.uniform(0.04, 0.09))),
              rng.uniform(0, 180), 0, 360, cv::Scalar(1.0), cv::FILLED, cv::LINE_AA);
  const int k = static_cast<int>(width * 0.05) | 1;
  cv::GaussianBlur(spot, spot, cv::Size(k, k), 0);
  cv::Mat f;
  image.convertTo(f, CV_32FC3);
  cv::Mat add;
  cv::cvtColor(spot * rng.uniform(170, 240), add, cv::COLOR_GRAY2BGR);
  f += add;
  f.convertTo(image, CV_8UC3);
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
