// Rules: the pre-review rules (pipeline/rules/) on the order manifest plus what the readers
// found in each upload. Runs after the readers and the photo checks, before the report.
#pragma once

#include <memory>

#include "pipeline/stage.h"

namespace beian {
namespace rules {
struct RuleTables;
}

class RulesStage final : public Stage {
 public:
  // Loads the rule tables of the current data folder. Throws std::runtime_error naming the
  // table file and key when one is malformed (Engine::create reports it).
  RulesStage();
  std::string_view name() const override { return "rules"; }
  void run(OrderContext& ctx) const override;

 private:
  std::shared_ptr<const rules::RuleTables> tables_;
};

}  // namespace beian
