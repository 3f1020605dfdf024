// Settings of the business licence reader, from templates/ocr/business_licence.json.
#pragma once

#include <string>
#include <vector>

#include "ocr/business_licence/licence_fields.h"
#include "ocr/fields/glyph_check.h"
#include "ocr/fields/printed_dates.h"
#include "ocr/fields/text_field.h"
#include "ocr/quality/screen_pattern.h"
#include "ocr/unit_certificate/authority_names.h"
#include "ocr/unit_certificate/unit_names.h"
#include "ocr/unit_certificate/labelled_fields.h"

namespace beian::ocr {

struct SealSettings {
  double min_diameter = 0.12;     // seal size / page height, accepted range
  double max_diameter = 0.45;
  double min_red_fraction = 0.04; // red pixels / seal box area, at least
  int min_saturation = 70;        // HSV thresholds of "red"
  int min_value = 60;
  int erase_min_redness = 20;     // erase_red_print: R - max(G, B) from which a pixel is red print
  int erase_min_ink_level = 60;   //   ... unless its ink level is darker than this (text under the seal)
  int unmix_min_redness = 60;     // unmix_seal measures the seal's colour on pixels at least this red
};

// "modules" of qr_retry (templates/ocr/business_licence.json): decode_qr_by_modules.
struct QrModuleSettings {
  int min_version = 1;                  // QR versions tried (21 + 4·(v-1) modules a side);
  int max_version = 0;                  // none by default: off
  std::vector<double> blur_sigmas{0};   // the print's blur (Gaussian, in modules) undone, tried in turn
  double min_finder_match = 0.5;        // a grid's three finder patterns match at least this
  std::vector<double> refine_steps;     // the grid's control points moved by these (modules)
  int refine_rounds = 2;                // refinements, each under the blur then fitting best
  int max_grids = 2;                    // versions tried, best finder match first
  bool enabled() const { return max_version >= min_version && !blur_sigmas.empty(); }
};

// "qr_retry": a QR code too small or soft to decode on the photo is read again in the
// rectified view, where the layout prints it (decode_small_qr).
struct QrRetrySettings {
  double margin = 0.3;                  // added around the layout's QR box, per side, of its size
  std::vector<double> scales;           // enlargements tried; empty: off
  std::vector<double> sharpen{0.0};     // unsharp-mask amounts tried at each scale
  QrModuleSettings modules;             // then by its module grid (qr_modules.h); off unless set
};

struct LicenceSettings {
  int view_width = 1782;                 // rectified page width the fields are read at
  LabelledReadSettings labelled;         // labels and value OCR per field
  TextFieldSettings issue_date_ocr;      // the unlabelled date under the registration authority
  DateShapeSettings date_shapes;         // the issue date, established date and business term by their
                                         // digits' shapes when their lines read as no date
  std::vector<std::string> copy_marks;   // "副本"
  std::vector<std::string> original_marks;  // "正本"
  NameListSettings company_types;        // the closed list of company types (类型)
  AuthoritySettings authority;           // registration authority names from the credit code's region
  UnitNameSettings name_parts;           // the company name's region and ending by shape (optional)
  ShapeChoiceSettings address_region;    // the address's opening region by shape (optional; fonts empty: off)
  CapitalGrammar capital;                // registered capital (and a certificate's funds)
  TermEndSettings term_ends;             // the business term's end by convention (optional)
  SealSettings seal;
  ScreenPatternSettings screen;          // a photo of the licence on a screen
  PrintCheckSettings qr_print_check;     // the printed code's glyphs against the QR code's code
  QrRetrySettings qr_retry;              // a QR code decode_qr missed, read again where printed
  double min_field_confidence = 0.5;     // a reading below this is missing, not a guess
  double credit_code_checked = 0.97;     // confidence of a code whose check character holds
  double credit_code_from_qr = 0.95;     // confidence of a code taken from the QR code
  double credit_code_printed_failing = 0.5;  // a code failing its checks that the print shows as read
  double qr_and_title_confidence = 0.99; // classification: a QR code with a valid code under the title
  double title_cue_confidence = 0.99;    // classification: the title alone on a page-shaped outline
};

// Loaded once (thread-safe). Throws std::runtime_error naming the file and key.
const LicenceSettings& licence_settings();

}  // namespace beian::ocr
