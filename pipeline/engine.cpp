#include "beian/engine.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "beian/version.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/engine_resources.h"
#include "pipeline/rules/rules.h"
#include "pipeline/sha256.h"
#include "pipeline/stages/default_stages.h"
#include "pipeline/stages/report_stage.h"

namespace beian {

std::string_view version() { return BEIAN_VERSION_STRING; }

struct Engine::Impl {
  explicit Impl(const EngineOptions& o) : options(o), resources(options) {}
  EngineOptions options;
  EngineResources resources;
  StageList stages;
};

namespace {

// A hash of what the folder holds (names, sizes, modification times, and the manifest's
// bytes) plus the beian version: equal fingerprints mean an earlier report still holds.
std::string folder_fingerprint(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path() < b.path(); });
  Sha256 h;
  h.update(BEIAN_VERSION_STRING);
  for (const auto& e : entries) {
    h.update(e.path().filename().string());
    h.update(std::string(1, '\0'));
    if (e.is_regular_file(ec)) {
      h.update(std::to_string(e.file_size(ec)));
      h.update(std::to_string(e.last_write_time(ec).time_since_epoch().count()));
    }
    h.update(std::string(1, '\0'));
  }
  return h.hex();
}

std::string sanitize_folder_name(const std::filesystem::path& folder) {
  std::string name = folder.filename().string();
  if (name.empty()) name = folder.parent_path().filename().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  return name.empty() ? "folder" : name;
}

}  // namespace

Engine::Created Engine::create(const EngineOptions& options) {
  Created created;
  try {
    if (!options.data_dir.empty()) set_data_dir(options.data_dir);
    if (!std::filesystem::is_directory(data_dir())) {
      created.error = data_dir().string() + ": data folder (templates/) not found; set EngineOptions::data_dir or BEIAN_DATA_DIR";
      return created;
    }
    load_message_catalogue();
    auto impl = std::make_unique<Impl>(options);
    impl->stages = make_default_stages(impl->resources);
    created.value.reset(new Engine(std::move(impl)));
  } catch (const std::exception& e) {
    created.error = e.what();
  }
  return created;
}

DocumentResult Engine::read_document(std::string_view bytes, const std::string& file,
                                     std::optional<DocumentType> hint) const {
  return impl_->resources.recognizer->recognize_bytes(bytes, file, hint);
}

PhotoReport Engine::check_photo(std::string_view bytes, const std::string& file, const PhotoOptions& options) const {
  return check_photo_bytes(bytes, file, options);
}

std::vector<Finding> Engine::check_order(const Order& order, const std::vector<DocumentResult>& documents) const {
  std::vector<rules::DocumentFacts> facts = rules::facts_from_manifest(order);
  for (const auto& doc : documents) {
    auto it = std::find_if(facts.begin(), facts.end(), [&](const rules::DocumentFacts& f) { return f.file == doc.file; });
    if (it == facts.end()) {
      rules::DocumentFacts extra;
      extra.file = doc.file;
      facts.push_back(std::move(extra));
      it = facts.end() - 1;
    }
    it->result = doc;
  }
  Date today = order.filing_date;
  if (!today.valid()) today = impl_->options.today.valid() ? impl_->options.today : Date::today();
  return rules::check_order(order, facts, today);
}

std::vector<render::DocumentRequest> Engine::documents_for(const Order& order) const {
  return impl_->resources.renderer->documents_for(nlohmann::json(order));
}

render::RenderedDocument Engine::render(const std::string& kind, const Order& order, int website) const {
  render::RenderInput input;
  input.order = order;
  return impl_->resources.renderer->render(input, {kind, website});
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

const EngineOptions& Engine::options() const { return impl_->options; }

std::filesystem::path Engine::output_dir_for(const std::filesystem::path& out_root, std::string_view order_id) {
  return out_root / std::string(order_id);
}

OrderReport Engine::process_folder(const std::filesystem::path& folder, const std::filesystem::path& out_root,
                                   const ProcessOptions& process) const {
  namespace fs = std::filesystem;
  OrderContext ctx{impl_->options, folder, {}, std::nullopt, {}, {}, {}};
  ctx.report.folder = folder.string();
  ctx.report.beian_version = BEIAN_VERSION_STRING;

  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    ctx.add(make_finding("ORDER_FOLDER_UNREADABLE", {{"folder", folder.string()}}));
    ctx.report.verdict = Verdict::kFixFirst;
    return ctx.report;
  }
  const fs::path manifest = folder / "order.json";
  if (!fs::exists(manifest, ec)) {
    ctx.add(make_finding("ORDER_MANIFEST_MISSING", {}, "order.json"));
  } else {
    ParsedOrder parsed = load_order_manifest(manifest.string());
    if (parsed.ok()) {
      ctx.order = std::move(parsed.order);
      ctx.report.order_id = ctx.order->order_id;
    } else {
      for (const auto& e : parsed.errors)
        ctx.add(make_finding("ORDER_MANIFEST_INVALID", {{"path", e.json_path.empty() ? "/" : e.json_path}, {"reason", e.message}},
                             "order.json"));
    }
  }
  ctx.report.processed = ctx.order.has_value();
  ctx.report.input_fingerprint = folder_fingerprint(folder);
  if (!out_root.empty())
    ctx.output_dir = ctx.order ? output_dir_for(out_root, ctx.order->order_id) : out_root / ("invalid-" + sanitize_folder_name(folder));

  if (ctx.order && process.resume && !ctx.output_dir.empty()) {
    const fs::path previous = ctx.output_dir / "report.json";
    if (fs::exists(previous, ec)) {
      try {
        OrderReport old = load_json_file(previous).get<OrderReport>();
        if (old.processed && old.input_fingerprint == ctx.report.input_fingerprint && old.beian_version == BEIAN_VERSION_STRING) {
          log().debug("order {}: unchanged since its last report, reusing {}", old.order_id, previous.string());
          old.reused = true;
          return old;
        }
      } catch (const std::exception& e) {
        log().warn("{}: earlier report unreadable ({}); processing again", previous.string(), e.what());
      }
    }
  }

  ctx.today = impl_->options.today.valid() ? impl_->options.today : Date::today();
  if (ctx.order && ctx.order->filing_date.valid()) ctx.today = ctx.order->filing_date;
  run_stages(impl_->stages, ctx);
  return std::move(ctx.report);
}

}  // namespace beian
