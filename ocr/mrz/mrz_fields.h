// What the passport and permit readers share once a zone is decoded: canonical field values
// whose confidence follows the check digits (a field whose check digit fails is missing, never
// a guess), the zone's findings, and the expiry findings of a travel document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "beian/date.h"
#include "beian/finding.h"
#include "beian/ocr/document.h"
#include "ocr/mrz/mrz_zone.h"

namespace beian::ocr {

struct MrzFieldSettings {
  double verified = 0.98;       // confidence of a field whose check digit held as read
  double repaired = 0.9;        // ... held after a check-digit repair
  double composite_failed = 0.6;  // ... held while the composite check fails
  double unchecked_floor = 0.3;   // glyph score mapped to confidence 0 for unchecked fields
  double unchecked_full = 0.8;    // glyph score mapped to the verified confidence
  int min_months_left = 3;      // an expiry closer than this is a warning
};

// templates/ocr/mrz.json "fields", loaded once. Throws std::runtime_error naming the file.
const MrzFieldSettings& mrz_field_settings();

// A field covered by check `check` of the zone's format: `value` with a confidence from the
// check's outcome, or missing when the check fails.
FieldValue checked_field(const MrzZone& zone, const std::string& check, const std::string& value);

// A field without its own check digit (names, nationality, sex): confidence from the lowest
// glyph score over [begin, end) of line `line`.
FieldValue unchecked_field(const MrzZone& zone, int line, int begin, int end, const std::string& value);

// A YYMMDD field as "YYYY-MM-DD" (birth: the latest century not after `today`; expiry: the
// earliest plausible one), missing when the check fails or the date is not a calendar day.
FieldValue mrz_date_field(const MrzZone& zone, const std::string& check, const std::string& yymmdd, bool birth,
                          const Date& today);

// MRZ_CHECK_FAILED for every failing check (the composite only when no field check failed),
// MRZ_REPAIRED when characters were corrected. `labels`: check field → printed label.
std::vector<Finding> mrz_zone_findings(const MrzZone& zone, const std::string& file,
                                       const std::vector<std::pair<std::string, std::string>>& labels);

// DOC_EXPIRED / DOC_EXPIRING for a travel document whose expiry_date field is present.
std::vector<Finding> expiry_findings(const DocumentResult& result, const Date& today);

// MRZ_NOT_FOUND with every field missing for the reason.
void mark_zone_missing(DocumentResult& result, const std::vector<std::string>& fields, const std::string& reason);

}  // namespace beian::ocr
