// truth.json as written by beian-samples (docs/samples.md): every image with its document
// type, degradation level, variant and true field values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "beian/ocr/document.h"

namespace beian::eval {

struct TruthImage {
  std::string file;        // relative to the truth file's folder (or absolute)
  std::string order_id;
  DocumentType type = DocumentType::kUnknown;
  std::string level;       // "clean", "photo", "hard"
  std::string variant;     // "valid" or an invalid variant id
  std::vector<std::pair<std::string, std::string>> fields;  // canonical name → true value
  std::string defect;      // portraits: the defect id ("none" for a good photo)
};

struct Truth {
  std::string generator;
  uint64_t seed = 0;
  std::vector<TruthImage> images;
};

// Parses a truth file. Throws std::runtime_error naming the file and the entry at fault
// (not JSON, unknown document type, missing file/type/level, a field that is not a string).
Truth load_truth(const std::filesystem::path& path);
Truth parse_truth(const std::string& json_text, const std::string& source);

}  // namespace beian::eval
