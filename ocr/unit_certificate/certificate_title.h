// Classifying unit certificates (营业执照 and the other certificates units file with) by
// reading their title: in each A4-shaped quad, in both landscape orientations, the largest
// text line in the upper part of the page is OCR'd and compared with the titles of
// templates/ocr/unit_certificate.json. Computed once per page and shared by the business
// licence reader and the other-certificate reader.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/ocr/document.h"
#include "ocr/engine/tesseract_engine.h"
#include "ocr/fields/text_field.h"
#include "ocr/page_analysis.h"

namespace beian::ocr {

struct UnitCertificateSettings {
  double min_page_aspect = 1.25, max_page_aspect = 1.6;  // accepted quad aspect (A4 is 1.414)
  size_t max_quads = 3;               // A4-shaped quads tried, best first
  int analysis_width = 1188;          // view width the title is searched in
  double min_title_height = 0.03;     // title glyph height / view height, at least
  TextFieldSettings title_ocr;
  double min_title_similarity = 0.5;  // below: not this certificate
  // "glare_retry_similarity": when no outline's title reads as one, those whose reading came
  // at least this close (照 of 营业执照 read, 业执 under a glare spot) are read again from views
  // with the text under glare restored (ink_image's restore_glare). 0: off.
  double glare_retry_similarity = 0;
  // Classification by cue (no other reader asked, title_cue): the title stands on an outline
  // of these aspects (not the whole image: ID cards are 1.58) and reads this closely.
  double cue_min_aspect = 1.33, cue_max_aspect = 1.5;
  // "cue_card_aspect": a stronger outline of this aspect (an ID-1 card, 1.58) covering a
  // page-shaped one makes that one a loose fit of the card, not a page: no cue.
  double cue_card_min_aspect = 1.52, cue_card_max_aspect = 1.7;
  double cue_card_overlap = 0.7;  // "cue_card_overlap": bounding-box IoU above which it covers the page outline
  double cue_min_similarity = 0.99;
  // "enclosed_outline" [below, min]: a title found on an outline with less than `below` of
  // the page inside one of its sides (DocumentQuad::enclosure: the side runs through the
  // background) is read again on the largest outline enclosed at least `min` (the page; its
  // printed frame is enclosed too, but smaller), which wins when its title reads as well.
  double enclosed_below = 0.8, enclosed_min = 0.95;
  std::map<DocumentType, std::vector<std::string>> titles;
};

// templates/ocr/unit_certificate.json, loaded once. Throws std::runtime_error naming the file.
const UnitCertificateSettings& unit_certificate_settings();

struct CertificateTitle {
  DocumentType type = DocumentType::kUnknown;
  size_t quad_index = 0;
  int quarter_turns = 0;
  cv::Size view_size;       // analysis view size (width analysis_width, height from the quad)
  cv::Rect title_box;       // in that view
  std::string text;         // the title as read (CJK only)
  double similarity = 0;    // 0..1 against the type's best-fitting title
};

// The best title of `page`, or nullopt when no A4-shaped page shows a known title.
const std::optional<CertificateTitle>& find_certificate_title(const PageAnalysis& page, TesseractEngine& engine);

// The page's title when it decides the page by itself: it stands on a page-shaped outline
// (cue_*_aspect, not the whole image) and reads at least cue_min_similarity; else nullptr.
// Pages without such an outline among the first max_quads (ID cards are 1.58) pay no title
// OCR for this.
const CertificateTitle* title_cue(const PageAnalysis& page, TesseractEngine& engine);

// 1 - edit distance / longer length, over CJK characters only.
double title_similarity(const std::string& read, const std::string& title);

}  // namespace beian::ocr
