#include "ocr/business_licence/licence_fields.h"

#include "ocr/validators/credit_code.h"
#include "pipeline/base/text.h"

namespace beian::ocr {

std::string code_characters(const std::string& text) {
  std::string out;
  for (char c : to_halfwidth(text)) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I') c = '1';
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
  }
  return out;
}

CodeReading resolve_credit_code(const std::vector<std::string>& candidates) {
  CodeReading out;
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() == 18 && validators::is_valid_uscc(c)) return {c, true, false};
    if (c.size() == 15 && validators::is_valid_registration_number(c)) return {c, true, false};
  }
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() != 18) continue;
    if (auto repaired = validators::repair_uscc(c)) return {*repaired, true, true};
  }
  // Nothing verifies: report the most plausible reading unchecked (the caller withholds it).
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() == 18 || c.size() == 15) return {c, false, false};
  }
  return out;
}

}  // namespace beian::ocr
