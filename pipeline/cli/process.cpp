// `beian process DIR... --out OUT [--jobs N] [--json]`: one order per upload folder.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <opencv2/core/utility.hpp>
#include <iostream>

#include "beian/engine.h"
#include "pipeline/base/log.h"
#include "pipeline/batch.h"
#include "pipeline/cli/command.h"

namespace beian::cli {
namespace {

struct ProcessArgs {
  std::vector<std::string> folders;
  std::string out;
  int jobs = 0;
  bool json = false;
  bool no_resume = false;
};

void print_table(const BatchResult& result, std::ostream& out) {
  std::fprintf(stdout, "%-22s %-13s %6s %8s %6s %8s\n", "order", "verdict", "errors", "warnings", "files", "time");
  for (const auto& o : result.orders) {
    const std::string id = o.report.order_id.empty() ? "(" + o.folder.filename().string() + ")" : o.report.order_id;
    const std::string verdict = o.report.processed ? std::string(to_string(o.report.verdict)) : "NOT PROCESSED";
    std::fprintf(stdout, "%-22s %-13s %6d %8d %6zu %7.1fs%s\n", id.c_str(), verdict.c_str(), o.report.count(Severity::kError),
                 o.report.count(Severity::kWarning), o.report.uploads.size(), o.seconds, o.reused ? "  (unchanged, kept)" : "");
  }
  int ready = 0, fix = 0, review = 0;
  for (const auto& o : result.orders) {
    if (!o.report.processed) continue;
    ready += o.report.verdict == Verdict::kReady;
    fix += o.report.verdict == Verdict::kFixFirst;
    review += o.report.verdict == Verdict::kNeedsReview;
  }
  std::fprintf(stdout, "\n%zu order(s): %d ready, %d fix first, %d need review; %d could not be processed.\n",
               result.orders.size(), ready, fix, review, result.failed());
  for (const auto& o : result.orders)
    if (!o.report.processed)
      for (const auto& f : o.report.findings)
        if (f.severity == Severity::kError)
          std::fprintf(stdout, "  %s: %s%s\n", o.folder.string().c_str(), f.file.empty() ? "" : (f.file + ": ").c_str(),
                       f.message_en.c_str());
  std::fflush(stdout);
}

int run(const ProcessArgs& args) {
  EngineOptions options;
  auto created = Engine::create(options);
  if (!created.value) {
    std::cerr << "beian process: " << created.error << "\n";
    return kExitFailed;
  }
  std::vector<std::filesystem::path> folders;
  for (const auto& f : args.folders) {
    std::error_code ec;
    if (std::filesystem::is_directory(f, ec)) folders.emplace_back(f);
    else std::cerr << "beian process: " << f << ": not a folder, skipped\n";
  }
  const bool skipped = folders.size() != args.folders.size();
  if (folders.empty()) {
    std::cerr << "beian process: no upload folders to process\n";
    return kExitUsage;
  }

  const bool tty = ::isatty(STDERR_FILENO) && !args.json;
  BatchOptions batch;
  batch.jobs = args.jobs;
  // Orders run in parallel on up to `jobs` threads. OpenCV's own thread pool inside each of
  // them would put jobs × cores threads on the cores, and its TBB hand-offs are invisible to
  // ThreadSanitizer (scripts/tsan.sh); with more than one order at a time, OpenCV runs in the
  // calling thread.
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int parallel_orders = std::min<int>(args.jobs > 0 ? args.jobs : cores, static_cast<int>(folders.size()));
  if (parallel_orders > 1 && !std::getenv("BEIAN_OPENCV_THREADS")) cv::setNumThreads(1);
  batch.resume = !args.no_resume;
  batch.on_order_done = [&](const BatchOrder& o, size_t done, size_t total) {
    const std::string id = o.report.order_id.empty() ? o.folder.string() : o.report.order_id;
    if (tty) {
      const int width = 30;
      const int filled = static_cast<int>(width * done / total);
      std::fprintf(stderr, "\r[%s%s] %zu/%zu orders  %-24s", std::string(filled, '#').c_str(),
                   std::string(width - filled, '.').c_str(), done, total, id.c_str());
      if (done == total) std::fprintf(stderr, "\n");
    } else {
      std::fprintf(stderr, "[%zu/%zu] %s: %s (%.1fs)\n", done, total, id.c_str(),
                   o.report.processed ? std::string(to_string(o.report.verdict)).c_str() : "not processed", o.seconds);
    }
    std::fflush(stderr);
  };
  BatchResult result = run_batch(*created.value, folders, args.out, batch);

  if (args.json) std::cout << summary_json(result, args.out);
  else {
    print_table(result, std::cout);
    std::cout << "Summary: " << (std::filesystem::path(args.out) / "summary.json").string() << "\n";
  }
  if (result.any_invalid_manifest()) return kExitUsage;
  if (result.failed() > 0 || skipped) return kExitFailed;
  return kExitOk;
}

std::function<int()> setup(CLI::App& app, const GlobalOptions&) {
  auto args = std::make_shared<ProcessArgs>();
  auto* cmd = app.add_subcommand("process",
                                 "Pre-review orders: each DIR is one upload folder with an order.json manifest.\n"
                                 "Writes OUT/<order-id>/report.json per order and OUT/summary.json.\n"
                                 "Exit: 0 all orders processed (whatever their findings), 1 some order could not\n"
                                 "be processed, 2 usage error or an invalid order.json (other orders still run).");
  cmd->add_option("DIR", args->folders, "Upload folders, one order each")->required();
  cmd->add_option("-o,--out", args->out, "Output folder (created if missing)")->required();
  cmd->add_option("-j,--jobs", args->jobs, "Orders processed in parallel (default: number of cores)")->check(CLI::Range(1, 256));
  cmd->add_flag("--json", args->json, "Print the summary as JSON on standard output instead of a table");
  cmd->add_flag("--no-resume", args->no_resume,
                "Process every order again, even those whose earlier report is complete and whose files are unchanged");
  return [args] { return run(*args); };
}

BEIAN_REGISTER_COMMAND(10, setup);

}  // namespace
}  // namespace beian::cli
