// Image-quality checks for a photographed document (ID card sides, permits, licences and
// certificates): blur, glare over a field, border cut off, resolution too low, black-and-white
// copy, document too small in the frame. Each check is one function in its own file returning its measured
// value against a threshold from templates/ocr/quality.json; failures become findings that
// name the value, the endangered field and what to do.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/finding.h"
#include "ocr/layout/document_layout.h"
#include "ocr/locate/document_quad.h"
#include "ocr/page_analysis.h"

namespace beian::ocr {

// What the checks look at.
struct CardQualityInput {
  const PageAnalysis& page;
  const DocumentQuad& quad;     // where the card is in the normalised image
  const cv::Mat& view;          // the rectified, upright card (BGR)
  const DocumentLayout& layout; // its field boxes (canonical coordinates)
  // The document's colourfulness when already measured, < 0 to measure it on the view. Pages
  // (licences, certificates) pass the whole photo's, which also decides whether a seal is
  // looked for; measuring a 1782 px page view again cost 40-150 ms.
  double colourfulness = -1;
};

// One check's outcome: `value` measured, compared with `threshold`.
struct QualityCheck {
  std::string id;               // "blur", "glare", "border_cut", "resolution", "bw_copy", "card_size"
  double value = 0.0;
  double threshold = 0.0;
  bool passed = true;
  double confidence = 1.0;      // how sure the measurement is, 0..1
  std::string field;            // the field it endangers most; empty = the whole document
  Evidence evidence;            // extra values for the message
};

// Blur and resolution limits are relative to the document's smallest printed text (its
// layout's smallest font), so one setting serves an ID card's 3 mm address and a licence's
// 4.75 mm scope: an ID card needs 580 px of width, an A4 licence 1260.
struct QualitySettings {
  double blur_max_text_fraction = 0.0667;  // edge blur (Gaussian sigma) / smallest text height
  double glare_min_field_fraction = 0.04;  // share of a field box washed out by glare
  double glare_level = 0.1;            // brighter than the paper by this fraction = glare
  double glare_min_headroom = 10;      // grey levels between paper and glare level needed to judge
  double min_text_height_px = 20;      // smallest text's height in the original photo
  double bw_max_colourfulness = 6.0;   // Hasler-Süsstrunk colourfulness of the card
  double min_card_area_fraction = 0.2; // card area / photo area
  double border_tolerance_px = 3;      // a side this close to the photo edge is cut off
  double low_resolution_max_confidence = 0.6;  // unguarded values of a page below its resolution floor
};

// templates/ocr/quality.json, loaded once. Throws std::runtime_error naming the file.
const QualitySettings& quality_settings();

// Height of the layout's smallest printed text (fields' font_px), in mm.
double smallest_text_mm(const DocumentLayout& layout);
// The least width, in photo pixels, at which the document's smallest text is
// min_text_height_px high (rounded up to 10 px).
double min_document_width_px(const DocumentLayout& layout, const QualitySettings& s);

QualityCheck check_blur(const CardQualityInput& in, const QualitySettings& s);
std::vector<QualityCheck> check_glare(const CardQualityInput& in, const QualitySettings& s);  // one per field hit
QualityCheck check_border_cut(const CardQualityInput& in, const QualitySettings& s);
QualityCheck check_resolution(const CardQualityInput& in, const QualitySettings& s);
QualityCheck check_bw_copy(const CardQualityInput& in, const QualitySettings& s);
QualityCheck check_card_size(const CardQualityInput& in, const QualitySettings& s);

// Runs every check and returns the findings of those that failed (codes OCR_BLUR,
// OCR_GLARE, OCR_BORDER_CUT, OCR_LOW_RESOLUTION, OCR_BW_COPY, OCR_CARD_TOO_SMALL).
std::vector<Finding> card_quality_findings(const CardQualityInput& in);

// When `r` has an OCR_LOW_RESOLUTION finding, caps every present field outside `guarded` at
// low_resolution_max_confidence. Tesseract is sure of what it reads at 8-10 px even when it
// is wrong (seed 80 and 81 hard licences and certificates: 7 and 6 values wrong at >= 0.9:
// names, addresses, dates), and a value >= 0.9 that differs from the order blocks it instead
// of asking for a look. `guarded`: fields a check vouches for (a credit code's check characters).
void cap_fields_on_low_resolution(DocumentResult& r, const std::vector<std::string>& guarded);

}  // namespace beian::ocr
