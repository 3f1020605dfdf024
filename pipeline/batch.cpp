#include "pipeline/batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "pipeline/base/atomic_file.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/messages.h"

namespace beian {

int BatchResult::processed() const {
  return static_cast<int>(std::count_if(orders.begin(), orders.end(), [](const auto& o) { return o.report.processed; }));
}

int BatchResult::failed() const { return static_cast<int>(orders.size()) - processed(); }

bool BatchResult::any_invalid_manifest() const {
  for (const auto& o : orders)
    for (const auto& f : o.report.findings)
      if (f.code == "ORDER_MANIFEST_INVALID" || f.code == "ORDER_MANIFEST_MISSING") return true;
  return false;
}

BatchResult run_batch(const Engine& engine, const std::vector<std::filesystem::path>& folders,
                      const std::filesystem::path& out_root, const BatchOptions& options) {
  BatchResult result;
  result.orders.resize(folders.size());

  // Order ids are read up front so that two folders claiming one id cannot race on one
  // output folder; the later folder is refused.
  std::map<std::string, size_t> first_folder_of;
  for (size_t i = 0; i < folders.size(); ++i) {
    result.orders[i].folder = folders[i];
    const auto manifest = folders[i] / "order.json";
    std::error_code ec;
    if (!std::filesystem::exists(manifest, ec)) continue;
    ParsedOrder parsed = load_order_manifest(manifest.string());
    if (!parsed.ok()) continue;
    auto [it, inserted] = first_folder_of.emplace(parsed.order.order_id, i);
    if (!inserted) {
      auto& o = result.orders[i];
      o.duplicate = true;
      o.report.folder = folders[i].string();
      o.report.order_id = parsed.order.order_id;
      o.report.findings.push_back(make_finding(
          "ORDER_ID_DUPLICATE", {{"order_id", parsed.order.order_id}, {"other", folders[it->second].string()}}, "order.json"));
    }
  }

  const int jobs = std::max(1, options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex report_mutex;
  auto worker = [&] {
    for (size_t i = next++; i < folders.size(); i = next++) {
      auto& o = result.orders[i];
      const auto start = std::chrono::steady_clock::now();
      if (!o.duplicate) {
        ProcessOptions po;
        po.resume = options.resume;
        o.report = engine.process_folder(folders[i], out_root, po);
        o.reused = o.report.reused;
      }
      o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const size_t n = ++done;
      if (options.on_order_done) {
        std::lock_guard lock(report_mutex);
        options.on_order_done(o, n, folders.size());
      }
    }
  };
  std::vector<std::thread> threads;
  const int n_threads = std::min<int>(jobs, static_cast<int>(std::max<size_t>(1, folders.size())));
  for (int t = 0; t < n_threads; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();

  if (!out_root.empty()) write_file_atomic(out_root / "summary.json", summary_json(result, out_root));
  return result;
}

std::string summary_json(const BatchResult& result, const std::filesystem::path& out_root) {
  nlohmann::json j;
  j["schema"] = "beian.summary/1";
  auto& orders = j["orders"] = nlohmann::json::array();
  std::map<std::string, int> verdicts;
  for (const auto& o : result.orders) {
    nlohmann::json oj;
    oj["folder"] = o.folder.string();
    oj["order_id"] = o.report.order_id;
    oj["processed"] = o.report.processed;
    oj["verdict"] = std::string(to_string(o.report.verdict));
    oj["errors"] = o.report.count(Severity::kError);
    oj["warnings"] = o.report.count(Severity::kWarning);
    oj["files"] = o.report.uploads.size();
    oj["reused"] = o.reused;
    oj["seconds"] = o.seconds;
    if (!o.report.outputs.empty() && !o.report.order_id.empty())
      oj["report"] = (Engine::output_dir_for(out_root, o.report.order_id) / "report.json").string();
    if (!o.report.processed) {
      std::vector<std::string> why;
      for (const auto& f : o.report.findings)
        if (f.severity == Severity::kError) why.push_back(f.message_en);
      oj["problems"] = why;
    }
    if (o.report.processed) ++verdicts[std::string(to_string(o.report.verdict))];
    orders.push_back(std::move(oj));
  }
  j["totals"] = {{"orders", result.orders.size()},
                 {"processed", result.processed()},
                 {"failed", result.failed()},
                 {"ready", verdicts["ready"]},
                 {"fix_first", verdicts["fix_first"]},
                 {"needs_review", verdicts["needs_review"]}};
  return j.dump(2) + "\n";
}

}  // namespace beian
