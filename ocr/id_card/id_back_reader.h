// 居民身份证 国徽面: issuing authority and the validity period (valid_from, valid_until as a
// date or 长期).
#pragma once

#include "ocr/reader.h"

namespace beian::ocr {

class IdCardBackReader : public DocumentReader {
 public:
  std::vector<DocumentType> types() const override { return {DocumentType::kIdBack}; }
  std::vector<Classification> classify_by_cues(const PageAnalysis& page, OcrContext& context) const override;
  std::vector<Classification> classify(const PageAnalysis& page, OcrContext& context,
                                       std::optional<DocumentType> forced) const override;
  DocumentResult read(const PageAnalysis& page, const Classification& classification,
                      OcrContext& context) const override;
};

}  // namespace beian::ocr
