// Turning the OCR text of a licence's (or another certificate's) credit code into a checked
// value: its check characters choose among the OCR candidates and can repair one misread
// character. Printed dates and terms: ocr/fields/printed_dates.h.
#pragma once

#include <string>
#include <vector>

namespace beian::ocr {

struct CodeReading {
  std::string value;        // the credit code (18) or registration number (15); empty when none fits
  bool checked = false;     // its check characters hold
  bool repaired = false;    // one character was corrected by the check character
};

// The credit code (or old 15-digit registration number) among `candidates` (OCR readings,
// best first): the first whose checks hold as read, else the first a single-character repair
// makes valid.
CodeReading resolve_credit_code(const std::vector<std::string>& candidates);

// Letters and digits of `text`, upper-cased, with O→0 and I→1 (never in credit codes).
std::string code_characters(const std::string& text);

}  // namespace beian::ocr
