#include "pipeline/server/store.h"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>

namespace beian::server {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS orders (
  order_id      TEXT PRIMARY KEY,
  manifest_json TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  revision      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS links (
  link_id    TEXT PRIMARY KEY,
  order_id   TEXT NOT NULL REFERENCES orders(order_id),
  role       TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires    INTEGER NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS uploads (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id      TEXT NOT NULL REFERENCES orders(order_id),
  link_id       TEXT NOT NULL,
  slot          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  format        TEXT NOT NULL,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  blob          TEXT NOT NULL,
  received_ms   INTEGER NOT NULL,
  state         TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT '',
  document_type TEXT NOT NULL DEFAULT '',
  result_json   TEXT NOT NULL DEFAULT '',
  duplicate_of  INTEGER REFERENCES uploads(id)
);
CREATE INDEX IF NOT EXISTS uploads_by_order ON uploads(order_id, id);
CREATE INDEX IF NOT EXISTS uploads_by_hash ON uploads(order_id, sha256);
CREATE TABLE IF NOT EXISTS documents (
  order_id TEXT NOT NULL REFERENCES orders(order_id),
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL,
  website  INTEGER NOT NULL,
  sha256   TEXT NOT NULL,
  layout_json TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (order_id, name)
);
CREATE TABLE IF NOT EXISTS events (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms    INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  order_id TEXT NOT NULL,
  link_id  TEXT NOT NULL,
  detail   TEXT NOT NULL
);
)SQL";

}  // namespace

// A prepared statement, finalised on destruction. Binding indices are 1-based as in SQLite.
class Store::Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("SQLite prepare failed: ") + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(st_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& v) {
    check(sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, int64_t v) {
    check(sqlite3_bind_int64(st_, i, v));
    return *this;
  }
  Statement& bind_null(int i) {
    check(sqlite3_bind_null(st_, i));
    return *this;
  }
  // True while a row is available.
  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("SQLite step failed: ") + sqlite3_errmsg(db_));
  }
  void run() {
    while (step()) {
    }
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(st_, col)) : std::string();
  }
  int64_t integer(int col) const { return sqlite3_column_int64(st_, col); }
  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw std::runtime_error(std::string("SQLite bind failed: ") + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

Store::Store(const std::filesystem::path& path) : path_(path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(path.string() + ": cannot open the database: " + msg);
  }
  try {
    sqlite3_busy_timeout(db_, 5000);  // another process (e.g. the sqlite3 shell) holding a lock briefly
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");  // a committed upload survives a power cut
    exec("PRAGMA foreign_keys=ON");
    Statement version(db_, "PRAGMA user_version");
    version.step();
    const int64_t found = version.integer(0);
    if (found != 0 && found != kSchemaVersion)
      throw std::runtime_error("schema version " + std::to_string(found) + ", expected " + std::to_string(kSchemaVersion));
    exec(kSchema);
    exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
  } catch (const std::exception& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

Store::~Store() { sqlite3_close(db_); }

void Store::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("SQLite: " + msg);
  }
}

void Store::begin() { exec("BEGIN IMMEDIATE"); }
void Store::commit() { exec("COMMIT"); }
void Store::rollback() { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

std::string Store::journal_mode() {
  std::lock_guard lock(mutex_);
  Statement st(db_, "PRAGMA journal_mode");
  st.step();
  return st.text(0);
}

bool Store::insert_order(const OrderRow& row) {
  std::lock_guard lock(mutex_);
  Statement st(db_, "INSERT OR IGNORE INTO orders(order_id, manifest_json, created_ms, revision) VALUES(?,?,?,?)");
  st.bind(1, row.order_id).bind(2, row.manifest_json).bind(3, row.created_ms).bind(4, row.revision).run();
  return sqlite3_changes(db_) == 1;
}

std::optional<OrderRow> Store::find_order(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  Statement st(db_, "SELECT order_id, manifest_json, created_ms, revision FROM orders WHERE order_id=?");
  st.bind(1, order_id);
  if (!st.step()) return std::nullopt;
  return OrderRow{st.text(0), st.text(1), st.integer(2), st.integer(3)};
}

void Store::insert_link(const LinkRow& row) {
  std::lock_guard lock(mutex_);
  Statement st(db_, "INSERT INTO links(link_id, order_id, role, created_ms, expires, revoked) VALUES(?,?,?,?,?,?)");
  st.bind(1, row.link_id).bind(2, row.order_id).bind(3, row.role).bind(4, row.created_ms).bind(5, row.expires);
  st.bind(6, int64_t{row.revoked ? 1 : 0}).run();
}

std::optional<LinkRow> Store::find_link(const std::string& link_id) {
  std::lock_guard lock(mutex_);
  Statement st(db_, "SELECT link_id, order_id, role, created_ms, expires, revoked FROM links WHERE link_id=?");
  st.bind(1, link_id);
  if (!st.step()) return std::nullopt;
  return LinkRow{st.text(0), st.text(1), st.text(2), st.integer(3), st.integer(4), st.integer(5) != 0};
}

namespace {
constexpr const char* kUploadColumns =
    "id, order_id, link_id, slot, sha256, bytes, format, width, height, blob, received_ms, state, status, "
    "document_type, result_json, duplicate_of";
}

UploadRow Store::read_upload(Statement& st) {
  UploadRow r;
  r.id = st.integer(0);
  r.order_id = st.text(1);
  r.link_id = st.text(2);
  r.slot = st.text(3);
  r.sha256 = st.text(4);
  r.bytes = st.integer(5);
  r.format = st.text(6);
  r.width = static_cast<int>(st.integer(7));
  r.height = static_cast<int>(st.integer(8));
  r.blob = st.text(9);
  r.received_ms = st.integer(10);
  r.state = st.text(11);
  r.status = st.text(12);
  r.document_type = st.text(13);
  r.result_json = st.text(14);
  if (!st.is_null(15)) r.duplicate_of = st.integer(15);
  return r;
}

UploadRow Store::insert_upload(UploadRow row) {
  std::lock_guard lock(mutex_);
  begin();
  try {
    {
      Statement first(db_, "SELECT id FROM uploads WHERE order_id=? AND sha256=? AND duplicate_of IS NULL ORDER BY id LIMIT 1");
      first.bind(1, row.order_id).bind(2, row.sha256);
      row.duplicate_of = first.step() ? std::optional<int64_t>(first.integer(0)) : std::nullopt;
    }
    Statement st(db_,
                 "INSERT INTO uploads(order_id, link_id, slot, sha256, bytes, format, width, height, blob, received_ms, "
                 "state, status, document_type, result_json, duplicate_of) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, row.order_id).bind(2, row.link_id).bind(3, row.slot).bind(4, row.sha256).bind(5, row.bytes);
    st.bind(6, row.format).bind(7, int64_t{row.width}).bind(8, int64_t{row.height}).bind(9, row.blob);
    st.bind(10, row.received_ms).bind(11, row.state).bind(12, row.status).bind(13, row.document_type);
    st.bind(14, row.result_json);
    if (row.duplicate_of) st.bind(15, *row.duplicate_of);
    else st.bind_null(15);
    st.run();
    row.id = sqlite3_last_insert_rowid(db_);
    Statement bump(db_, "UPDATE orders SET revision = revision + 1 WHERE order_id=?");
    bump.bind(1, row.order_id).run();
    if (sqlite3_changes(db_) != 1) throw std::runtime_error("upload for an unknown order " + row.order_id);
    commit();
  } catch (...) {
    rollback();
    throw;
  }
  return row;
}

void Store::finish_upload(int64_t id, const std::string& state, const std::string& status, const std::string& slot,
                          const std::string& document_type, const std::string& result_json) {
  std::lock_guard lock(mutex_);
  begin();
  try {
    Statement st(db_, "UPDATE uploads SET state=?, status=?, slot=?, document_type=?, result_json=? WHERE id=?");
    st.bind(1, state).bind(2, status).bind(3, slot).bind(4, document_type).bind(5, result_json).bind(6, id).run();
    if (sqlite3_changes(db_) != 1) throw std::runtime_error("no upload with id " + std::to_string(id));
    Statement bump(db_, "UPDATE orders SET revision = revision + 1 WHERE order_id=(SELECT order_id FROM uploads WHERE id=?)");
    bump.bind(1, id).run();
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

std::optional<UploadRow> Store::find_upload(int64_t id) {
  std::lock_guard lock(mutex_);
  Statement st(db_, (std::string("SELECT ") + kUploadColumns + " FROM uploads WHERE id=?").c_str());
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_upload(st);
}

std::vector<UploadRow> Store::uploads_of(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  Statement st(db_, (std::string("SELECT ") + kUploadColumns + " FROM uploads WHERE order_id=? ORDER BY id").c_str());
  st.bind(1, order_id);
  std::vector<UploadRow> rows;
  while (st.step()) rows.push_back(read_upload(st));
  return rows;
}

std::vector<UploadRow> Store::unfinished_uploads() {
  std::lock_guard lock(mutex_);
  Statement st(db_,
               (std::string("SELECT ") + kUploadColumns + " FROM uploads WHERE state IN ('stored','failed') ORDER BY id").c_str());
  std::vector<UploadRow> rows;
  while (st.step()) rows.push_back(read_upload(st));
  return rows;
}

void Store::replace_documents(const std::string& order_id, const std::vector<RenderedDocumentRow>& rows) {
  std::lock_guard lock(mutex_);
  begin();
  try {
    Statement del(db_, "DELETE FROM documents WHERE order_id=?");
    del.bind(1, order_id).run();
    for (const auto& r : rows) {
      Statement st(db_, "INSERT INTO documents(order_id, name, kind, website, sha256, layout_json) VALUES(?,?,?,?,?,?)");
      st.bind(1, order_id).bind(2, r.name).bind(3, r.kind).bind(4, int64_t{r.website}).bind(5, r.sha256);
      st.bind(6, r.layout_json).run();
    }
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

std::vector<RenderedDocumentRow> Store::documents_of(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  Statement st(db_,
               "SELECT order_id, name, kind, website, sha256, layout_json FROM documents WHERE order_id=? ORDER BY name");
  st.bind(1, order_id);
  std::vector<RenderedDocumentRow> rows;
  while (st.step())
    rows.push_back({st.text(0), st.text(1), st.text(2), static_cast<int>(st.integer(3)), st.text(4), st.text(5)});
  return rows;
}

void Store::log_event(const std::string& kind, const std::string& order_id, const std::string& link_id,
                      const std::string& detail) {
  std::lock_guard lock(mutex_);
  Statement st(db_, "INSERT INTO events(at_ms, kind, order_id, link_id, detail) VALUES(?,?,?,?,?)");
  st.bind(1, now_ms()).bind(2, kind).bind(3, order_id).bind(4, link_id).bind(5, detail).run();
}

std::vector<Store::Event> Store::events(const std::string& kind) {
  std::lock_guard lock(mutex_);
  Statement st(db_, "SELECT at_ms, kind, order_id, link_id, detail FROM events WHERE kind=? OR ?='' ORDER BY id");
  st.bind(1, kind).bind(2, kind);
  std::vector<Event> rows;
  while (st.step()) rows.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return rows;
}

}  // namespace beian::server
