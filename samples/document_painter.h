// Renders a document from its layout (templates/layouts/<type>.json) and the values to print:
// background, fixed texts, labels, values (wrapped or split into parts), and the picture
// areas (portrait, QR code) — plus plain placeholders where a real document has an emblem or
// seal, since no real artwork may be drawn. Everything is marked 样本/SPECIMEN by the layout.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/layout/document_layout.h"
#include "samples/identity.h"
#include "samples/text_painter.h"

namespace beian::samples {

struct DocumentContent {
  DocumentType type = DocumentType::kUnknown;
  // Printed text per field name, or per "field.part" for a field drawn in parts.
  std::vector<std::pair<std::string, std::string>> values;
  // Pictures per area name: 8-bit BGR, or BGRA whose alpha blends it onto the document.
  std::vector<std::pair<std::string, cv::Mat>> pictures;

  void set(const std::string& key, std::string text) { values.emplace_back(key, std::move(text)); }
};

// The document at `scale` × its canonical size, 8-bit BGR. Fields without a value stay blank.
cv::Mat paint_document(const ocr::DocumentLayout& layout, const DocumentContent& content, double scale,
                       TextPainter& painter, Random& rng);

}  // namespace beian::samples
