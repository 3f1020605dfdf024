// UTF-8 text helpers shared by readers, rules, renderer and the eval harness.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace beian {

// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
std::u32string utf8_to_u32(std::string_view text);
std::string u32_to_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t cp);

// Number of code points.
size_t utf8_length(std::string_view text);

// Full-width ASCII (U+FF01-U+FF5E) and the ideographic space to their half-width forms.
std::string to_halfwidth(std::string_view text);

// The comparison form used by the eval harness and the consistency rules: all white space
// removed, full-width folded to half-width, Latin letters upper-cased, and the common
// punctuation variants unified (（）→(), ：→:, ，→, , ·/•/． → ·).
std::string normalize_for_compare(std::string_view text);

// Removes ASCII and ideographic white space from both ends.
std::string trim(std::string_view text);

// Splits on a single-byte separator.
std::vector<std::string> split(std::string_view text, char sep);

// Levenshtein distance in code points (UTF-8 in).
int edit_distance(std::string_view a, std::string_view b);

}  // namespace beian
