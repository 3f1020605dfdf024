#include "ocr/locate/layout_template.h"

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"

namespace beian::ocr {
namespace {

AlignmentTemplate render_template(DocumentType type) {
  const DocumentLayout& layout = document_layout(type);
  auto font = cv::freetype::createFreeType2();
  font->loadFontData("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0);
  cv::Mat ink(layout.canonical, CV_8UC3, cv::Scalar::all(0));  // freetype draws on 8UC3 only
  cv::Mat counted(layout.canonical, CV_8U, cv::Scalar(255));
  const cv::Rect all({}, layout.canonical);
  auto draw = [&](const std::string& text, const cv::Rect& box, double px, const std::string& align) {
    int baseline = 0;
    const cv::Size size = font->getTextSize(text, static_cast<int>(px), -1, &baseline);
    int x = box.x;
    if (align == "center") x = box.x + (box.width - size.width) / 2;
    if (align == "right") x = box.x + box.width - size.width;
    font->putText(ink, text, {x, box.y + (box.height + size.height) / 2}, static_cast<int>(px), cv::Scalar::all(255), -1,
                  cv::LINE_AA, true);
  };
  for (const auto& t : layout.texts) {
    // The SPECIMEN mark is not on real documents: leave its box out.
    if (layout.color(t.color) == layout.color("mark")) {
      counted(t.box & all).setTo(0);
      continue;
    }
    draw(t.text, t.box, t.font_px, t.align);
  }
  for (const auto& f : layout.fields) {
    if (!f.label.empty()) draw(f.label, f.label_box, 0.8 * f.label_box.height, "left");
    const cv::Rect value(f.box.x - 6, f.box.y - 6, f.box.width + 12, f.box.height + 12);
    counted(value & all).setTo(0);
  }
  for (const auto& [name, area] : layout.areas) counted(area & all).setTo(0);
  AlignmentTemplate t;
  t.canonical = layout.canonical;
  const cv::Size small(layout.canonical.width / AlignmentTemplate::kAlignScale,
                       layout.canonical.height / AlignmentTemplate::kAlignScale);
  cv::Mat grey, f;
  cv::cvtColor(ink, grey, cv::COLOR_BGR2GRAY);
  grey.convertTo(f, CV_32F, 1.0 / 255);
  cv::resize(f, t.expected, small, 0, 0, cv::INTER_AREA);
  cv::GaussianBlur(t.expected, t.expected, {0, 0}, 1.5);
  cv::resize(counted, t.counted, small, 0, 0, cv::INTER_NEAREST);
  return t;
}

}  // namespace

const AlignmentTemplate& layout_template(DocumentType type) {
  if (!has_document_layout(type)) throw std::out_of_range("no layout to align with for " + std::string(to_string(type)));
  static std::mutex mutex;
  static std::map<DocumentType, std::unique_ptr<AlignmentTemplate>> rendered;
  std::lock_guard<std::mutex> lock(mutex);
  auto& t = rendered[type];
  if (!t) t = std::make_unique<AlignmentTemplate>(render_template(type));
  return *t;
}

}  // namespace beian::ocr
