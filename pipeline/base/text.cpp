#include "pipeline/base/text.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace beian {

std::u32string utf8_to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int len;
    if (c < 0x80) { cp = c; len = 1; }
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; len = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; len = 3; }
    else if ((c >> 3) == 0x1E) { cp = c & 0x07; len = 4; }
    else { out += U'\uFFFD'; ++i; continue; }
    if (i + len > s.size()) { out += U'\uFFFD'; break; }
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) { ok = false; break; }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok) { out += U'\uFFFD'; ++i; continue; }
    out += cp;
    i += len;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string u32_to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t cp : text) append_utf8(out, cp);
  return out;
}

size_t utf8_length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string to_halfwidth(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : utf8_to_u32(text)) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    else if (cp == 0x3000) cp = U' ';
    append_utf8(out, cp);
  }
  return out;
}

std::string normalize_for_compare(std::string_view text) {
  std::string out;
  for (char32_t cp : utf8_to_u32(to_halfwidth(text))) {
    if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000) continue;
    if (cp >= U'a' && cp <= U'z') cp = cp - U'a' + U'A';
    switch (cp) {
      case 0x3002: cp = U'.'; break;   // 。 kept distinct from · below
      case 0x3001: cp = U','; break;   // 、
      case 0x2022: case 0x30FB: case 0xFF0E: case 0x2027: cp = 0x00B7; break;
      case 0x2014: case 0x2013: case 0x2015: cp = U'-'; break;
      default: break;
    }
    append_utf8(out, cp);
  }
  return out;
}

std::string trim(std::string_view text) {
  std::u32string u = utf8_to_u32(text);
  auto space = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000; };
  size_t b = 0, e = u.size();
  while (b < e && space(u[b])) ++b;
  while (e > b && space(u[e - 1])) --e;
  return u32_to_utf8(std::u32string_view(u).substr(b, e - b));
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      out.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

int edit_distance(std::string_view a8, std::string_view b8) {
  const std::u32string a = utf8_to_u32(a8), b = utf8_to_u32(b8);
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace beian
