#include "samples/document_painter.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace beian::samples {
namespace {

cv::Rect scaled(const cv::Rect& r, double s) {
  return {static_cast<int>(std::lround(r.x * s)), static_cast<int>(std::lround(r.y * s)),
          static_cast<int>(std::lround(r.width * s)), static_cast<int>(std::lround(r.height * s))};
}

const std::string* find_value(const DocumentContent& c, const std::string& key) {
  for (const auto& [k, v] : c.values) {
    if (k == key) return &v;
  }
  return nullptr;
}

bool has_colour(const ocr::DocumentLayout& layout, std::string_view name) {
  for (const auto& [n, c] : layout.colors) {
    if (n == name) return true;
  }
  return false;
}

// Paper or card stock with a faint guilloche (security pattern) of interleaved sine waves.
cv::Mat background(const ocr::DocumentLayout& layout, cv::Size size, double s, Random& rng) {
  cv::Mat image(size, CV_8UC3, has_colour(layout, "background") ? layout.color("background") : cv::Scalar(250, 250, 250));
  if (has_colour(layout, "pattern")) {
    const cv::Scalar pattern = layout.color("pattern");
    const double phase = rng.uniform(0, 6.28);
    const int step = std::max(6, static_cast<int>(14 * s));
    for (int k = -size.height; k < size.height * 2; k += step) {
      std::vector<cv::Point> wave;
      for (int x = 0; x <= size.width; x += 4) {
        wave.emplace_back(x, static_cast<int>(k + 18 * s * std::sin(x / (60.0 * s) + phase + k * 0.01)));
      }
      cv::polylines(image, wave, false, pattern, 1, cv::LINE_AA);
    }
  }
  if (auto frame = layout.area("frame")) {
    const cv::Rect f = scaled(*frame, s);
    const cv::Scalar c = layout.color("frame");
    cv::rectangle(image, f, c, std::max(2, static_cast<int>(4 * s)), cv::LINE_AA);
    const int inset = static_cast<int>(12 * s);
    cv::rectangle(image, cv::Rect(f.x + inset, f.y + inset, f.width - 2 * inset, f.height - 2 * inset), c,
                  std::max(1, static_cast<int>(1.5 * s)), cv::LINE_AA);
  }
  return image;
}

// Pastes `picture` into `box` (scaled to fill it); BGRA pictures are alpha-blended.
void paste(cv::Mat& image, const cv::Mat& picture, const cv::Rect& box) {
  const cv::Rect r = box & cv::Rect(0, 0, image.cols, image.rows);
  if (r.empty() || picture.empty()) return;
  cv::Mat resized;
  cv::resize(picture, resized, r.size(), 0, 0, picture.channels() == 1 ? cv::INTER_NEAREST : cv::INTER_AREA);
  cv::Mat roi = image(r);
  if (resized.channels() == 1) cv::cvtColor(resized, resized, cv::COLOR_GRAY2BGR);
  if (resized.channels() == 3) {
    resized.copyTo(roi);
    return;
  }
  for (int y = 0; y < roi.rows; ++y) {
    for (int x = 0; x < roi.cols; ++x) {
      const cv::Vec4b p = resized.at<cv::Vec4b>(y, x);
      const double a = p[3] / 255.0;
      cv::Vec3b& q = roi.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) q[c] = cv::saturate_cast<uchar>(p[c] * a + q[c] * (1 - a));
    }
  }
}

// A plain stand-in for an emblem or a seal: a ring with 样本 in it (no real artwork).
void placeholder_seal(cv::Mat& image, const cv::Rect& box, const cv::Scalar& colour, TextPainter& painter) {
  const cv::Point centre(box.x + box.width / 2, box.y + box.height / 2);
  const int radius = std::min(box.width, box.height) / 2 - 2;
  cv::Mat overlay = image.clone();
  cv::circle(overlay, centre, radius, colour, std::max(2, radius / 14), cv::LINE_AA);
  cv::circle(overlay, centre, radius * 78 / 100, colour, std::max(1, radius / 40), cv::LINE_AA);
  TextStyle style{"zh", radius * 0.55, colour, true, 0, "center"};
  painter.draw_line(overlay, "样本", cv::Rect(box.x, centre.y - radius / 2, box.width, radius), style);
  cv::addWeighted(overlay, 0.85, image, 0.15, 0, image);
}

}  // namespace

cv::Mat paint_document(const ocr::DocumentLayout& layout, const DocumentContent& content, double s,
                       TextPainter& painter, Random& rng) {
  const cv::Size size(static_cast<int>(std::lround(layout.canonical.width * s)),
                      static_cast<int>(std::lround(layout.canonical.height * s)));
  cv::Mat image = background(layout, size, s, rng);

  for (const auto& [name, rect] : layout.areas) {
    const cv::Rect box = scaled(rect, s);
    bool pictured = false;
    for (const auto& [area, picture] : content.pictures) {
      if (area == name) {
        paste(image, picture, box);
        pictured = true;
      }
    }
    if (!pictured && (name == "emblem" || name == "seal")) {
      placeholder_seal(image, box, has_colour(layout, "seal") ? layout.color("seal") : layout.color("mark"), painter);
    }
  }
  for (const auto& t : layout.texts) {
    TextStyle style{t.font, t.font_px * s, layout.color(t.color), t.bold, 0, t.align};
    painter.draw_line(image, t.text, scaled(t.box, s), style);
  }
  for (const auto& f : layout.fields) {
    if (!f.label.empty()) {
      const cv::Rect lb = scaled(f.label_box, s);
      TextStyle label{"zh", lb.height * 0.8, layout.color("label"), false, 0, "left"};
      painter.draw_line(image, f.label, lb, label);
    }
    TextStyle style{f.font, f.font_px * s, layout.color(f.color), f.bold, f.tracking_px * s, "left"};
    bool drew_parts = false;
    for (const auto& [part, rect] : f.parts) {
      if (const std::string* v = find_value(content, f.name + "." + part)) {
        painter.draw_line(image, *v, scaled(rect, s), style);
        drew_parts = true;
      }
    }
    if (drew_parts) continue;
    if (const std::string* v = find_value(content, f.name)) {
      const cv::Rect box = scaled(f.box, s);
      if (f.lines > 1) {
        painter.draw_wrapped(image, *v, box, style, f.lines, f.line_px * s);
      } else {
        painter.draw_line(image, *v, box, style);
      }
    }
  }
  return image;
}

}  // namespace beian::samples
