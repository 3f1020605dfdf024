#include "pipeline/stages/read_documents_stage.h"

namespace beian {

void ReadDocumentsStage::run(OrderContext& ctx) const {
  for (const auto& upload : ctx.uploads) {
    if (upload.image.empty()) continue;
    UploadResult& result = ctx.result(upload);
    if (result.declared == DocumentType::kPortrait) continue;
    result.document = recognizer_.recognize(upload.image, result.file, result.declared);
  }
}

}  // namespace beian
