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

CapitalReading resolve_capital(const std::vector<OcrSymbol>& symbols, const std::vector<std::string>& currencies,
                               const std::string& numerals, const std::string& units) {
  const std::u32string allowed = utf8_to_u32(numerals), unit_chars = utf8_to_u32(units);
  auto is_numeral = [&](char32_t c) { return allowed.find(c) != std::u32string::npos; };
  std::u32string chars;
  std::vector<const OcrSymbol*> source;  // per character, its symbol when the symbol is that one character
  for (const auto& s : symbols) {
    const std::u32string t = utf8_to_u32(trim(s.text));
    for (char32_t c : t) {
      if (c == U' ' || c == 0x3000) continue;
      chars += c;
      source.push_back(t.size() == 1 ? &s : nullptr);
    }
  }
  CapitalReading out;
  size_t start = 0;
  for (const auto& currency : currencies) {
    const std::u32string cur = utf8_to_u32(currency);
    if (chars.compare(0, cur.size(), cur) == 0) start = std::max(start, cur.size());
  }
  for (size_t i = start; i < chars.size() && unit_chars.find(chars[i]) == std::u32string::npos; ++i) {
    if (is_numeral(chars[i])) continue;
    bool fixed = false;
    if (source[i])
      for (const auto& [alt, confidence] : source[i]->alternatives) {
        const std::u32string a = utf8_to_u32(alt);
        if (a.size() == 1 && is_numeral(a[0])) {
          chars[i] = a[0];
          ++out.replaced;
          fixed = true;
          break;
        }
      }
    out.consistent = out.consistent && fixed;
  }
  out.text = u32_to_utf8(chars);
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
