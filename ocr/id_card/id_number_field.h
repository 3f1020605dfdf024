// Reading the 18-character ID number (OCR-B, wide tracking) with several independent OCR
// passes whose characters vote per character cell, then letting the check digit, the birth
// date and the region prefix decide where the passes disagree. The confidence says how the
// value was obtained, so a number is only ever reported as certain when independent passes
// agree on every character and every check passes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>

#include "beian/date.h"
#include "ocr/engine/tesseract_engine.h"
#include "ocr/fields/text_field.h"

namespace beian::ocr {

struct IdNumberSettings {
  std::vector<TextFieldSettings> passes;   // "passes": one OCR configuration per pass
  int margin_x = 16, margin_y = 12;        // "margin": search margin around the layout box
  // Confidences reported for each way of arriving at the value ("confidence" object).
  double unanimous = 0.99;                 // every pass agrees on every character, checks pass
  double majority = 0.93;                  // checks pass, each character has a clear majority
  double check_resolved = 0.72;            // disagreement settled by the check digit alone
  double birth_date_filled = 0.8;          // unread birth-date characters taken from the printed
                                           //   birth date, and the check digit agrees
  double invalid_unanimous = 0.85;         // passes agree on a number that fails its checks
  double invalid = 0.35;                   // failing checks and the passes disagree
  int max_uncertain_cells = 4;             // cells the check digit may try alternatives for
};

IdNumberSettings parse_id_number_settings(const nlohmann::json& j, const std::string& where);

struct IdNumberRead {
  std::string value;            // 18 characters ('?' where nothing was read) or empty
  double confidence = 0.0;
  bool checks_pass = false;     // check digit, birth date and province are valid
  std::string method;           // "unanimous", "majority", "check_resolved", "birth_date_filled",
                                //   "unverified"
  std::string missing_reason;
  cv::Rect line;                // where the number was found (view coordinates)
};

// What the rest of the card says about the number, each set only when read confidently.
// Used for characters the OCR passes could not settle (glare or a thumb over part of the
// number), and for up to two birth digits every pass read alike but the printed date
// contradicts, when the number as read fails its checks and passes them with the printed
// date's digits (1769 read for 1969 under glare). Otherwise a read character is never
// overridden.
struct IdNumberHints {
  std::optional<Date> birth;  // the printed birth date: the 7th-14th characters
  std::optional<bool> male;   // the printed sex: the parity of the 17th character
};

// Reads the number printed inside `box` of the ink view. `min_line_height`: see
// read_text_field. Never throws for image content.
IdNumberRead read_id_number(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& box,
                            const IdNumberSettings& settings, const Date& today, int min_line_height,
                            const IdNumberHints& hints = {});

}  // namespace beian::ocr
