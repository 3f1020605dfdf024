#include "pipeline/stages/report_stage.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pipeline/base/atomic_file.h"
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
  write_report_html(ctx.report, ctx.order, images, ctx.output_dir);
  write_report_json(ctx.report, ctx.output_dir);
}

}  // namespace beian
