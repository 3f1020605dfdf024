// The ID card readers' tunable numbers and per-field OCR settings, kept as data in
// templates/ocr/id_card.json (strictly loaded: unknown or missing keys are errors naming
// the file).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ocr/fields/text_field.h"
#include "ocr/id_card/id_number_field.h"

namespace beian::ocr {

struct IdCardClassifierSettings {
  double match_floor = 0.15;    // template match at or below this: confidence 0
  double match_full = 0.55;     // template match at or above this: full confidence from the match
  double margin_full = 0.15;    // lead over the other side/orientation for full confidence
  double min_margin = 0.03;     // a smaller lead is no decision: confidence halves
};

// Fields read under glare (an OCR_GLARE finding on the field): see finish_id_card_side.
struct UnderGlareSettings {
  double max_confidence = 0.6;
  std::vector<std::string> fields;  // the fields no check guards
};

struct IdCardSettings {
  double view_scale = 1.0;                          // rectified view = canonical layout size × this
  int min_months_left = 3;                          // a card must stay valid this long (filing rule)
  double unchecked_period_max_confidence = 0.85;    // a validity date its partner does not confirm
  double unconfirmed_type_confidence = 0.5;         // a side none of whose anchoring fields was read
  IdCardClassifierSettings classifier;
  std::map<std::string, TextFieldSettings> fields;  // front and back fields except id_number
  IdNumberSettings id_number;
  UnderGlareSettings under_glare;
};

// Loaded once (thread-safe). Throws std::runtime_error naming the file.
const IdCardSettings& id_card_settings();

}  // namespace beian::ocr
