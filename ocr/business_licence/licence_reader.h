// The business licence reader (营业执照, 副本 and 正本): classified by its title, labels found by
// reading (ocr/unit_certificate/labelled_fields.h), values read line by line with wrapping,
// the credit code chosen by its check characters and cross-checked with the QR code, and the
// flags commercial readers give (copy/original, QR present, red seal, black-and-white copy).
#pragma once

#include "ocr/reader.h"

namespace beian::ocr {

class BusinessLicenceReader : public DocumentReader {
 public:
  std::vector<DocumentType> types() const override { return {DocumentType::kBusinessLicence}; }
  std::vector<Classification> classify(const PageAnalysis& page, OcrContext& context,
                                       std::optional<DocumentType> forced) const override;
  // Decisive when the page's QR code carries a valid credit code and the title reads 营业执照.
  std::vector<Classification> classify_by_cues(const PageAnalysis& page, OcrContext& context) const override;
  DocumentResult read(const PageAnalysis& page, const Classification& classification,
                      OcrContext& context) const override;
};

}  // namespace beian::ocr
