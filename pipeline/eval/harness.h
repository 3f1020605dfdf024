// The accuracy harness behind `beian eval`: runs a reader over every image of a truth file
// and scores it per document type × degradation level — per field exact-match rate after
// normalisation, document-level "all fields right" rate, type-classification accuracy,
// mean and 95th-percentile time per image, and the worst kind of error: a wrong ID number or
// credit code returned with high confidence.
//
// The reader is a callback, so tests can inject deliberately wrong results and check the
// numbers, and the CLI can plug in the Engine.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "beian/ocr/document.h"
#include "pipeline/eval/truth.h"

namespace beian::eval {

// Reads one image file. May throw; a throw counts as an empty result (type unknown).
using Reader = std::function<DocumentResult(const std::filesystem::path& image)>;

struct EvalOptions {
  std::filesystem::path images_root;      // image paths are relative to this; default: the truth file's folder
  double confident = 0.9;                 // confidence at and above which a wrong value is "confident"
  // Fields whose confident errors are reported separately. Default: id_number, credit_code.
  std::vector<std::string> critical_fields = {"id_number", "credit_code"};
};

struct FieldScore {
  std::string field;
  int total = 0;            // images whose truth has this field
  int correct = 0;          // read value equals the truth after normalisation
  int missing = 0;          // reader returned no value
  int confident_wrong = 0;  // present, wrong, confidence >= EvalOptions::confident
  long truth_chars = 0;     // characters of the normalised truths
  long char_errors = 0;     // edit distance read -> truth, summed (a missing value: every character)
  double rate() const { return total ? static_cast<double>(correct) / total : 0.0; }
  // Character error rate over all images: what exact-match hides on long text (a business
  // scope right but for its final 。 is one error in ~50 characters).
  double cer() const { return truth_chars ? static_cast<double>(char_errors) / truth_chars : 0.0; }
};

struct GroupScore {
  DocumentType type = DocumentType::kUnknown;
  std::string level;
  int images = 0;
  int type_correct = 0;       // classified as the true type
  int all_right = 0;          // type right and every truth field right
  int unreadable = 0;         // the image file was missing or the reader threw
  std::vector<FieldScore> fields;   // in the truth's field order
  double mean_ms = 0, p95_ms = 0;
};

struct EvalReport {
  std::string truth_file;
  int images = 0;
  int type_correct = 0;
  int all_right = 0;
  double mean_ms = 0, p95_ms = 0;
  std::vector<GroupScore> groups;            // by type (declaration order) then level (clean, photo, hard)
  std::vector<FieldScore> critical;          // EvalOptions::critical_fields over all images
  double confident = 0.9;

  nlohmann::json to_json() const;
  // The human-readable table `beian eval` prints.
  std::string to_table() const;
};

// The comparison form of a field value: dates (fields named *_date, *_from, *_until) as
// YYYY-MM-DD when they parse, "长期" kept; everything else beian::normalize_for_compare.
std::string normalise_field(std::string_view field, std::string_view value);
bool field_matches(std::string_view field, std::string_view truth, std::string_view read);

// Scores `reader` on every image of `truth`. Never throws for reader failures or missing
// images (they score as unreadable).
EvalReport evaluate(const Truth& truth, const Reader& reader, const EvalOptions& options);

// Percentile (0-100) of `values` by linear interpolation; 0 for none.
double percentile(std::vector<double> values, double p);

}  // namespace beian::eval
