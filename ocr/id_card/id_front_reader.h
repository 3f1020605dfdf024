// 居民身份证 人像面: name, sex, ethnicity (without 族), birth date, address, ID number.
#pragma once

#include "ocr/reader.h"

namespace beian::ocr {

class IdCardFrontReader : public DocumentReader {
 public:
  std::vector<DocumentType> types() const override { return {DocumentType::kIdFront}; }
  std::vector<Classification> classify_by_cues(const PageAnalysis& page, OcrContext& context) const override;
  std::vector<Classification> classify(const PageAnalysis& page, OcrContext& context,
                                       std::optional<DocumentType> forced) const override;
  DocumentResult read(const PageAnalysis& page, const Classification& classification,
                      OcrContext& context) const override;
};

}  // namespace beian::ocr
