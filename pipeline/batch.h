// Processing many upload folders, N orders at a time, as `beian process` does.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "beian/engine.h"

namespace beian {

struct BatchOrder {
  std::filesystem::path folder;
  OrderReport report;
  bool reused = false;       // an earlier complete report was kept (resume)
  bool duplicate = false;    // another folder of the batch has the same order id: not processed
  double seconds = 0.0;
};

struct BatchResult {
  std::vector<BatchOrder> orders;  // in the order the folders were given
  int processed() const;           // orders with processed == true
  int failed() const;              // orders that could not be processed
  bool any_invalid_manifest() const;
};

struct BatchOptions {
  int jobs = 0;                    // orders processed at once; 0 = number of cores
  bool resume = true;
  // Called (from worker threads, serialised) after each order finishes.
  std::function<void(const BatchOrder&, size_t done, size_t total)> on_order_done;
};

// Processes every folder; one folder's failure never stops the others. Folders that share an
// order id with an earlier folder are not processed (they would overwrite its outputs).
// Writes out_root/summary.json atomically at the end.
BatchResult run_batch(const Engine& engine, const std::vector<std::filesystem::path>& folders,
                      const std::filesystem::path& out_root, const BatchOptions& options);

// The summary.json document.
std::string summary_json(const BatchResult& result, const std::filesystem::path& out_root);

}  // namespace beian
