// A certificate page read as label/value rows, with the labels found by reading: the page is
// OCR'd once, the recognised characters are grouped into text lines by geometry, printed
// labels ("名称", "法定代表人", ... — often letter-spaced, "名        称") are matched in
// those lines, and each value is the text after its label up to the next label on the line,
// continued on the following lines while they stay in the value's column (values wrap).
// Layouts differ between years and provinces, so nothing here assumes pixel positions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/engine/tesseract_engine.h"

namespace beian::ocr {

// One text line: its characters (no spaces) left to right.
struct PageLine {
  std::vector<OcrSymbol> symbols;
  cv::Rect box;
  double char_height = 0;      // median symbol height
  std::string text() const;    // the symbols' text, concatenated
};

// The labels that introduce one canonical field. A label matches when its characters (spaces
// ignored) appear as consecutive symbols at the start of a line or after a gap.
struct LabelSpec {
  std::string field;
  std::vector<std::string> labels;
  int max_lines = 1;           // most lines the value may wrap over
  bool value_below = false;    // the value may stand under the label (credit code) instead of after it
};

struct FoundLabel {
  std::string field;
  size_t line = 0;             // index into lines()
  size_t first = 0, end = 0;   // symbol range of the label in that line
  cv::Rect box;
};

struct LabelledValue {
  std::string text;                 // the value's characters, lines joined, no spaces
  double confidence = 0;            // mean symbol confidence
  std::vector<cv::Rect> line_boxes; // one per line of the value, page coordinates
  cv::Rect label_box;
};

class LabelledPage {
 public:
  // Groups `symbols` (from one OCR pass over a page) into lines.
  explicit LabelledPage(std::vector<OcrSymbol> symbols);

  const std::vector<PageLine>& lines() const { return lines_; }

  // Every field's first label occurrence (reading order), best match first.
  std::vector<FoundLabel> find_labels(const std::vector<LabelSpec>& specs) const;

  // The values of the found labels, by field.
  std::map<std::string, LabelledValue> values(const std::vector<LabelSpec>& specs,
                                              const std::vector<FoundLabel>& labels) const;

 private:
  std::vector<PageLine> lines_;
};

}  // namespace beian::ocr
