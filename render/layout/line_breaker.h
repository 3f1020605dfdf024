// Line breaking for Chinese text mixed with Latin words, checkboxes and blanks.
//
// libharu's TextRect breaks only at ASCII spaces (a Chinese paragraph draws nothing), and
// HPDF_Font_MeasureText counts UTF-8 bytes, so a break index can land inside a character. We
// therefore break ourselves, on code points with widths measured by FontFace.
//
// Rules (a simplified GB/T 15834 / JIS X 4051 "kinsoku"):
//   - a line may break between any two CJK characters, after a space, around boxes/blanks;
//   - runs of Latin letters, digits and word punctuation (example.com, user@x.cn, 2024-05-06)
//     are not broken unless a run alone is wider than the line (then it breaks anywhere);
//   - no line starts with closing punctuation ，。、；：？！）」』】》〉”’ … and the like;
//   - no line ends with opening punctuation （「『【《〈“‘ nor right after a checkbox (a box
//     stays with its label);
//   - a forbidden break is resolved by carrying the previous character to the next line,
//     never by overflowing — unless the line would be empty, then the text overflows;
//   - '\n' forces a break; spaces at the end of a line take no width.
#pragma once

#include <cstddef>
#include <vector>

namespace beian::render {

struct Atom {
  enum class Kind { kChar, kBox, kBlank, kNewline };
  Kind kind = Kind::kChar;
  char32_t cp = 0;      // kChar only
  double width = 0.0;   // in the caller's unit (points or mm)
};

struct LineSpan {
  size_t begin = 0;     // first atom
  size_t end = 0;       // one past the last atom (trailing spaces and the '\n' excluded)
  size_t next = 0;      // where the next line starts
  double width = 0.0;   // width of [begin, end)
};

// True for characters that must not start a line.
bool is_no_line_start(char32_t cp);
// True for characters that must not end a line.
bool is_no_line_end(char32_t cp);

// Breaks `atoms` into lines no wider than `max_width` (except where a single unbreakable
// atom is wider). Returns at least one line (an empty one for empty input).
std::vector<LineSpan> break_lines(const std::vector<Atom>& atoms, double max_width);

}  // namespace beian::render
