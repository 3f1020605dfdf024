// The specimen generator: writes N order folders (order.json + camera-named JPEG uploads)
// and truth.json at the output root, mapping every image to its type, level, variant and
// true field values (docs/samples.md describes the format). Deterministic for a seed.
#pragma once

#include <filesystem>

#include "samples/order_builder.h"

namespace beian::samples {

struct GeneratorOptions {
  int orders = 5;              // number of order folders
  OrderOptions order;          // seed, levels, reference date, invalid rate, portraits
  int jobs = 0;                // worker threads; 0 = hardware threads
  // Where truth.json goes; image paths in it are relative to its folder. Default: out/truth.json.
  std::filesystem::path truth_path;
};

struct GeneratorSummary {
  int orders = 0;
  int images = 0;
  std::filesystem::path truth;  // the truth.json written
};

// Writes out/<order_id>/... and the truth file (all files atomically). Existing order folders
// of the same ids are replaced file by file. Throws std::runtime_error naming the path when
// a file cannot be written or a data file is malformed.
GeneratorSummary generate_orders(const GeneratorOptions& options, const std::filesystem::path& out);

// truth.json's document for a set of orders written under `out`, with image paths relative
// to `truth_dir`.
nlohmann::json truth_json(const std::vector<GeneratedOrder>& orders, uint64_t seed, const std::filesystem::path& out,
                          const std::filesystem::path& truth_dir);

}  // namespace beian::samples
