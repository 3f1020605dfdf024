// Validation findings of unit certificates (the licence and the other certificates): the
// credit code's check characters and embedded organisation code (GB 32100 / GB 11714) or the
// old registration number's check digit (GS 15), an ended term, and the code's region
// against the address's province. Pure functions of a DocumentResult.
#pragma once

#include <string>
#include <vector>

#include "beian/date.h"
#include "beian/finding.h"
#include "beian/ocr/document.h"

namespace beian::ocr {

// Checks the code in field `field` (a credit code or a 15-digit registration number).
std::vector<Finding> check_unit_code(const DocumentResult& r, const std::string& field, const std::string& label);

// The same check of a code as read (`code`), for a reading that was withheld from the field
// because it fails: the finding names what was printed, the field stays missing.
std::vector<Finding> check_code_reading(const DocumentResult& r, const std::string& code, const std::string& field,
                                        const std::string& label);

// LICENCE_EXPIRED when field `until` holds a date before `today`.
std::vector<Finding> check_term(const DocumentResult& r, const std::string& until, const Date& today);

// LICENCE_REGION_MISMATCH when the credit code's province and the address's differ.
std::vector<Finding> check_code_region(const DocumentResult& r);

}  // namespace beian::ocr
