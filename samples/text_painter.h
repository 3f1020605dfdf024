// Drawing text with Debian's fonts through cv::freetype: wqy-zenhei for Chinese ("zh") and
// OCR-B for ID numbers and MRZ lines ("ocrb"). One painter per thread (FreeType2 objects are
// not thread-safe).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>

namespace beian::samples {

struct TextStyle {
  std::string font = "zh";     // "zh" or "ocrb"
  double px = 30;              // em height in pixels
  cv::Scalar color{0, 0, 0};   // BGR
  bool bold = false;           // drawn twice, offset by px/30
  double tracking = 0;         // extra pixels between characters
  std::string align = "left";  // "left", "center", "right"
};

class TextPainter {
 public:
  // Loads both fonts. Throws std::runtime_error naming the font file when one is missing.
  TextPainter();

  // Width in pixels of `text` in `style` (tracking included).
  double measure(std::string_view text, const TextStyle& style);

  // Draws one line inside `box`, vertically centred; the font shrinks (never grows) so the
  // line fits the box width.
  void draw_line(cv::Mat& image, std::string_view text, const cv::Rect& box, TextStyle style);

  // Breaks `text` into lines no wider than `width` (at character boundaries; a line never
  // starts with closing punctuation). At most `max_lines`; the last line takes the rest.
  std::vector<std::string> wrap(std::string_view text, double width, const TextStyle& style, int max_lines);

  // Draws `text` wrapped into `box`, one line every `line_px` pixels from the top.
  void draw_wrapped(cv::Mat& image, std::string_view text, const cv::Rect& box, const TextStyle& style,
                    int max_lines, double line_px);

 private:
  cv::freetype::FreeType2& font(const std::string& name);
  cv::Ptr<cv::freetype::FreeType2> zh_, ocrb_;
};

// Paths of the two fonts.
std::string zh_font_path();
std::string ocrb_font_path();

}  // namespace beian::samples
