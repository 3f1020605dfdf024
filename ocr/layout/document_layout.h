// The fixed layout of a printed document type, shared by the specimen generator (which draws
// it) and the readers (which crop fields from a rectified image): templates/layouts/<id>.json.
//
// Coordinates are pixels of the document's canonical image (canonical_px, top-left origin,
// [x, y, width, height]); scale them to any other size with DocumentLayout::scale(). A field's
// `box` is where its value can appear (all lines, with a small margin), its `label_box` where
// the printed label is. Every key of the file is checked: an unknown or missing key is an
// error naming the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/ocr/document.h"

namespace beian::ocr {

// Printed text that is no field: titles, column headings, 年/月/日, the SPECIMEN mark.
struct LayoutText {
  std::string text;
  cv::Rect box;
  std::string font = "zh";     // "zh" (wqy-zenhei) or "ocrb" (OCR-B)
  double font_px = 0;          // em height in canonical pixels
  std::string color = "text";  // a key of DocumentLayout::colors
  bool bold = false;
  std::string align = "left";  // "left", "center" or "right" within the box
};

struct LayoutField {
  std::string name;            // canonical field name ("name", "id_number", ...)
  std::string label;           // printed label ("姓名"); empty when none is printed
  std::string display_name;    // "display_name": how messages name an unlabelled field ("发证日期")
  cv::Rect label_box;          // empty when no label
  cv::Rect box;                // where the value is printed
  std::string font = "zh";
  double font_px = 0;
  int lines = 1;               // most lines the value may take (wrapped inside box.width)
  double line_px = 0;          // line pitch for multi-line values
  double tracking_px = 0;      // extra space between characters (OCR-B numbers)
  std::string color = "text";
  bool bold = false;
  // Named sub-boxes of the value, e.g. birth_date's "year", "month", "day".
  std::vector<std::pair<std::string, cv::Rect>> parts;

  std::optional<cv::Rect> part(std::string_view part_name) const;
};

struct DocumentLayout {
  DocumentType type = DocumentType::kUnknown;
  double width_mm = 0, height_mm = 0;       // physical size
  cv::Size canonical;                        // canonical image size in pixels
  std::vector<LayoutField> fields;           // in reading order
  std::vector<LayoutText> texts;             // fixed printed text
  std::vector<std::pair<std::string, cv::Rect>> areas;       // "portrait", "qr", "emblem", ...
  std::vector<std::pair<std::string, cv::Scalar>> colors;    // name → BGR

  const LayoutField* field(std::string_view name) const;
  // How findings name a field to the applicant: its printed label without the spacing that
  // justifies it ("名        称" -> "名称"), else its display_name, else `name` itself. A part
  // named like "business_term_from" or "valid_from" is named by the field it belongs to.
  std::string label_for(std::string_view name) const;
  std::optional<cv::Rect> area(std::string_view name) const;
  // The colour called `name` (BGR); black when unknown.
  cv::Scalar color(std::string_view name) const;
  // Pixels per millimetre of the canonical image.
  double px_per_mm() const { return canonical.width / width_mm; }
  // A canonical-pixel rectangle in an image of `size` (the same document, another resolution).
  cv::Rect scale(const cv::Rect& r, cv::Size size) const;
};

// Parses a layout file. Throws std::runtime_error naming the file and the offending key.
DocumentLayout load_document_layout_file(const std::string& path);
// templates/layouts/<id>.json for a document type, loaded once and cached (thread-safe).
// Throws std::runtime_error when the file is missing or malformed.
const DocumentLayout& document_layout(DocumentType type);
// True when templates/layouts has a file for this type.
bool has_document_layout(DocumentType type);

}  // namespace beian::ocr
