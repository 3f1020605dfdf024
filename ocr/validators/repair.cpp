#include "ocr/validators/repair.h"

namespace beian::validators {

std::string_view ocr_confusions(char c) {
  switch (c) {
    case '0': return "ODQ";
    case 'O': return "0DQ";
    case 'D': return "0O";
    case 'Q': return "0O";
    case '1': return "IL7";
    case 'I': return "1L";
    case 'L': return "1I";
    case '2': return "Z";
    case 'Z': return "2";
    case '5': return "S";
    case 'S': return "5";
    case '6': return "G";
    case 'G': return "6";
    case '8': return "B3";
    case 'B': return "8";
    case '3': return "8";
    case '7': return "1";
    case '4': return "A";
    case 'A': return "4";
    case 'K': return "<X";
    case '<': return "KX";
    case 'X': return "K<";
    default: return "";
  }
}

std::optional<std::string> repair_single_error(
    std::string_view text, const std::function<bool(std::string_view)>& valid,
    const std::function<std::string(size_t, char)>& alternatives) {
  if (valid(text)) return std::string(text);
  std::optional<std::string> found;
  std::string candidate(text);
  for (size_t i = 0; i < text.size(); ++i) {
    for (char alt : alternatives(i, text[i])) {
      if (alt == text[i]) continue;
      candidate[i] = alt;
      if (valid(candidate)) {
        if (found && *found != candidate) return std::nullopt;  // ambiguous
        found = candidate;
      }
    }
    candidate[i] = text[i];
  }
  return found;
}

}  // namespace beian::validators
