// The travel permit reader: 往来港澳通行证 (its 30-character MRZ line gives number, birth and
// expiry with check digits; the printed values are cross-checked), 港澳居民来往内地通行证 and
// 台湾居民来往大陆通行证 (printed OCR-B number in its format, printed fields by OCR).
#pragma once

#include "ocr/reader.h"

namespace beian::ocr {

class PermitReader : public DocumentReader {
 public:
  std::vector<DocumentType> types() const override;
  // Decisive when the printed number fits its type's format at its place and the type's
  // title reads back exactly (templates/ocr/permit.json cue): no other document prints both.
  std::vector<Classification> classify_by_cues(const PageAnalysis& page, OcrContext& context) const override;
  std::vector<Classification> classify(const PageAnalysis& page, OcrContext& context,
                                       std::optional<DocumentType> forced) const override;
  DocumentResult read(const PageAnalysis& page, const Classification& classification,
                      OcrContext& context) const override;
};

}  // namespace beian::ocr
