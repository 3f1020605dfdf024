// The upload service's database: one SQLite file in the data folder, in WAL mode (readers
// never block the writer; a crash mid-write leaves the last committed state). It records
// orders, upload links, every accepted upload (before it is processed) and its result, the
// documents rendered for an order, and an audit trail of refused requests.
//
// Every write that touches more than one row is one transaction (BEGIN IMMEDIATE ... COMMIT).
// Thread safety: all members may be called from any thread; calls are serialised on one
// connection (SQLite writes are serialised anyway; the calls are short).
// Errors: a failing statement throws std::runtime_error with SQLite's message; the HTTP layer
// turns it into a 500 answer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace beian::server {

struct OrderRow {
  std::string order_id;
  std::string manifest_json;   // the manifest as accepted (canonical JSON)
  int64_t created_ms = 0;
  int64_t revision = 0;        // bumped by every change of its uploads; the report is rebuilt when it moves
};

struct LinkRow {
  std::string link_id;
  std::string order_id;
  std::string role;            // UploadRole::to_string()
  int64_t created_ms = 0;
  int64_t expires = 0;         // Unix seconds
  bool revoked = false;
};

// States of an upload: stored (on disk and recorded, not processed yet), processed, failed
// (processing threw; the file is kept and processing is retried at the next start).
struct UploadRow {
  int64_t id = 0;
  std::string order_id;
  std::string link_id;
  std::string slot;            // the slot it was filed under (see upload_slots.h)
  std::string sha256;
  int64_t bytes = 0;
  std::string format;          // by content: jpeg, png, ...
  int width = 0, height = 0;
  std::string blob;            // path relative to the data folder ("orders/<id>/files/<sha>.<ext>")
  int64_t received_ms = 0;
  std::string state = "stored";
  std::string status;          // after processing: accepted, retake, duplicate
  std::string document_type;   // what the readers found
  std::string result_json;     // the feedback JSON sent back (kept to answer duplicates and the page)
  std::optional<int64_t> duplicate_of;  // the first upload of the same bytes to this order
};

struct RenderedDocumentRow {
  std::string order_id;
  std::string name;            // file name of the PDF inside the order's output folder
  std::string kind;            // verification_sheet, commitment_letter, ...
  int website = 0;
  std::string sha256;
  std::string layout_json;     // where its signature and seal areas are (mark_check.h); "" when unknown
};

class Store {
 public:
  // Opens (creating if needed) the database at `path` and its schema. Throws
  // std::runtime_error naming the file when it cannot be opened or is not a beian database.
  explicit Store(const std::filesystem::path& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // False (and nothing written) when an order with this id already exists.
  bool insert_order(const OrderRow& row);
  std::optional<OrderRow> find_order(const std::string& order_id);

  void insert_link(const LinkRow& row);
  std::optional<LinkRow> find_link(const std::string& link_id);

  // Records a stored upload and bumps its order's revision, in one transaction. When the order
  // already holds the same bytes (same SHA-256), the new row's duplicate_of names the first one.
  // Returns the row as written (id and duplicate_of set).
  UploadRow insert_upload(UploadRow row);
  // Sets the outcome of processing (state, status, the slot it is filed under, document type,
  // result) and bumps the order's revision, in one transaction.
  void finish_upload(int64_t id, const std::string& state, const std::string& status, const std::string& slot,
                     const std::string& document_type, const std::string& result_json);
  std::optional<UploadRow> find_upload(int64_t id);
  // The uploads of an order in arrival order.
  std::vector<UploadRow> uploads_of(const std::string& order_id);
  // Uploads still in state "stored" or "failed" (for recovery after a crash), oldest first.
  std::vector<UploadRow> unfinished_uploads();

  // Replaces the rendered documents recorded for an order (one transaction).
  void replace_documents(const std::string& order_id, const std::vector<RenderedDocumentRow>& rows);
  std::vector<RenderedDocumentRow> documents_of(const std::string& order_id);

  // Appends to the audit trail (never the token itself).
  void log_event(const std::string& kind, const std::string& order_id, const std::string& link_id,
                 const std::string& detail);
  struct Event {
    int64_t at_ms = 0;
    std::string kind, order_id, link_id, detail;
  };
  std::vector<Event> events(const std::string& kind);

  // The journal mode in effect ("wal"), for tests and diagnostics.
  std::string journal_mode();

 private:
  class Statement;
  void exec(const char* sql);
  void begin();
  void commit();
  void rollback();
  UploadRow read_upload(Statement& st);

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

// Milliseconds since the Unix epoch.
int64_t now_ms();

}  // namespace beian::server
