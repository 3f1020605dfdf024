// Reading one printed text field of a rectified document: find its line(s) inside the
// layout box (grown by a margin), OCR each line with the field's settings, and map every
// recognised character back to view coordinates. Shared by all card and page readers.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>

#include "ocr/engine/tesseract_engine.h"
#include "ocr/fields/glyph_check.h"

namespace beian::ocr {

// How one field is OCR'd (templates/ocr/<reader>.json, "fields" → name → these keys).
struct TextFieldSettings {
  OcrLanguage language = OcrLanguage::kChinese;  // "language": "chi_sim" | "eng"
  OcrLayout layout = OcrLayout::kSingleLine;      // "layout": "line" (PSM 7) | "raw_line" (13) | "word" (8)
  std::string whitelist;          // "whitelist": allowed characters; "" = any
  double text_height = 32;        // "text_height": px a line's ink is scaled to before OCR
  int margin_x = 12;              // "margin": [x, y] px the layout box grows by when
  int margin_y = 10;              //   searching for the text (rectification tolerance)
  int max_lines = 1;              // "max_lines"
  double line_pitch = 0;          // "line_pitch": px between lines of a multi-line field
  // "follow_ink": a line reaching a side of the search area is followed beyond it along its
  // ink (find_text_lines). For values printed up to their layout box's edge, far from their label.
  bool follow_ink = false;
  // "max_gap": a line ends at its first gap wider than this many line heights (end_at_gap);
  // 0 = off. For short values with nothing beside them on the card (the ethnicity).
  double max_gap = 0;
  // "keep_final_mark": with passes, a closing mark (。 ， ；…) that a sure pass read after the
  // voted text, and the others lost, is kept (at that pass's share of the vote). For running
  // text, whose small final 。 the recogniser drops.
  bool keep_final_mark = false;
  bool alternatives = false;      // "alternatives": collect per-character alternatives
  // "blur": Gaussian sigma (px of the scaled crop) applied before OCR. chi_sim's LSTM reads
  // some glyphs of small, sharp print better softened (seed 80 ID name crops at a text height
  // of 20: 67/85 exact sharp, 68 with sigma 0.8, 66 at full size with sigma 1.0 against 55).
  double blur = 0;
  double min_confidence = 0.45;   // "min_confidence": below this the field is not trusted
  // "weakest_character": [below, cap]: when any character's confidence is below `below`, the
  // field's (mean) confidence is capped at `cap`. A field is only sure when every character
  // is: one misread character among twenty sure ones hardly moves the mean. cap <= 0: off.
  double weakest_below = 0.0;
  double weakest_cap = 0.0;
  // "passes": [{"layout", "text_height", optional "blur"}, ...]: read the line(s) once per
  // pass and vote per character (see read_text_field). Empty: one read with the settings above.
  struct Pass {
    OcrLayout layout = OcrLayout::kSingleLine;
    double text_height = 32;
    double blur = 0;
  };
  std::vector<Pass> passes;
  // "sure_first_pass": with passes, a first pass that read every character at least this
  // sure is taken alone (the glyph check still follows); the later passes only outvote an
  // unsure first read. 0 (default): off, the passes run until a majority agrees.
  double sure_first_pass = 0;
  // "copies": a one-line field is read as that many copies of its line side by side, and
  // the copies vote per character like passes do. Tesseract's LSTM reads a lone character
  // poorly and the same character repeated well (seed 79 clean fronts: 男 read as 四, 黎 as
  // nothing, 瑶 as 到 alone; each right three times over in a strip of three). 1: off.
  int copies = 1;
  // "glyph_check": {"fonts", "min_gain", "shape_confidence", optional "vocabulary"}: after the
  // read (the passes' vote, or the one read), each Chinese character is re-chosen by its shape
  // among what was read there, and with a vocabulary among its nearest shapes when in doubt
  // (ocr/fields/glyph_check.h). Absent: off.
  GlyphCheckSettings glyph_check;
};

// `voted` (the vote over `reads`) with the closing mark appended that a sure read (>= 0.9)
// had after the same text, when the vote lost it: Tesseract drops a small 。 more often than it
// invents one (seed 83: 技术开发. at 34 px, 技术开发 at 28 and 30). The mark gets its read's
// share of the vote, so it is never sure. Unchanged when `voted` already ends in a mark.
void keep_final_mark(const std::vector<std::vector<OcrSymbol>>& reads, std::vector<OcrSymbol>& voted);

// Per position of `voted`, the characters its glyph check compares: the vote's, each pass's
// of the voted length (`reads`), the recogniser's alternatives, and after a digit
// settings.after_number.
std::vector<std::vector<std::string>> glyph_candidates(const std::vector<std::vector<OcrSymbol>>& reads,
                                                       const std::vector<OcrSymbol>& voted,
                                                       const GlyphCheckSettings& settings);

// Parses one settings object; `where` names it in errors (unknown/missing keys throw).
TextFieldSettings parse_text_field_settings(const nlohmann::json& j, const std::string& where);

// The recogniser's own dictionary as an IsWord (TesseractEngine::is_word); `engine` must
// outlive it.
IsWord dictionary_of(const TesseractEngine& engine);

// Parses a "lexicon" object (GlyphCheckSettings::Lexicon: {"charset", "shortlist", "min_match",
// "min_gain", "min_margin", "pair_shortlist", "pair_min_gain", "pair_keeps_sure" (the last three optional)}); throws
// naming `where` and the key, or a character set iconv does not know.
GlyphCheckSettings::Lexicon parse_lexicon_settings(const nlohmann::json& j, const std::string& where);

// A reading's confidence: the mean of its symbols', capped at weakest_cap when one is below
// weakest_below (settings "weakest_character"); 0 for no symbols.
double field_confidence(const std::vector<OcrSymbol>& symbols, const TextFieldSettings& settings);

// Reads an optional "margin": [x, y] of `j` into x and y (unchanged when absent).
void parse_margin(const nlohmann::json& j, const std::string& where, int& x, int& y);

struct TextFieldRead {
  std::string text;                 // lines joined without separator, white space removed
  double confidence = 0.0;          // mean symbol confidence 0..1
  std::vector<OcrSymbol> symbols;   // boxes in view coordinates
  std::vector<cv::Rect> lines;      // the text lines found, view coordinates
  std::string missing_reason;       // set when no text was found
};

// Reads the field whose layout box is `box` (view coordinates) from `ink` (ink_image of the
// view); ink bands lower than `min_line_height` view pixels are ignored as noise. Never
// throws for image content.
//
// With several passes, the reads of the most common length vote per character (each vote
// weighs 0.5 + its confidence), and a character's confidence is its voters' mean confidence
// times the share of all passes that voted for it: passes that disagree make the field
// unsure instead of letting one confident misreading through. Passes stop early once a
// majority of them has read exactly the same text.
TextFieldRead read_text_field(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& box,
                              const TextFieldSettings& settings, int min_line_height);

// Reads already located lines (view coordinates) as read_text_field does once it has found
// them: several lines as one strip, with the settings' copies and passes voting. White space
// is dropped; boxes are in view coordinates.
std::vector<OcrSymbol> read_located_lines(TesseractEngine& engine, const cv::Mat& ink, const std::vector<cv::Rect>& lines,
                                          const TextFieldSettings& settings);

// OCRs one already located line (view coordinates) with `settings`.
OcrText read_line(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& line, const TextFieldSettings& settings);

}  // namespace beian::ocr
