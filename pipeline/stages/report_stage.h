// Report: settles the order's verdict and writes report.json into the order's output folder
// (atomically). Runs last.
#pragma once

#include "pipeline/stage.h"

namespace beian {

class ReportStage final : public Stage {
 public:
  std::string_view name() const override { return "report"; }
  void run(OrderContext& ctx) const override;
};

// Writes `report` as OUT_DIR/report.json atomically (pretty-printed UTF-8).
void write_report_json(const OrderReport& report, const std::filesystem::path& out_dir);

}  // namespace beian
