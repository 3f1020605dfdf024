// The CJK TrueType face every document is set in, loaded once and shared read-only.
//
// libharu 2.3 embeds TrueType fonts only half-subset (about 0.5 MB of WenQuanYi Zen Hei in
// every PDF) and misreads composite glyph ids >= 32768. FontFace therefore cuts a true subset
// with HarfBuzz (hb-subset) holding exactly the code points a document uses; that small .ttf
// (new, small glyph ids) is what the PDF writer embeds.
//
// Widths are reported the way libharu computes them (advance * 1000 / unitsPerEm, truncated),
// so text measured here is exactly as wide as libharu draws it.
//
// Thread safety: every const member may be called from many threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct hb_face_t;

namespace beian::render {

class FontFace {
 public:
  // Loads face `index` of the font file at `path` (.ttf or .ttc). Throws std::runtime_error
  // naming the file when it cannot be read, the index does not exist, or the face has no
  // TrueType (glyf) outlines, which is all libharu can embed.
  static std::shared_ptr<const FontFace> load(const std::filesystem::path& path, unsigned index);

  ~FontFace();
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;

  // True when the face has a glyph for `cp`. Always false outside the BMP: libharu's UTF-8
  // mode cannot draw those even when the font has them.
  bool covers(char32_t cp) const;
  // Advance width of `cp` in 1/1000 em as libharu computes it; 0 when not covered.
  int advance_permille(char32_t cp) const;
  // Width of `text` in points at `size` points (uncovered characters count as 0).
  double text_width(std::u32string_view text, double size) const;

  // A TrueType file holding only .notdef and the glyphs of `codepoints` (which must be
  // covered; others are ignored), hinting and layout tables dropped. Throws
  // std::runtime_error when HarfBuzz cannot subset the face.
  std::string subset(const std::vector<char32_t>& codepoints) const;

  const std::filesystem::path& path() const { return path_; }
  unsigned index() const { return index_; }
  // Number of code points the face covers (for diagnostics).
  size_t coverage() const { return advances_.size(); }

 private:
  FontFace() = default;
  std::filesystem::path path_;
  unsigned index_ = 0;
  hb_face_t* face_ = nullptr;
  std::unordered_map<char32_t, uint16_t> advances_;  // covered BMP code point → width ‰ em
};

}  // namespace beian::render
