// The passport data page reader (ICAO TD3): the fields come from the machine-readable zone,
// read with the OCR-B matcher and verified by its check digits; the printed visual zone is
// read where the page is outlined in the photo and cross-checked against the zone.
#pragma once

#include "ocr/reader.h"

namespace beian::ocr {

class PassportReader : public DocumentReader {
 public:
  std::vector<DocumentType> types() const override { return {DocumentType::kPassport}; }
  std::vector<Classification> classify(const PageAnalysis& page, OcrContext& context,
                                       std::optional<DocumentType> forced) const override;
  // Decisive when the best outline is page-shaped and its zone's check digits all hold.
  std::vector<Classification> classify_by_cues(const PageAnalysis& page, OcrContext& context) const override;
  DocumentResult read(const PageAnalysis& page, const Classification& classification,
                      OcrContext& context) const override;
};

}  // namespace beian::ocr
