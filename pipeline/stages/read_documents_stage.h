// Read documents: every loaded upload is classified and read by the OCR recognizer (with the
// manifest's declared type as a hint), and the result is stored on its UploadResult. Uploads
// declared as portraits are left to the photo stage, which judges them as photos. Then the
// front and back declared for one person are checked as one card set (check_id_card_pair).
#pragma once

#include "ocr/recognizer.h"
#include "pipeline/stage.h"

namespace beian {

class ReadDocumentsStage final : public Stage {
 public:
  explicit ReadDocumentsStage(const ocr::Recognizer& recognizer) : recognizer_(recognizer) {}
  std::string_view name() const override { return "read_documents"; }
  void run(OrderContext& ctx) const override;

 private:
  const ocr::Recognizer& recognizer_;
};

}  // namespace beian
