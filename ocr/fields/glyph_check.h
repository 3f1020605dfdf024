// Choosing between the characters the recogniser offered for one printed Chinese character by
// the character's shape. chi_sim's fast model reads clean name print unstably: a sharp 潘文 at
// 34 px came back 肖文, 汤文, 潘文, 肖文, 肖文, 渗文 over six passes, so the vote chose 肖. The
// right character is usually among what the passes read; rendered in a few CJK fonts it
// matches the printed glyph far better than the look-alikes do (潘 and 肖 share little but
// their size). Used by read_text_field for the fields whose settings ask for it.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/engine/tesseract_engine.h"

namespace beian::ocr {

// "glyph_check" of a field's OCR settings (templates/ocr/<reader>.json).
struct GlyphCheckSettings {
  std::vector<std::string> fonts;  // font files the candidates are rendered in (Debian fonts)
  double min_gain = 0.05;          // a candidate replaces the voted character only when its shape
                                   // matches better by at least this much (correlation, -1..1)
  // Confidence of a character its shape decided: chosen over the vote, or the vote's own
  // character matching better than every rival by min_gain (kept when already higher). Below
  // a field's weakest_character threshold, so a shape-decided field is never "sure".
  double shape_confidence = 0.8;
  bool enabled() const { return !fonts.empty(); }
};

// How well character `c` rendered in the best of `fonts` matches `cell`, a greyscale crop
// (dark ink on light paper) tight around one printed character: the correlation coefficient
// of both, scaled to one size and softened, -1..1. Thread-safe; glyphs are rendered once per
// thread and font.
double glyph_match(const cv::Mat& cell, const std::string& c, const std::vector<std::string>& fonts);

// The cells of the `count` characters printed on `line` of `ink` (dark on light), left to
// right, each tight around its ink: the ink's column runs when there are exactly `count` of
// them (after closing gaps narrower than a tenth of the line's height), else `count` equal
// slices of the ink's extent. Empty when the line holds no ink.
std::vector<cv::Rect> character_cells(const cv::Mat& ink, const cv::Rect& line, size_t count);

// `symbols` (one line's voted characters) with each Chinese character replaced by the one of
// its `candidates` whose shape matches its cell best, when that beats the voted one by
// settings.min_gain. A replaced character, and a voted one that beats every rival by
// min_gain, gets (at least) settings.shape_confidence. candidates[i] are the distinct
// characters offered at position i; a position with one candidate is left as it is.
// Unchanged when the cells cannot be found.
std::vector<OcrSymbol> check_glyphs(const cv::Mat& ink, const cv::Rect& line, std::vector<OcrSymbol> symbols,
                                    const std::vector<std::vector<std::string>>& candidates,
                                    const GlyphCheckSettings& settings);

// The entry of a closed `vocabulary` (ethnic groups) whose characters, rendered, match the ink
// printed on `line` best: an entry of k characters is compared with k cells (character_cells)
// and scored by its characters' mean match. The best entry when it beats every other by
// settings.min_gain; empty otherwise (also when the line holds no ink).
std::string closest_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& vocabulary,
                             const GlyphCheckSettings& settings);

}  // namespace beian::ocr
