#include "pipeline/stage.h"

#include <chrono>

#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"

namespace beian {

void run_stages(const StageList& stages, OrderContext& ctx) {
  for (const auto& stage : stages) {
    const size_t first_new = ctx.report.findings.size();
    const auto start = std::chrono::steady_clock::now();
    try {
      stage->run(ctx);
    } catch (const std::exception& e) {
      log().error("order {}: stage {} failed: {}", ctx.report.order_id, stage->name(), e.what());
      ctx.add(make_finding("STAGE_FAILED", {{"stage", std::string(stage->name())}, {"reason", e.what()}}));
    } catch (...) {
      ctx.add(make_finding("STAGE_FAILED", {{"stage", std::string(stage->name())}, {"reason", "unknown exception"}}));
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ctx.report.timings.push_back({std::string(stage->name()), ms});
    for (size_t i = first_new; i < ctx.report.findings.size(); ++i)
      if (ctx.report.findings[i].stage.empty()) ctx.report.findings[i].stage = std::string(stage->name());
  }
}

}  // namespace beian
