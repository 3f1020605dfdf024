// The reader of the other unit certificates (事业单位法人证书, 社会团体法人登记证书, 民办非企业单位
// 登记证书, 基金会法人登记证书, 律师事务所执业许可证, 统一社会信用代码证书, 组织机构代码证): classified by
// its title, read like the licence (labels found by reading, values after them), its number
// validated as a credit code or organisation code, its validity period checked.
#pragma once

#include "ocr/reader.h"

namespace beian::ocr {

class UnitCertificateReader : public DocumentReader {
 public:
  std::vector<DocumentType> types() const override;
  // Decisive when a title on a page-shaped outline reads exactly as a certificate's
  // (title_cue): no ID card alignment or MRZ search for a certificate.
  std::vector<Classification> classify_by_cues(const PageAnalysis& page, OcrContext& context) const override;
  std::vector<Classification> classify(const PageAnalysis& page, OcrContext& context,
                                       std::optional<DocumentType> forced) const override;
  DocumentResult read(const PageAnalysis& page, const Classification& classification,
                      OcrContext& context) const override;
};

}  // namespace beian::ocr
