#include "render/layout/line_breaker.h"

#include <algorithm>
#include <string_view>

namespace beian::render {
namespace {

constexpr std::u32string_view kNoStart =
    U"，。、；：？！）」』】》〉〕〗〙〛”’．,.;:?!)]}%％…‥·ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ～–—";
constexpr std::u32string_view kNoEnd = U"（「『【《〈〔〖〘〚“‘([{￥$＄";

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\u3000'; }

// Characters that glue together into one unbreakable Latin "word".
bool is_word_char(char32_t cp) {
  if (cp >= U'0' && cp <= U'9') return true;
  if ((cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z')) return true;
  if (cp >= 0xC0 && cp <= 0x24F) return true;  // Latin-1 supplement and extended letters
  return std::u32string_view(U".-_@/:#&=+~'").find(cp) != std::u32string_view::npos;
}

bool is_space_atom(const Atom& a) { return a.kind == Atom::Kind::kChar && is_space(a.cp); }

// May a line break between atoms[k-1] and atoms[k]?
bool can_break_before(const std::vector<Atom>& atoms, size_t k) {
  const Atom& prev = atoms[k - 1];
  const Atom& next = atoms[k];
  if (prev.kind == Atom::Kind::kBox) return false;  // a box stays with its label
  if (next.kind == Atom::Kind::kChar && is_no_line_start(next.cp)) return false;
  if (prev.kind == Atom::Kind::kChar && is_no_line_end(prev.cp)) return false;
  if (is_space_atom(prev)) return !is_space_atom(next);
  if (is_space_atom(next)) return false;  // break after the spaces, not before
  if (prev.kind == Atom::Kind::kChar && next.kind == Atom::Kind::kChar && is_word_char(prev.cp) &&
      is_word_char(next.cp))
    return false;
  return true;
}

double width_of(const std::vector<Atom>& atoms, size_t begin, size_t end) {
  // Trailing spaces take no width.
  while (end > begin && is_space_atom(atoms[end - 1])) --end;
  double w = 0.0;
  for (size_t i = begin; i < end; ++i) w += atoms[i].width;
  return w;
}

LineSpan make_line(const std::vector<Atom>& atoms, size_t begin, size_t end, size_t next) {
  size_t e = end;
  while (e > begin && is_space_atom(atoms[e - 1])) --e;
  return {begin, e, next, width_of(atoms, begin, e)};
}

}  // namespace

bool is_no_line_start(char32_t cp) { return kNoStart.find(cp) != std::u32string_view::npos; }
bool is_no_line_end(char32_t cp) { return kNoEnd.find(cp) != std::u32string_view::npos; }

std::vector<LineSpan> break_lines(const std::vector<Atom>& atoms, double max_width) {
  std::vector<LineSpan> lines;
  size_t start = 0;
  const size_t n = atoms.size();
  while (start < n) {
    double width = 0.0;
    size_t i = start;
    bool done = false;
    for (; i < n; ++i) {
      if (atoms[i].kind == Atom::Kind::kNewline) {
        lines.push_back(make_line(atoms, start, i, i + 1));
        start = i + 1;
        done = true;
        break;
      }
      const bool overflows = width + atoms[i].width > max_width + 1e-9 && !is_space_atom(atoms[i]);
      if (overflows && i > start) break;
      width += atoms[i].width;
    }
    if (done) continue;
    if (i >= n) {
      lines.push_back(make_line(atoms, start, n, n));
      break;
    }
    // atoms[i] does not fit: break at the last allowed opportunity in (start, i].
    size_t brk = 0;
    for (size_t k = i; k > start; --k) {
      if (can_break_before(atoms, k)) {
        brk = k;
        break;
      }
    }
    if (brk == 0) {
      // One unbreakable run fills the line (a long domain or number): break it anyway, but
      // still keep closing punctuation off the next line's start where possible.
      brk = i;
      while (brk > start + 1 && atoms[brk].kind == Atom::Kind::kChar && is_no_line_start(atoms[brk].cp)) --brk;
    }
    size_t next = brk;
    while (next < n && is_space_atom(atoms[next])) ++next;
    lines.push_back(make_line(atoms, start, brk, next));
    start = next;
  }
  if (lines.empty()) lines.push_back({0, 0, 0, 0.0});
  return lines;
}

}  // namespace beian::render
