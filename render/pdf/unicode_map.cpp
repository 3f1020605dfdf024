#include "render/pdf/unicode_map.h"

#include <cstdio>
#include <set>
#include <stdexcept>

namespace beian::render {
namespace {

// The unsigned integer that follows `key` at or after `from`, or throws.
unsigned long number_after(const std::string& pdf, const std::string& key, size_t from) {
  const size_t at = pdf.find(key, from);
  if (at == std::string::npos) throw std::runtime_error("PDF has no '" + key + "'");
  size_t p = at + key.size();
  while (p < pdf.size() && (pdf[p] == ' ' || pdf[p] == '\r' || pdf[p] == '\n')) ++p;
  unsigned long v = 0;
  bool any = false;
  while (p < pdf.size() && pdf[p] >= '0' && pdf[p] <= '9') {
    v = v * 10 + static_cast<unsigned long>(pdf[p++] - '0');
    any = true;
  }
  if (!any) throw std::runtime_error("PDF: no number after '" + key + "'");
  return v;
}

std::string identity_cmap(const std::vector<char32_t>& codepoints) {
  // One bfrange per 256-code row used; a range never crosses its last byte (§9.10.3).
  std::set<unsigned> rows;
  for (char32_t cp : codepoints)
    if (cp <= 0xFFFF) rows.insert(static_cast<unsigned>(cp) >> 8);
  std::string ranges;
  size_t in_section = 0;
  std::string section;
  const auto flush = [&] {
    if (in_section == 0) return;
    ranges += std::to_string(in_section) + " beginbfrange\n" + section + "endbfrange\n";
    section.clear();
    in_section = 0;
  };
  for (unsigned row : rows) {
    char line[48];
    std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", row, row, row);
    section += line;
    if (++in_section == 100) flush();  // at most 100 entries per section
  }
  flush();
  return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
         ranges + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

}  // namespace

std::string add_unicode_map(std::string pdf, const std::vector<char32_t>& codepoints) {
  const unsigned long object = number_after(pdf, "/ToUnicode", 0);
  const size_t trailer = pdf.rfind("trailer");
  if (trailer == std::string::npos) throw std::runtime_error("PDF has no classic trailer");
  const unsigned long size = number_after(pdf, "/Size", trailer);
  const unsigned long root = number_after(pdf, "/Root", trailer);
  const unsigned long info = pdf.find("/Info", trailer) != std::string::npos ? number_after(pdf, "/Info", trailer) : 0;
  const unsigned long prev = number_after(pdf, "startxref", trailer);

  const std::string cmap = identity_cmap(codepoints);
  if (pdf.back() != '\n') pdf += '\n';
  const size_t object_at = pdf.size();
  pdf += std::to_string(object) + " 0 obj\n<<\n/Length " + std::to_string(cmap.size()) + "\n>>\nstream\n" + cmap +
         "endstream\nendobj\n";
  const size_t xref_at = pdf.size();
  char entry[24];
  pdf += "xref\n0 1\n0000000000 65535 f \n" + std::to_string(object) + " 1\n";
  std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", object_at);
  pdf += entry;
  pdf += "trailer\n<<\n/Root " + std::to_string(root) + " 0 R\n" +
         (info ? "/Info " + std::to_string(info) + " 0 R\n" : std::string()) + "/Size " + std::to_string(size) +
         "\n/Prev " + std::to_string(prev) + "\n>>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return pdf;
}

}  // namespace beian::render
