// Tunable numbers of the machine-readable-zone reader, kept as data in templates/ocr/mrz.json
// (strictly loaded: an unknown or missing key is an error naming the file).
#pragma once

#include <string>

namespace beian::ocr {

struct MrzSettings {
  std::string font;                 // the OCR-B font the templates are rendered from
  int render_height = 96;           // font size the glyphs are rendered at before shrinking
  int template_height = 30;         // template cell height in pixels (width follows the font)
  double cell_padding = 0.18;       // band above the cap height and below the baseline, × cap height
  int shift_px = 3;                 // template positions tried around each cell centre, ± pixels
  double min_char_score = 0.45;     // a best match below this makes the character unreadable
  double repair_margin = 0.25;      // alternatives scoring within this of the best may repair a check
  double sure_score = 0.75;         // a character is sure when its score reaches this ...
  double sure_margin = 0.04;        // ... and beats every other allowed character by this much
  int max_unsure_per_check = 1;     // a check digit vouches for at most this many unsure characters
  int view_width = 1600;            // rectified document width the MRZ is searched and read in
  double cue_max_aspect = 1.5;      // the best outline searched first only when this narrow
                                    //   (a passport page, 1.42; not an ID-1 card, 1.585)
  // An outline this sure (edge support, share of the image) is the page: when it shows no
  // zone, the cue does not search the whole image as well.
  double cue_page_min_edge_support = 0.95;
  double cue_page_min_area_fraction = 0.2;
  int min_line_chars = 24;          // fewer regularly spaced characters: not an MRZ line
  double line_height_min = 0.018;   // MRZ character height / view width, accepted range
  double line_height_max = 0.09;
  double min_line_width_fraction = 0.55;  // an MRZ line spans at least this much of the view
};

// Loads templates/ocr/mrz.json once (thread-safe). Throws std::runtime_error naming the file.
const MrzSettings& mrz_settings();

}  // namespace beian::ocr
