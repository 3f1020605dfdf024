// Cleaning OCR text into field values: keeping the characters a field may hold, and snapping
// a reading to the nearest entry of a closed vocabulary (ethnic groups, sexes).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/text.h"

namespace beian::ocr {

// True for CJK unified ideographs (U+3400-U+9FFF, U+F900-U+FAFF).
bool is_cjk(char32_t c);

// Only the CJK ideographs of `text` plus any of `also` (UTF-8), in order.
std::string keep_cjk(std::string_view text, std::u32string_view also = U"");

// Chinese running text as printed: the ASCII ( ) ; : , ? ! that chi_sim returns for the
// full-width marks become （ ） ； ： ， ？ ！ (a comma between two digits stays ASCII).
std::string chinese_punctuation(std::string_view text);

// A person's name as read: without the marks OCR puts at its ends (a speck or the label's
// edge read as 、 . ' ： beside 范强). Only CJK ideographs and ASCII letters and digits can
// begin or end a name; marks inside it (the · of a transliterated name) stay.
std::string trim_name_marks(std::string_view text);

// True when `address` (UTF-8) holds a mark no printed address has: ASCII or full-width
// punctuation other than - # ( ) （ ） · (so ; : " ? * , 、 。 and quotation marks). A
// character read as one is a misread character, however sure the recogniser was (上海市徐汇区
// read 上海市徐;C区 at 0.99, 高新路320号 read 高新路:20号 at 0.99: hard ID fronts, seed 87).
bool has_stray_marks(std::string_view address);

// `text` with every character not in `allowed` (UTF-8) removed.
std::string keep_only(std::string_view text, std::string_view allowed);

using beian::edit_distance;  // pipeline/base/text.h

struct VocabularyMatch {
  std::string value;   // the vocabulary entry
  int distance = 0;    // edits from the reading
};

// The entry nearest to `reading` when it is unambiguous (no other entry as near) and at most
// `max_edits` edits away (default, -1: max(1, length/3), 0 for one-character entries);
// nullopt otherwise.
std::optional<VocabularyMatch> snap_to_vocabulary(std::string_view reading, const std::vector<std::string>& vocabulary,
                                                  int max_edits = -1);

// All distinct characters of the vocabulary, as one UTF-8 string (a Tesseract whitelist).
std::string vocabulary_characters(const std::vector<std::string>& vocabulary);

}  // namespace beian::ocr
