#include "samples/text_painter.h"

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "pipeline/base/text.h"

namespace beian::samples {
namespace {

cv::Ptr<cv::freetype::FreeType2> load(const std::string& path) {
  if (!std::filesystem::exists(path)) throw std::runtime_error("font not found: " + path);
  auto ft = cv::freetype::createFreeType2();
  ft->loadFontData(path, 0);
  return ft;
}

bool is_closing_punctuation(char32_t c) {
  static const std::u32string kNoLineStart = U"，。、；：？！）」』】》,.;:?!)";
  return kNoLineStart.find(c) != std::u32string::npos;
}

}  // namespace

std::string zh_font_path() { return "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"; }
std::string ocrb_font_path() { return "/usr/share/fonts/opentype/ocr-b/OCRB.otf"; }

TextPainter::TextPainter() : zh_(load(zh_font_path())), ocrb_(load(ocrb_font_path())) {}

cv::freetype::FreeType2& TextPainter::font(const std::string& name) { return name == "ocrb" ? *ocrb_ : *zh_; }

double TextPainter::measure(std::string_view text, const TextStyle& style) {
  if (text.empty()) return 0;
  int baseline = 0;
  const int h = std::max(1, static_cast<int>(std::lround(style.px)));
  const double w = font(style.font).getTextSize(std::string(text), h, -1, &baseline).width;
  return w + style.tracking * (static_cast<double>(utf8_length(text)) - 1);
}

void TextPainter::draw_line(cv::Mat& image, std::string_view text, const cv::Rect& box, TextStyle style) {
  if (text.empty()) return;
  double width = measure(text, style);
  if (width > box.width && width > 0) {
    const double shrink = box.width / width;
    style.px *= shrink;
    style.tracking *= shrink;
    width = measure(text, style);
  }
  double x = box.x;
  if (style.align == "center") x = box.x + (box.width - width) / 2;
  if (style.align == "right") x = box.x + box.width - width;
  // With bottomLeftOrigin = false the origin is the top of the em box.
  const double y = box.y + (box.height - style.px) / 2;
  const int h = std::max(1, static_cast<int>(std::lround(style.px)));
  auto& ft = font(style.font);
  auto put = [&](double dx) {
    if (style.tracking == 0) {
      ft.putText(image, std::string(text), cv::Point(static_cast<int>(std::lround(x + dx)), static_cast<int>(std::lround(y))),
                 h, style.color, -1, cv::LINE_AA, false);
      return;
    }
    double cx = x + dx;
    for (char32_t c : utf8_to_u32(text)) {
      const std::string glyph = u32_to_utf8(std::u32string(1, c));
      ft.putText(image, glyph, cv::Point(static_cast<int>(std::lround(cx)), static_cast<int>(std::lround(y))), h,
                 style.color, -1, cv::LINE_AA, false);
      int baseline = 0;
      cx += ft.getTextSize(glyph, h, -1, &baseline).width + style.tracking;
    }
  };
  put(0);
  if (style.bold) put(std::max(1.0, style.px / 30));
}

std::vector<std::string> TextPainter::wrap(std::string_view text, double width, const TextStyle& style, int max_lines) {
  std::vector<std::string> lines;
  const std::u32string all = utf8_to_u32(text);
  std::u32string line;
  for (size_t i = 0; i < all.size(); ++i) {
    std::u32string candidate = line + all[i];
    const bool last_line = static_cast<int>(lines.size()) == max_lines - 1;
    if (!line.empty() && !last_line && measure(u32_to_utf8(candidate), style) > width) {
      // Keep closing punctuation on the line it closes.
      if (is_closing_punctuation(all[i])) {
        lines.push_back(u32_to_utf8(candidate));
        line.clear();
        continue;
      }
      lines.push_back(u32_to_utf8(line));
      line = std::u32string(1, all[i]);
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(u32_to_utf8(line));
  return lines;
}

void TextPainter::draw_wrapped(cv::Mat& image, std::string_view text, const cv::Rect& box, const TextStyle& style,
                               int max_lines, double line_px) {
  const auto lines = wrap(text, box.width, style, max_lines);
  for (size_t i = 0; i < lines.size(); ++i) {
    const cv::Rect line_box(box.x, static_cast<int>(std::lround(box.y + i * line_px)), box.width,
                            static_cast<int>(std::lround(line_px)));
    draw_line(image, lines[i], line_box, style);
  }
}

}  // namespace beian::samples
