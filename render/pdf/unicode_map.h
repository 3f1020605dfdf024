// libharu 2.3 writes the ToUnicode CMap of a UTF-8 TrueType font with a `begincidrange`
// section (an encoding CMap, not a ToUnicode one), so viewers cannot map the glyphs back to
// text from it: poppler warns and falls back to the embedded font's own cmap; stricter
// viewers copy garbage. In UTF-8 mode libharu's character codes ARE the Unicode code points
// (Identity-H over a CIDToGIDMap), so the correct map is the identity over the codes used.
//
// add_unicode_map() appends a PDF incremental update (ISO 32000-1 §7.5.6) that replaces the
// ToUnicode stream object with such an identity map. The original bytes stay untouched.
#pragma once

#include <string>
#include <vector>

namespace beian::render {

// Returns `pdf` (as saved by libharu) plus an incremental update whose ToUnicode CMap maps
// every code of `codepoints` (BMP) to itself. Throws std::runtime_error when the file has no
// ToUnicode entry or no classic trailer (never the case for libharu 2.3 output).
std::string add_unicode_map(std::string pdf, const std::vector<char32_t>& codepoints);

}  // namespace beian::render
