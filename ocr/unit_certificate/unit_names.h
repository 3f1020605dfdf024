// A unit's registered name is built of parts: the region it is registered in, its own word
// (字号), what it does and its legal form (企业名称登记管理规定 art. 6: 杭州 + 同创 + 网络科技 +
// 有限公司); an institution's or a society's name ends in the kind of organisation it is
// (济南市 + 明德 + 研究院). On a small or blurred photo chi_sim garbles characters of every
// part (杖州网创网络料技有限公司). The region comes from the credit code and the endings from
// a list (templates/data/unit_name_parts.json), so those parts can be compared by shape with
// the printed line; the unit's own word stays as read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>

#include "beian/ocr/document.h"
#include "ocr/unit_certificate/labelled_fields.h"

namespace beian::ocr {

// "name_parts" of a reader's settings (templates/ocr/business_licence.json, unit_certificate.json).
struct UnitNameSettings {
  std::vector<std::string> fonts;  // "fonts": the fonts candidates are rendered in; empty: off
  // "endings": "company" (a trade and a legal form, or a form alone) or "organisation".
  std::vector<std::string> endings;
  // "max_edit_share": an ending is tried in place of the reading's last characters when at
  // most this share of its characters differ (edit distance; the reading's ending may be a
  // character longer or shorter, a glyph split in two or two merged).
  double max_edit_share = 0.5;
  // Candidates are weighed in characters' worth: their shape's mean match (shape_scores) times
  // the reading's length, less edit_cost per character changed from the reading, plus
  // part_bonus for opening with a place and for ending with a listed ending (the reading too
  // earns them). The best replaces the reading when its shape matches at least min_match and
  // it leads every other candidate, the reading included, by min_margin.
  double min_match = 0.5;
  double edit_cost = 0.2;
  double part_bonus = 0.5;
  double min_margin = 0.2;
  // "min_own_characters": the fewest characters of the unit's own word between the parts
  // (a company's 字号 is two or more; an institution may have none: 济南市档案馆).
  int min_own_characters = 2;
  double confidence = 0.75;        // "confidence": most a name so chosen is trusted
  // "own_word" (optional) {"min_match", "min_gain", "sure_min_gain", "min_margin"}: a
  // character of the unit's own word (between the place it opens with and the listed ending)
  // that is none of those common in own words (templates/data/unit_name_parts.json
  // own_word_characters: 网创 read for 同创, 羚云 for 凌云) is compared with them by shape; the
  // best replaces it when it matches min_match, better than the reading by min_gain (by
  // sure_min_gain where the recogniser was sure of it: a rare own word read right stands)
  // and than the next by min_margin.
  struct OwnWord {
    bool enabled = false;
    double min_match = 0.5;
    double min_gain = 0.05;
    double sure_min_gain = 0.1;
    double min_margin = 0.03;
    // "lexicon" (optional): an own word that is no word of the recogniser's dictionary has
    // its characters weighed against the close shapes that would make it one (check_words on
    // the own word alone, so no word runs into the place or the ending).
    GlyphCheckSettings::Lexicon lexicon;
  } own_word;
  double glare_min_judged = 0.5;   // "glare_min_judged": as ShapeChoiceSettings
  bool enabled() const { return !fonts.empty() && !endings.empty(); }
};

// Parses {"fonts", "endings", "max_edit_share", "min_match", "min_gain", "min_margin",
// "confidence", "glare_min_judged" (optional)}; throws naming `where` and the key (an unknown
// "endings" kind, a font that is not installed).
UnitNameSettings parse_unit_name_settings(const nlohmann::json& j, const std::string& where);

// The places a unit registered under `credit_code` (its characters 3-8 are the registering
// region) may open its name with: the province, prefecture and county, each with and without
// its suffix (浙江省/浙江, 杭州市/杭州, 滨江区/滨江). Without a code of a listed region, those of
// the region `address` starts with. Empty when neither names a listed region.
std::vector<std::string> name_places(const std::string& credit_code, const std::string& address = "");

// The region `credit_code` (18 characters) was registered in as an address opens with it
// (Region::full_name: 广东省广州市荔湾区, 北京市海淀区), or empty for no code of a listed region.
std::string registered_region(const std::string& credit_code);

// The unit name `line` of `ink` (dark on light) shows, when `reading` (the name as read, one
// line) is wrong in its region or ending: every candidate opening with one of `places` (in
// place of as many of the reading's first characters, or one more or one fewer) and/or ending
// with one of settings.endings (in place of a reading's ending that differs from it in at
// most max_edit_share of its characters), the reading's characters between kept, is compared
// with the line by shape (shape_scores; under `glare`, a glare_mask, cells under the spot not
// judged), and the best is returned as settings require. nullopt when off, when the reading
// holds no Chinese character, or when no candidate is clearly better than the reading.
// `reading_ends_early`: the reading stopped at a glare spot that `line` is continued across;
// an ending may then also continue it, its first characters in place of the reading's last
// ones (as many as differ from them in at most max_edit_share, or none).
std::optional<std::string> unit_name_by_parts(const cv::Mat& ink, const cv::Rect& line, const std::string& reading,
                                              const std::vector<std::string>& places, const UnitNameSettings& settings,
                                              const cv::Mat& glare = {}, bool reading_ends_early = false);

// `name` with the characters of its own word that no unit would choose replaced as
// settings.own_word asks, when it opens with one of `places` and ends with a listed ending
// (cells cut over `line` of `ink` for its characters); `read`: the recogniser's symbols for
// the line, whose confidences say which own-word characters it was sure of (none: unsure).
// nullopt when nothing changed or off.
// With `is_word` and settings.own_word.lexicon, the own word is then checked as a word.
std::optional<std::string> own_word_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::string& name,
                                             const std::vector<std::string>& places, const UnitNameSettings& settings,
                                             const std::vector<OcrSymbol>& read = {}, const IsWord& is_word = {});

// `value` (the name field's value as read from `reading`) with its region and ending chosen
// by shape (unit_name_by_parts) on `ink` and, when a glare spot ended its one line, across the
// spot on the page restored there, then its own word's characters (own_word_by_shape, on the
// line as found: not after a name completed across a spot); its confidence at most
// settings.confidence when changed.
// Unchanged when settings are off, the value is missing or the reading spans lines.
FieldValue unit_name_value(FieldValue value, const cv::Mat& ink, GlareViews& glare, const FieldReading& reading,
                           const std::vector<std::string>& places, const UnitNameSettings& settings,
                           const IsWord& is_word = {});

}  // namespace beian::ocr
