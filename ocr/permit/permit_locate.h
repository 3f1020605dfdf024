// Finding a travel permit card in a page: every card-shaped quad, in its two landscape
// orientations, is searched for the printed OCR-B document number at the layout's place; a
// number that fits one permit's format (C + 8, H/M + 8 digits, 8 digits) names the type, and
// the printed title read once for the best candidate confirms it. The best candidate's outline
// is aligned with the type's printed labels when it does not fit them already (a flat scan
// gives only the whole image). Computed once per page.
#pragma once

#include <optional>
#include <string>

#include "beian/ocr/document.h"
#include "ocr/engine/tesseract_engine.h"
#include "ocr/page_analysis.h"

namespace beian::ocr {

struct PermitHypothesis {
  DocumentType type = DocumentType::kUnknown;
  size_t quad_index = 0;
  int quarter_turns = 0;
  std::string number;          // the printed number as read
  double number_score = 0;     // mean OCR-B glyph score of the number (-1..1)
  double title_similarity = 0; // 0..1, the printed title against this type's
  double confidence = 0;       // 0..1
  bool aligned = false;        // quad_index is an outline refined by alignment with the layout
};

// The best permit hypothesis of `page`, or nullopt. `engine` reads the title (one line).
const std::optional<PermitHypothesis>& locate_permit(const PageAnalysis& page, TesseractEngine& engine);

// The canonical view size of the permit layouts (856×540).
cv::Size permit_view_size();

// Reads the printed number in `grey` (an upright permit view of permit_view_size()) with the
// OCR-B matcher, constrained to `type`'s number formats; empty when no row of glyphs fits.
std::pair<std::string, double> read_permit_number(const cv::Mat& grey, DocumentType type);

}  // namespace beian::ocr
