#include "pipeline/server/order_workspace.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "pipeline/base/atomic_file.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/log.h"
#include "pipeline/server/mark_check.h"
#include "pipeline/sha256.h"
#include "pipeline/server/upload_token.h"

namespace beian::server {
namespace fs = std::filesystem;

namespace {

// Rendered documents are named by the renderer ("verification_sheet-1.pdf"); anything else is
// refused before it is joined to a path.
bool is_safe_document_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return false;
  return name.find("..") == std::string_view::npos;
}

// Where the document's signature and seal areas are, as JSON for the database ("" when they
// cannot be located; returned scans are then filed without that check, and say so).
std::string layout_of(const fs::path& pdf, const std::string& kind, const Order& order) {
  std::string why;
  const auto layout = locate_marks(pdf, kind, order.subject.kind == SubjectKind::kUnit, &why);
  if (!layout) {
    log().warn("order {}: {}: signature areas not located: {}", order.order_id, pdf.filename().string(), why);
    return {};
  }
  return to_json(*layout).dump();
}

}  // namespace

std::map<std::string, UploadRow> current_uploads(const std::vector<UploadRow>& rows) {
  std::map<std::string, UploadRow> accepted, fallback;
  for (const auto& r : rows) {
    if (r.state != "processed") continue;
    if (r.status == "ok" || r.status == "warning") accepted[r.slot] = r;
    else if (r.status == "retake" && !r.duplicate_of) fallback[r.slot] = r;
  }
  for (auto& [slot, row] : fallback) accepted.try_emplace(slot, std::move(row));
  return accepted;
}

std::string extension_for(const std::string& format) {
  if (format == "jpeg") return "jpg";
  if (format == "tiff") return "tif";
  if (format == "png" || format == "webp" || format == "bmp") return format;
  return "bin";
}

OrderWorkspace::OrderWorkspace(fs::path data_dir, Store& store, const EngineAdapter& engine)
    : data_dir_(std::move(data_dir)), store_(store), engine_(engine) {}

fs::path OrderWorkspace::order_dir(const std::string& order_id) const {
  if (!is_valid_order_id(order_id)) throw std::invalid_argument("invalid order id");
  return data_dir_ / "orders" / order_id;
}

std::mutex& OrderWorkspace::order_mutex(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  auto& m = order_mutexes_[order_id];
  if (!m) m = std::make_unique<std::mutex>();
  return *m;
}

std::string OrderWorkspace::store_blob(const std::string& order_id, const std::string& sha256, const std::string& format,
                                       std::string_view bytes) {
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
    throw std::invalid_argument("invalid digest");
  const std::string relative = "orders/" + order_id + "/files/" + sha256 + "." + extension_for(format);
  order_dir(order_id);  // validates the id
  const fs::path path = data_dir_ / relative;
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == bytes.size()) return relative;
  write_file_atomic(path, bytes);
  return relative;
}

std::string OrderWorkspace::read_blob(const std::string& relative) const { return read_file_bytes(data_dir_ / relative); }

std::vector<Finding> OrderWorkspace::render_documents(const Order& order) {
  const fs::path dir = order_dir(order.order_id) / "documents";
  std::vector<Finding> findings;
  std::vector<RenderedDocumentRow> rows;
  for (const auto& doc : engine_.render_documents(order)) {
    findings.insert(findings.end(), doc.findings.begin(), doc.findings.end());
    if (doc.pdf.empty() || !is_safe_document_name(doc.file_name)) continue;
    write_file_atomic(dir / doc.file_name, doc.pdf);
    rows.push_back({order.order_id, doc.file_name, doc.kind, doc.website, sha256_hex(doc.pdf), layout_of(dir / doc.file_name, doc.kind, order)});
  }
  store_.replace_documents(order.order_id, rows);
  return findings;
}

std::optional<fs::path> OrderWorkspace::document_file(const std::string& order_id, const std::string& name) {
  if (!is_valid_order_id(order_id)) return std::nullopt;
  for (const auto& row : store_.documents_of(order_id))
    if (row.name == name && is_safe_document_name(row.name)) return order_dir(order_id) / "documents" / row.name;
  return std::nullopt;
}

std::vector<ReturnDocument> OrderWorkspace::return_documents(const std::string& order_id) {
  std::vector<ReturnDocument> out;
  for (const auto& row : store_.documents_of(order_id)) out.push_back({row.kind, row.website});
  return out;
}

void OrderWorkspace::materialise_folder(const Order& order, const fs::path& folder) {
  fs::create_directories(folder);
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) fs::remove(entry.path());

  const auto slots = upload_slots(order, return_documents(order.order_id));
  const auto current = current_uploads(store_.uploads_of(order.order_id));
  Order manifest = order;
  manifest.uploads.clear();
  for (const auto& slot : slots) {
    ExpectedUpload u;
    if (slot.document != DocumentType::kUnknown) u.document = slot.document;
    u.person = slot.person;
    u.website = slot.website;
    const auto it = current.find(slot.id);
    if (it == current.end()) {
      u.file = slot.id + ".jpg";  // not uploaded yet: the report lists it as missing
    } else {
      u.file = slot.id + "." + extension_for(it->second.format);
      std::error_code ec;
      fs::create_hard_link(data_dir_ / it->second.blob, folder / u.file, ec);
      if (ec) fs::copy_file(data_dir_ / it->second.blob, folder / u.file, fs::copy_options::overwrite_existing);
    }
    manifest.uploads.push_back(std::move(u));
  }
  nlohmann::json j;
  to_json(j, manifest);
  write_file_atomic(folder / "order.json", j.dump(2));
}

OrderReport OrderWorkspace::report(const Order& order) {
  std::lock_guard order_lock(order_mutex(order.order_id));
  const auto row = store_.find_order(order.order_id);
  const int64_t revision = row ? row->revision : 0;
  {
    std::lock_guard lock(mutex_);
    const auto it = reports_.find(order.order_id);
    if (it != reports_.end() && it->second.first == revision) return it->second.second;
  }
  const fs::path folder = order_dir(order.order_id) / "folder";
  materialise_folder(order, folder);
  OrderReport report = engine_.process_folder(folder, data_dir_ / "reports");
  log().info("order {}: report rebuilt at revision {} ({})", order.order_id, revision, to_string(report.verdict));
  std::lock_guard lock(mutex_);
  reports_[order.order_id] = {revision, report};
  return report;
}

}  // namespace beian::server
