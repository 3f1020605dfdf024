#include "pipeline/stages/report_stage.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pipeline/base/atomic_file.h"

namespace beian {

void write_report_json(const OrderReport& report, const std::filesystem::path& out_dir) {
  const nlohmann::json j = report;
  write_file_atomic(out_dir / "report.json", j.dump(2) + "\n");
}

void ReportStage::run(OrderContext& ctx) const {
  ctx.report.verdict = ctx.report.processed ? verdict_for(ctx.report.all_findings()) : Verdict::kFixFirst;
  if (ctx.output_dir.empty()) return;
  if (std::find(ctx.report.outputs.begin(), ctx.report.outputs.end(), "report.json") == ctx.report.outputs.end())
    ctx.report.outputs.push_back("report.json");
  write_report_json(ctx.report, ctx.output_dir);
}

}  // namespace beian
