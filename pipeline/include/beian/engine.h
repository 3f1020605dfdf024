// beian::Engine — the library's entry point. Create one per process from EngineOptions; it
// owns the heavy shared resources (OCR engines, cascades, fonts) and is used from many
// threads at once.
//
//   beian::EngineOptions options;                    // defaults suit most uses
//   auto engine = beian::Engine::create(options);     // check engine.error() first
//   beian::OrderReport report = engine.value->process_folder("uploads/A001", "out");
//
// Thread safety: every const member function may be called concurrently from any number of
// threads. Ownership: results are plain values owned by the caller; the Engine keeps no
// reference to inputs after a call returns.
//
// Errors: bad input (unreadable files, invalid manifests, unreadable documents) never throws;
// it is reported as findings inside the results. Exceptions are reserved for programming
// errors and resource exhaustion (std::bad_alloc).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "beian/date.h"
#include "beian/order.h"
#include "beian/photo.h"
#include "beian/render/documents.h"
#include "beian/report.h"

namespace beian {

// The library version ("0.1.0"); the same string `beian --version` prints.
std::string_view version();

struct EngineOptions {
  // Folder of data files (templates/). Default: found automatically (see pipeline/base/data_dir.h).
  std::filesystem::path data_dir;
  // OCR worker threads the Engine may use at once. Default 0 = the number of cores.
  int workers = 0;
  // Upload limits. Defaults: 25 MB per file, 40 megapixels per image.
  uint64_t max_file_bytes = 25ull * 1024 * 1024;
  double max_megapixels = 40.0;
  // The day validity rules are judged against when an order has no filing_date.
  // Default (invalid Date) = today in China Standard Time.
  Date today;
  // Secret (at least 16 bytes) for the integrity tag in the QR code of every rendered
  // document; the upload service must verify returned scans with the same secret. Empty =
  // BEIAN_QR_SECRET / BEIAN_QR_SECRET_FILE from the environment, else a built-in development
  // secret (with a warning in the log: codes signed with it can be forged). A secret shorter
  // than 16 bytes makes create() fail.
  std::string qr_secret;
};

// Options of one process_folder() call.
struct ProcessOptions {
  // Reuse OUT/<order-id>/report.json when it is complete and the folder's files and the
  // beian version are unchanged (an interrupted batch continues where it stopped). Default true.
  bool resume = true;
};

class Engine {
 public:
  struct Created {
    std::unique_ptr<Engine> value;  // null on failure
    std::string error;              // why, naming the file or setting at fault
  };
  // Loads data files and resources. Fails (with a message) when the data folder is missing or
  // a data file is malformed.
  static Created create(const EngineOptions& options);

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Processes one upload folder as one order and, when out_root is not empty, writes
  // out_root/<order-id>/report.json (atomically) and the order's other outputs there.
  // A folder whose manifest is invalid yields a report with processed == false whose
  // findings say why; its report goes to out_root/invalid-<folder name>/.
  OrderReport process_folder(const std::filesystem::path& folder, const std::filesystem::path& out_root,
                             const ProcessOptions& options = {}) const;

  // Classifies and reads one uploaded image given as bytes (JPEG, PNG, WebP, TIFF, BMP).
  // `file` names it in the result and findings; `hint` is the type the caller expects (the
  // matching reader then reads it even if it looks unlike that type, and says so).
  DocumentResult read_document(std::string_view bytes, const std::string& file = "upload",
                               std::optional<DocumentType> hint = {}) const;

  // Checks an owner's verification/backdrop photo (file bytes) against a profile
  // (templates/photo/<profile>.json; "default" = the white-wall rules). An unknown profile is
  // reported as a failed check, not thrown.
  PhotoReport check_photo(std::string_view bytes, const std::string& file = "photo",
                          const PhotoOptions& options = {}) const;

  // Runs the pre-review rules on an order and what the readers found in its uploads
  // (`documents` matched to the manifest's uploads by DocumentResult::file). The day validity
  // is judged against is the order's filing date, else EngineOptions::today, else today.
  std::vector<Finding> check_order(const Order& order, const std::vector<DocumentResult>& documents = {}) const;

  // The documents an order needs to be signed (verification sheet per website, commitment
  // letter, authorisation letters where the owner is not the legal representative).
  std::vector<render::DocumentRequest> documents_for(const Order& order) const;
  // Renders one of them as PDF bytes (RenderedDocument::pdf) with its findings. `website` is
  // 1-based for per-website documents, 0 for order-level ones.
  render::RenderedDocument render(const std::string& kind, const Order& order, int website = 0) const;

  // The output folder process_folder() uses for an order id.
  static std::filesystem::path output_dir_for(const std::filesystem::path& out_root, std::string_view order_id);

  const EngineOptions& options() const;

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace beian
