#include "ocr/fields/text_clean.h"

#include <algorithm>
#include <cctype>

#include "pipeline/base/text.h"

namespace beian::ocr {

bool is_cjk(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

std::string keep_cjk(std::string_view text, std::u32string_view also) {
  std::string out;
  for (char32_t c : utf8_to_u32(text))
    if (is_cjk(c) || also.find(c) != std::u32string_view::npos) append_utf8(out, c);
  return out;
}

std::string trim_name_marks(std::string_view text) {
  const std::u32string u = utf8_to_u32(text);
  const auto name_end = [](char32_t c) { return is_cjk(c) || (c < 0x80 && std::isalnum(static_cast<int>(c))); };
  size_t begin = 0, end = u.size();
  while (begin < end && !name_end(u[begin])) ++begin;
  while (end > begin && !name_end(u[end - 1])) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) append_utf8(out, u[i]);
  return out;
}

bool has_stray_marks(std::string_view address) {
  static const std::u32string kFullWidth = U"，。、；：？！“”‘’『』「」《》…～";
  for (char32_t c : utf8_to_u32(address)) {
    if (c < 0x80 && std::ispunct(static_cast<int>(c)) && c != U'-' && c != U'#' && c != U'(' && c != U')') return true;
    if (kFullWidth.find(c) != std::u32string::npos) return true;
  }
  return false;
}

std::string keep_only(std::string_view text, std::string_view allowed) {
  const std::u32string keep = utf8_to_u32(allowed);
  std::string out;
  for (char32_t c : utf8_to_u32(text))
    if (keep.find(c) != std::u32string::npos) append_utf8(out, c);
  return out;
}

std::string chinese_punctuation(std::string_view text) {
  const std::u32string in = utf8_to_u32(text);
  std::u32string out;
  const auto digit = [&](size_t i) { return i < in.size() && in[i] >= U'0' && in[i] <= U'9'; };
  for (size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    switch (c) {
      case U'(': c = U'（'; break;
      case U')': c = U'）'; break;
      case U';': c = U'；'; break;
      case U':': c = U'：'; break;
      case U'?': c = U'？'; break;
      case U'!': c = U'！'; break;
      case U',':
        if (!(i > 0 && digit(i - 1) && digit(i + 1))) c = U'，';
        break;
      default: break;
    }
    out.push_back(c);
  }
  return u32_to_utf8(out);
}

std::optional<VocabularyMatch> snap_to_vocabulary(std::string_view reading, const std::vector<std::string>& vocabulary,
                                                  int max_edits) {
  if (reading.empty()) return std::nullopt;
  int best = 1 << 20, ties = 0;
  const std::string* winner = nullptr;
  for (const auto& v : vocabulary) {
    const int d = edit_distance(reading, v);
    if (d < best) best = d, winner = &v, ties = 0;
    else if (d == best) ++ties;
  }
  if (!winner || ties > 0) return std::nullopt;
  const int length = static_cast<int>(utf8_length(*winner));
  const int allowed = max_edits >= 0 ? max_edits : length <= 1 ? 0 : std::max(1, length / 3);
  if (best > allowed) return std::nullopt;
  return VocabularyMatch{*winner, best};
}

std::string vocabulary_characters(const std::vector<std::string>& vocabulary) {
  std::u32string seen;
  for (const auto& v : vocabulary)
    for (char32_t c : utf8_to_u32(v))
      if (seen.find(c) == std::u32string::npos) seen.push_back(c);
  return u32_to_utf8(seen);
}

}  // namespace beian::ocr
