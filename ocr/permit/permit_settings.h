// Settings of the travel permit readers, from templates/ocr/permit.json (strictly loaded).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "beian/ocr/document.h"
#include "ocr/fields/text_field.h"

namespace beian::ocr {

// A printed permit number format: per pattern letter, the characters allowed there.
struct PermitNumberFormat {
  std::map<char, std::string> classes;
  std::vector<std::string> patterns;   // e.g. "LDDDDDDDD"
};

struct PermitSettings {
  double min_card_aspect = 1.4, max_card_aspect = 1.8;  // accepted quad aspect
  size_t max_quads = 4;                 // card-shaped quads tried, best first
  int number_margin_x = 60, number_margin_y = 36;  // number search beyond its layout box (canonical px)
  double min_number_score = 0.55;       // mean OCR-B glyph score of a believable number
  double cue_min_title_similarity = 0.99;  // title read this well (with the number) is decisive...
  double cue_confidence = 0.99;            // ...at this confidence
  double align_below = 0.6;             // outlines matching the layout's printed text less are aligned with it
  // "title_overrules": a title read this close to another permit's than to the one its number
  // suggested decides the type even when that permit's number cannot be read there (a glare
  // spot over the H of 港澳居民来往内地通行证's number left eight digits: a Taiwan permit's
  // format). 0: off.
  double title_overrules = 0;
  TextFieldSettings title_ocr;
  std::map<DocumentType, std::string> titles;
  std::map<DocumentType, PermitNumberFormat> number_formats;
  std::map<std::string, TextFieldSettings> fields;
};

// Loaded once (thread-safe). Throws std::runtime_error naming the file and key.
const PermitSettings& permit_settings();

// The three permit types, in the order they are tried.
const std::vector<DocumentType>& permit_types();

}  // namespace beian::ocr
