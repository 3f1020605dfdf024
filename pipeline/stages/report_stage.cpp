#include "pipeline/stages/report_stage.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pipeline/base/atomic_file.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/report_html.h"

namespace beian {

void write_report_json(const OrderReport& report, const std::filesystem::path& out_dir) {
  const nlohmann::json j = report;
  write_file_atomic(out_dir / "report.json", j.dump(2) + "\n");
}

void ReportStage::run(OrderContext& ctx) const {
  ctx.report.verdict = ctx.report.processed ? verdict_for(ctx.report.all_findings()) : Verdict::kFixFirst;
  if (ctx.output_dir.empty()) return;
  for (const char* name : {"report.html", "report.json"})
    if (std::find(ctx.report.outputs.begin(), ctx.report.outputs.end(), name) == ctx.report.outputs.end())
      ctx.report.outputs.push_back(name);
  std::vector<cv::Mat> images;
  for (const auto& u : ctx.uploads) {
    if (images.size() <= u.index) images.resize(u.index + 1);
    images[u.index] = u.image;
  }
  // report.json is what machines and resumes read: a failure in the HTML rendering (fonts,
  // image encoding, disk) must not cost it, so the HTML is tried first and its failure becomes
  // a finding in the JSON written after it.
  try {
    write_report_html(ctx.report, ctx.order, images, ctx.output_dir);
  } catch (const std::exception& e) {
    log().error("order {}: report.html not written: {}", ctx.report.order_id, e.what());
    ctx.report.outputs.erase(std::remove(ctx.report.outputs.begin(), ctx.report.outputs.end(), "report.html"),
                             ctx.report.outputs.end());
    Finding f = make_finding("REPORT_HTML_FAILED", {{"reason", e.what()}}, "report.html");
    f.stage = std::string(name());  // the runner names it only after this stage returns
    ctx.add(std::move(f));
    if (ctx.report.processed) ctx.report.verdict = verdict_for(ctx.report.all_findings());
  }
  write_report_json(ctx.report, ctx.output_dir);
}

}  // namespace beian
