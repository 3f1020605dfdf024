// Where an order's files live in the data folder, and the order's live report.
//
//   DATA/orders/<id>/files/<sha256>.<ext>     every accepted upload, named by its content
//   DATA/orders/<id>/documents/<name>.pdf     the rendered documents to print and sign
//   DATA/orders/<id>/folder/                  the upload folder the Engine processes: order.json
//                                             plus, per slot, a hard link to its current upload
//   DATA/reports/<id>/report.json             the Engine's report (beian.report/1)
//
// File names come only from validated order ids, SHA-256 digests, detected formats and slot
// ids computed from the order, never from the client.
//
// Thread safety: all members may be called from many threads; an order's folder and report
// are rebuilt under that order's own lock.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beian/order.h"
#include "beian/report.h"
#include "pipeline/server/engine_adapter.h"
#include "pipeline/server/store.h"
#include "pipeline/server/upload_slots.h"

namespace beian::server {

// The upload that currently stands for each slot: the latest accepted one (status ok or
// warning); when none was accepted, the latest one that needs a retake (so the report says
// why). Rejected uploads and duplicates never stand for a slot.
std::map<std::string, UploadRow> current_uploads(const std::vector<UploadRow>& rows);

// File extension for a detected format ("jpeg" → "jpg").
std::string extension_for(const std::string& format);

class OrderWorkspace {
 public:
  OrderWorkspace(std::filesystem::path data_dir, Store& store, const EngineAdapter& engine);

  // Writes `bytes` (whose digest is `sha256`) as the order's blob, atomically and durably, and
  // returns its path relative to the data folder. Writing the same content twice is harmless.
  std::string store_blob(const std::string& order_id, const std::string& sha256, const std::string& format,
                         std::string_view bytes);
  // The bytes of a stored blob. Throws std::runtime_error when missing.
  std::string read_blob(const std::string& relative) const;

  // Renders every document the order needs, stores the PDFs and records them (replacing earlier
  // ones). Returns the findings of the renderer (missing fields, unprintable characters).
  std::vector<Finding> render_documents(const Order& order);
  // The file of a rendered document recorded for the order, or nullopt.
  std::optional<std::filesystem::path> document_file(const std::string& order_id, const std::string& name);
  // The rendered documents recorded for the order, as return slots.
  std::vector<ReturnDocument> return_documents(const std::string& order_id);

  // The order's report for its current uploads; rebuilt (folder + Engine) only when the order's
  // revision moved since the last one.
  OrderReport report(const Order& order);

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  std::filesystem::path order_dir(const std::string& order_id) const;
  void materialise_folder(const Order& order, const std::filesystem::path& folder);
  std::mutex& order_mutex(const std::string& order_id);

  std::filesystem::path data_dir_;
  Store& store_;
  const EngineAdapter& engine_;
  std::mutex mutex_;  // guards the two maps
  std::map<std::string, std::unique_ptr<std::mutex>> order_mutexes_;
  std::map<std::string, std::pair<int64_t, OrderReport>> reports_;  // order → (revision, report)
};

}  // namespace beian::server
