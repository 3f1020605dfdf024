// Intake: every entry of the upload folder (except order.json) is loaded and decoded, or
// reported: unreadable, empty, not an image, damaged, too large, not a regular file, not in
// the manifest's upload list, or a listed upload that is missing.
#pragma once

#include "pipeline/stage.h"

namespace beian {

class IntakeStage final : public Stage {
 public:
  std::string_view name() const override { return "intake"; }
  void run(OrderContext& ctx) const override;
};

}  // namespace beian
