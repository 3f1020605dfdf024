// The small marks of Chinese running text (a business scope) that the recogniser loses: the
// closing full stop 。 is a thin ring that chi_sim drops at a line's end or reads as ".", and
// the enumeration comma 、 is a short tick it reads as ".". On the ink the two differ by shape:
// a ring encloses paper, a tick does not. The semicolon ； (a dot over a comma) comes back as
// ， or ： on photos: on the ink it is two blobs, the lower carrying its tail.
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
  kSemicolon,         // a dot over a taller comma: ；
  kColon,             // two like dots: ：
};

// The mark whose ink lies in `box` of `ink` (ink_image: dark ink on light paper). The box is
// searched with a margin of a quarter of its size; ink is what is darker than the midpoint
// between the box's darkest and lightest levels (a mark's own contrast, whatever the lighting).
SmallMark classify_small_mark(const cv::Mat& ink, const cv::Rect& box);

// The two-dot mark whose ink lies around `box` (searched a fifth of the line's height either
// side, within `within`) on the text line `line` of `ink`: exactly two blobs, one over the
// other, the upper near mid-height and the lower near the baseline, is ； when the lower holds
// clearly more ink spread over more rows (its tail), ： when the two are alike (compared by
// darkness, not by thresholded pixels: the dots are 3-4 px on a photo); kNone for anything
// else or in between.
SmallMark classify_stacked_mark(const cv::Mat& ink, const cv::Rect& box, const cv::Rect& line, const cv::Range& within);

// The text of `symbols` (one field's characters in reading order, view coordinates, the field's
// text lines `lines`, top to bottom) with its small marks settled:
// - a "." between two Chinese characters is 、 or 。 by its shape (a full stop between digits
//   or letters stays). A 、 or comma read there stays: on photos a tick's blur can close
//   into a ring, so only the recogniser's "don't know" (".") is settled by shape;
// - a ，, ： or ； between Chinese characters (or brackets) is ； or ： when its ink is two
//   stacked blobs (classify_stacked_mark);
// - a lone mark of at most half a character's size, on the lower half of the last line within
//   one character of its last character, which the recogniser left out, is the closing 。.
// Other symbols keep their text.
std::string settle_small_marks(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols, const std::vector<cv::Rect>& lines);

}  // namespace beian::ocr
