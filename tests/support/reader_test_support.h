// What the reader tests share: one OCR recognizer (one Tesseract engine, judged on the
// specimens' filing date, created once per test process: loading the models takes ~0.3 s) and
// small accessors for its results.
#pragma once

#include <string>
#include <string_view>

#include "beian/date.h"
#include "beian/ocr/document.h"
#include "ocr/recognizer.h"

namespace beian::test {

// The date the generated specimens are valid on (the generator's default --date).
inline const Date kSpecimenToday{2026, 11, 22};

inline const ocr::Recognizer& specimen_recognizer() {
  static const ocr::Recognizer r([] {
    ocr::RecognizerOptions o;
    o.max_engines = 1;
    o.today = kSpecimenToday;
    return o;
  }());
  return r;
}

// The field's value, or "" when it is missing.
inline std::string value(const DocumentResult& r, std::string_view field) {
  const FieldValue* f = r.field(field);
  return f && f->present() ? f->value : std::string();
}

inline bool has_finding(const DocumentResult& r, std::string_view code) {
  for (const auto& f : r.findings)
    if (f.code == code) return true;
  return false;
}

}  // namespace beian::test
