// The passport's visual zone against its machine-readable zone: the printed names and dates
// are read from their layout boxes (templates/layouts/passport.json, OCR settings in
// templates/ocr/passport.json "viz") when the page is outlined in the photo. A confident
// printed value that differs from the zone is a finding; a printed value fills a field the
// damaged zone could not give, with a lowered confidence.
#pragma once

#include <vector>

#include "beian/finding.h"
#include "ocr/mrz/mrz_zone.h"
#include "ocr/reader.h"

namespace beian::ocr {

// Cross-checks (and, where the zone failed, completes) `result`'s surname, given_names,
// birth_date and expiry_date. Returns MRZ_VIZ_MISMATCH findings. Never throws for image content.
std::vector<Finding> cross_check_passport_viz(const PageAnalysis& page, const Classification& classification,
                                              const MrzZone& zone, DocumentResult& result, OcrContext& context);

// "16 AUG 1990" (OCR text, spaces optional, month letters possibly misread) as a date.
std::optional<Date> parse_passport_date(const std::string& text);

}  // namespace beian::ocr
