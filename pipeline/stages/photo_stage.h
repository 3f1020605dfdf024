// Check photos: every upload declared as a portrait in the manifest, or classified as one by
// the readers, runs through the backdrop-photo checker (beian/photo.h, profile "default": the
// white-wall rules of the current video/photo verification). The result is stored on its
// UploadResult, each failed check becomes a PHOTO_* finding naming the file, and the annotated
// photo is written to the order's output folder as photo-<upload name>.jpg. Runs after
// read_documents and before the rules.
#pragma once

#include "pipeline/stage.h"

namespace beian {

class PhotoStage final : public Stage {
 public:
  std::string_view name() const override { return "check_photos"; }
  void run(OrderContext& ctx) const override;
};

}  // namespace beian
