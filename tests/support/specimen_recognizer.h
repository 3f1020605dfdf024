// The OCR recognizer the reader tests share: one Tesseract engine, judged on the specimens'
// filing date, created once per test process (loading the models takes ~0.3 s).
#pragma once

#include "beian/date.h"
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

}  // namespace beian::test
