// Turning OCR text of licence (and other certificate) values into canonical field values:
// Chinese dates, the business term (from 至 until / 长期), and the credit code, whose check
// characters choose among the OCR candidates and can repair one misread character.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "beian/date.h"

namespace beian::ocr {

// "2020年03月11日", "2020年3月11日", "2020.03.11", or eight digits, as a date.
std::optional<Date> parse_cn_date(const std::string& text);

struct TermReading {
  std::optional<Date> from;
  std::optional<Date> until;
  bool open_ended = false;   // 长期 / 不约定期限
};

// "2020年03月11日至2050年03月10日" or "...至长期". Also "自...至..." (validity periods).
TermReading parse_term(const std::string& text);

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
