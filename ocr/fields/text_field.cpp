#include "ocr/fields/text_field.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "ocr/fields/field_image.h"
#include "pipeline/base/data_file.h"

namespace beian::ocr {

TextFieldSettings parse_text_field_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"language", "layout", "whitelist", "text_height", "margin", "max_lines", "line_pitch", "alternatives", "min_confidence"},
             {"language", "text_height"}, where);
  TextFieldSettings s;
  const auto language = get_value<std::string>(j, "language", where);
  if (language == "chi_sim") s.language = OcrLanguage::kChinese;
  else if (language == "eng") s.language = OcrLanguage::kEnglish;
  else throw std::runtime_error(where + ": language must be \"chi_sim\" or \"eng\", not \"" + language + "\"");
  s.text_height = get_value<double>(j, "text_height", where);
  if (j.contains("layout")) {
    const auto layout = get_value<std::string>(j, "layout", where);
    if (layout == "line") s.layout = OcrLayout::kSingleLine;
    else if (layout == "raw_line") s.layout = OcrLayout::kRawLine;
    else if (layout == "word") s.layout = OcrLayout::kSingleWord;
    else throw std::runtime_error(where + ": layout must be \"line\", \"raw_line\" or \"word\", not \"" + layout + "\"");
  }
  if (j.contains("whitelist")) s.whitelist = get_value<std::string>(j, "whitelist", where);
  if (j.contains("margin")) {
    const auto m = get_value<std::vector<double>>(j, "margin", where);
    if (m.size() != 2) throw std::runtime_error(where + ": 'margin' must be [x, y]");
    s.margin_x = static_cast<int>(m[0]);
    s.margin_y = static_cast<int>(m[1]);
  }
  if (j.contains("max_lines")) s.max_lines = get_value<int>(j, "max_lines", where);
  if (j.contains("line_pitch")) s.line_pitch = get_value<double>(j, "line_pitch", where);
  if (j.contains("alternatives")) s.alternatives = get_value<bool>(j, "alternatives", where);
  if (j.contains("min_confidence")) s.min_confidence = get_value<double>(j, "min_confidence", where);
  return s;
}

OcrText read_line(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& line, const TextFieldSettings& settings) {
  constexpr int kPad = 12;
  const cv::Mat crop = line_for_ocr(ink, line, settings.text_height, kPad);
  OcrRequest request;
  request.language = settings.language;
  request.layout = settings.layout;
  request.whitelist = settings.whitelist;
  request.alternatives = settings.alternatives;
  OcrText text = engine.recognize(crop, request);
  // Symbol boxes back to view coordinates (inverse of line_for_ocr's margin, scale and pad).
  const int margin = std::max(2, line.height / 6);
  const cv::Rect src = cv::Rect(line.x - margin, line.y - margin, line.width + 2 * margin, line.height + 2 * margin) &
                       cv::Rect(0, 0, ink.cols, ink.rows);
  const double scale = settings.text_height / std::max(1, line.height);
  for (auto& s : text.symbols) {
    s.box = cv::Rect(cvRound((s.box.x - kPad) / scale) + src.x, cvRound((s.box.y - kPad) / scale) + src.y,
                     cvRound(s.box.width / scale), cvRound(s.box.height / scale));
  }
  return text;
}

TextFieldRead read_text_field(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& box,
                              const TextFieldSettings& settings, int min_line_height) {
  TextFieldRead out;
  const cv::Rect search(box.x - settings.margin_x, box.y - settings.margin_y, box.width + 2 * settings.margin_x,
                        box.height + 2 * settings.margin_y);
  out.lines = find_text_lines(ink, search, std::max(3, min_line_height), settings.line_pitch, settings.max_lines);
  if (out.lines.empty()) {
    out.missing_reason = "no printed text found in the field area";
    return out;
  }
  double confidence_sum = 0;
  for (const auto& line : out.lines) {
    OcrText t = read_line(engine, ink, line, settings);
    for (auto& s : t.symbols) {
      if (s.text == " ") continue;
      out.text += s.text;
      confidence_sum += s.confidence;
      out.symbols.push_back(std::move(s));
    }
  }
  if (!out.symbols.empty()) out.confidence = confidence_sum / out.symbols.size();
  if (out.text.empty()) out.missing_reason = "the text in the field area could not be recognised";
  return out;
}

}  // namespace beian::ocr
