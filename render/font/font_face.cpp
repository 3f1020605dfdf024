#include "render/font/font_face.h"

#include <hb-subset.h>
#include <hb.h>

#include <stdexcept>

namespace beian::render {
namespace {

// Tables libharu 2.3 never reads. Dropping them keeps the subset small; everything libharu
// requires when embedding (OS/2 cmap cvt fpgm glyf head hhea hmtx loca maxp name post prep)
// is kept, which is also why hinting is NOT dropped (cvt/fpgm/prep are mandatory there).
constexpr const char* kDroppedTables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "DSIG", "kern",
                                          "gasp", "hdmx", "LTSH", "VDMX", "vhea", "vmtx", "EBDT",
                                          "EBLC", "EBSC", "PCLT", "morx", "mort", "kerx"};

hb_tag_t tag_of(const char* s) { return hb_tag_from_string(s, 4); }

}  // namespace

std::shared_ptr<const FontFace> FontFace::load(const std::filesystem::path& path, unsigned index) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!blob) throw std::runtime_error(path.string() + ": cannot read the font file");
  const unsigned faces = hb_face_count(blob);
  if (index >= faces) {
    hb_blob_destroy(blob);
    throw std::runtime_error(path.string() + ": font face index " + std::to_string(index) + " does not exist (" +
                             std::to_string(faces) + " faces)");
  }
  std::shared_ptr<FontFace> font(new FontFace());
  font->path_ = path;
  font->index_ = index;
  font->face_ = hb_face_create(blob, index);
  hb_blob_destroy(blob);  // the face holds its own reference
  hb_face_make_immutable(font->face_);

  hb_blob_t* glyf = hb_face_reference_table(font->face_, tag_of("glyf"));
  const bool has_glyf = hb_blob_get_length(glyf) > 0;
  hb_blob_destroy(glyf);
  if (!has_glyf) {
    throw std::runtime_error(path.string() + ": face " + std::to_string(index) +
                             " has no TrueType (glyf) outlines; libharu can embed TrueType fonts only");
  }

  const unsigned upem = hb_face_get_upem(font->face_);
  hb_font_t* hb_font = hb_font_create(font->face_);
  hb_font_set_scale(hb_font, static_cast<int>(upem), static_cast<int>(upem));
  hb_set_t* unicodes = hb_set_create();
  hb_face_collect_unicodes(font->face_, unicodes);
  hb_codepoint_t cp = HB_SET_VALUE_INVALID;
  while (hb_set_next(unicodes, &cp)) {
    if (cp > 0xFFFF) break;  // libharu's UTF-8 mode is BMP-only
    hb_codepoint_t glyph = 0;
    if (!hb_font_get_nominal_glyph(hb_font, cp, &glyph) || glyph == 0) continue;
    const auto advance = static_cast<unsigned>(hb_font_get_glyph_h_advance(hb_font, glyph));
    font->advances_.emplace(static_cast<char32_t>(cp), static_cast<uint16_t>(advance * 1000 / upem));
  }
  hb_set_destroy(unicodes);
  hb_font_destroy(hb_font);
  return font;
}

FontFace::~FontFace() {
  if (face_) hb_face_destroy(face_);
}

bool FontFace::covers(char32_t cp) const { return advances_.count(cp) != 0; }

int FontFace::advance_permille(char32_t cp) const {
  const auto it = advances_.find(cp);
  return it == advances_.end() ? 0 : it->second;
}

double FontFace::text_width(std::u32string_view text, double size) const {
  long permille = 0;
  for (char32_t cp : text) permille += advance_permille(cp);
  return static_cast<double>(permille) * size / 1000.0;
}

std::string FontFace::subset(const std::vector<char32_t>& codepoints) const {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw std::runtime_error("HarfBuzz: cannot allocate a subset input");
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t cp : codepoints) {
    if (covers(cp)) hb_set_add(unicodes, cp);
  }
  hb_set_t* dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : kDroppedTables) hb_set_add(dropped, tag_of(t));
  // libharu takes the PostScript and style names from Macintosh or Windows-English records;
  // keep the legacy (Macintosh) records so either is found.
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NAME_LEGACY);

  hb_face_t* subset = hb_subset_or_fail(face_, input);
  hb_subset_input_destroy(input);
  if (!subset) throw std::runtime_error(path_.string() + ": HarfBuzz could not subset the font");
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string bytes(data ? data : "", length);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  if (bytes.empty()) throw std::runtime_error(path_.string() + ": HarfBuzz produced an empty subset");
  return bytes;
}

}  // namespace beian::render
