// What the front and back readers share: classifying one side from the shared hypothesis
// ranking, and preparing a classified side for reading (view, ink image, quality and
// orientation findings).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/ocr/document.h"
#include "ocr/fields/text_field.h"
#include "ocr/layout/document_layout.h"
#include "ocr/page_analysis.h"
#include "ocr/reader.h"

namespace beian::ocr {

// The best way of seeing `side` in the page, with its confidence; empty when no card-shaped
// quad exists (unless `forced`, when the whole image is taken as the card).
std::vector<Classification> classify_id_card_side(const PageAnalysis& page, DocumentType side,
                                                  std::optional<DocumentType> forced);

// The cue for `side` (DocumentReader::classify_by_cues): its classification when an outline
// of the page fits a side's printed text before any alignment, else nothing. Asked before
// the other readers' cues, it spares an ID card photo the licence's QR and title search
// (~45 ms); when only alignment finds the card, the ordinary classification does.
std::vector<Classification> classify_id_card_side_by_cue(const PageAnalysis& page, DocumentType side);

// A classified side ready to read.
struct IdCardSide {
  const DocumentLayout& layout;
  cv::Mat view;      // upright card, BGR
  cv::Mat ink;       // ink_image(view)
  DocumentResult result;  // file, type and the quality/orientation findings so far
  double claimed_confidence = 0;  // the classification's confidence

  // A field's layout box in view coordinates.
  cv::Rect box(std::string_view field) const;
  // Ink bands lower than this are noise for `field` (a third of its font height).
  int min_line_height(std::string_view field) const;
  // The printed label of a field ("姓名"; valid_from/valid_until → "有效期限").
  std::string label(std::string_view field) const;
  // Reads a plain text field with its settings from templates/ocr/id_card.json.
  TextFieldRead read(TesseractEngine& engine, std::string_view field) const;
};

IdCardSide prepare_id_card_side(const PageAnalysis& page, const Classification& classification);

// The last step of both readers, once every field is set: fields that glare partly washed
// out and that no check guards are capped at templates/ocr/id_card.json under_glare
// (Tesseract's per-character confidence does not know that characters are missing or
// invented there, and a reading >= 0.9 that differs from the order blocks it); every field
// that stayed missing gets an OCR_FIELD_UNREADABLE finding with its reason.
// `content_confirmed`: whether a field that only this side carries was read (the front's ID
// number or birth date; the back's issuing bureau or a validity date). When none was, the
// side was recognised by its look alone and the reading does not bear it out (a licence
// turned on its side, glare over its title, taken for a back at 0.80-0.92): the type's
// confidence is capped at unconfirmed_type_confidence and OCR_TYPE_UNCONFIRMED says so.
void finish_id_card_side(IdCardSide& side, bool content_confirmed);

// A FieldValue from a reading: the value with its confidence, or missing with the reason
// (also when the confidence is below the field's min_confidence).
FieldValue field_value(const std::string& value, double confidence, const std::string& missing_reason,
                       double min_confidence);

}  // namespace beian::ocr
