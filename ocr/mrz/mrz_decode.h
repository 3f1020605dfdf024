// Turning the OCR-B matcher's glyph scores into MRZ text: each position keeps only the
// characters its format allows there (digits in dates, letters in names, ...), then every
// failing check digit is repaired with the cheapest single substitution among the close
// alternatives the matcher saw, when that choice is clear. Formats (TD3, the permit line) are
// data in templates/ocr/mrz.json.
#pragma once

#include <string>
#include <vector>

#include "ocr/mrz/mrz_lines.h"

namespace beian::ocr {

// One check digit of a format: the characters it covers (line-relative [begin, end) ranges on
// one line) and the position of the digit.
struct MrzCheck {
  std::string field;                          // "document_number", "birth_date", ..., "composite"
  int line = 0;
  std::vector<std::pair<int, int>> ranges;
  int check = 0;
};

struct MrzFormat {
  std::string name;                           // "td3", "travel_permit"
  std::vector<std::string> lines;             // per position, the allowed characters
  std::vector<MrzCheck> checks;
};

// The formats of templates/ocr/mrz.json, by name; throws std::runtime_error naming the file
// and the key when malformed or when `name` is not defined.
const MrzFormat& mrz_format(const std::string& name);

struct MrzDecoding {
  std::vector<std::string> lines;             // decoded text, one per format line
  std::vector<std::vector<float>> scores;     // the chosen character's score, per position
  std::vector<std::string> failed_checks;     // fields whose check digit still fails
  std::vector<std::string> repaired_checks;   // fields repaired by a substitution
  int repaired_chars = 0;

  bool checks_ok() const { return failed_checks.empty(); }
  bool check_ok(const std::string& field) const;
  bool repaired(const std::string& field) const;
  // Lowest chosen score over [begin, end) of `line`.
  double min_score(int line, int begin, int end) const;
};

// Decodes the readings (one per format line, same lengths as the format).
// REQUIRES: readings.size() == format.lines.size() and each reading has the line's length.
MrzDecoding decode_mrz(const MrzFormat& format, const std::vector<MrzLineReading>& readings,
                       const MrzSettings& settings);

// True when `check` holds on `lines` (a '<' check digit counts as 0 for an all-filler field).
bool mrz_check_holds(const MrzCheck& check, const std::vector<std::string>& lines);

}  // namespace beian::ocr
