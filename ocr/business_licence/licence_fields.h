// Turning the OCR text of a licence's (or another certificate's) credit code into a checked
// value: its check characters choose among the OCR candidates and can repair one misread
// character. Printed dates and terms: ocr/fields/printed_dates.h.
#pragma once

#include <string>
#include <vector>

#include "ocr/engine/tesseract_engine.h"

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

struct CapitalReading {
  std::string text;         // the symbols' text, numerals put where the recogniser saw others
  int replaced = 0;         // characters replaced by a numeral alternative
  bool consistent = true;   // every amount character is a numeral
};

// The registered capital from its OCR symbols (with alternatives): after an optional currency
// (`currencies`), every character up to the first of `units` belongs to the amount and must
// be one of `numerals`; one that is not is replaced by the recogniser's best alternative that
// is; with no such alternative the reading is not consistent (and must not be reported).
// Debian's chi_sim model has no 叁, 柒, 捌 or 仟 at all (it reads 叁 as 傅 or 人), so those
// amounts come out inconsistent rather than wrong.
CapitalReading resolve_capital(const std::vector<OcrSymbol>& symbols, const std::vector<std::string>& currencies,
                               const std::string& numerals, const std::string& units);

// Letters and digits of `text`, upper-cased, with O→0 and I→1 (never in credit codes).
std::string code_characters(const std::string& text);

}  // namespace beian::ocr
