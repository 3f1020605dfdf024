// The small marks of Chinese running text (a business scope) that the recogniser loses: the
// closing full stop 。 is a thin ring that chi_sim drops at a line's end or reads as ".", and
// the enumeration comma 、 is a short tick it reads as ".". On the ink the two differ by shape:
// a ring encloses paper, a tick does not.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/engine/tesseract_engine.h"

namespace beian::ocr {

enum class SmallMark {
  kNone,              // no ink in the box, or more than a mark's
  kFullStop,          // a ring: 。
  kEnumerationComma,  // ink without a hole: 、
};

// The mark whose ink lies in `box` of `ink` (ink_image: dark ink on light paper). The box is
// searched with a margin of a quarter of its size; ink is what is darker than the midpoint
// between the box's darkest and lightest levels (a mark's own contrast, whatever the lighting).
SmallMark classify_small_mark(const cv::Mat& ink, const cv::Rect& box);

// The text of `symbols` (one field's characters in reading order, view coordinates, the field's
// last line `last_line`) with its small marks settled:
// - a "." between two Chinese characters is 、 or 。 by its shape (a full stop between digits
//   or letters stays). A 、 or comma read there stays: on photos a tick's blur can close
//   into a ring, so only the recogniser's "don't know" (".") is settled by shape;
// - a lone mark of at most half a character's size, on the lower half of the last line within
//   one character of its last character, which the recogniser left out, is the closing 。.
// Other symbols keep their text.
std::string settle_small_marks(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols, const cv::Rect& last_line);

}  // namespace beian::ocr
