// Black-and-white copy: a card with no colour left (a grey scan or photocopy). Real cards
// carry coloured labels and security printing.
#include "ocr/image/normalise.h"
#include "ocr/quality/card_quality.h"

namespace beian::ocr {

QualityCheck check_bw_copy(const CardQualityInput& in, const QualitySettings& s) {
  QualityCheck c;
  c.id = "bw_copy";
  c.threshold = s.bw_max_colourfulness;
  c.value = in.colourfulness >= 0 ? in.colourfulness : colourfulness(in.view);
  c.passed = c.value > s.bw_max_colourfulness;
  return c;
}

}  // namespace beian::ocr
