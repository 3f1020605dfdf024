// Repairing a single misread character with a check digit: OCR of printed numbers (ID
// numbers, credit codes, MRZ lines) often confuses a few look-alike characters; when exactly
// one look-alike substitution makes every check pass, that is the repair. Pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace beian::validators {

// Characters OCR typically confuses with `c` in OCR-B text (O↔0↔D↔Q, I↔1↔L, B↔8, S↔5,
// Z↔2, G↔6, K↔<, ...), excluding `c` itself.
std::string_view ocr_confusions(char c);

// Tries every single-character substitution of `text` drawn from `alternatives(position,
// character)` and returns the repaired text when exactly one candidate satisfies `valid`;
// returns `text` unchanged when it is already valid; nullopt when no candidate or more than
// one does (the check digits cannot decide).
std::optional<std::string> repair_single_error(
    std::string_view text, const std::function<bool(std::string_view)>& valid,
    const std::function<std::string(size_t, char)>& alternatives);

}  // namespace beian::validators
