#include "pipeline/stages/read_documents_stage.h"

#include <map>
#include <utility>

#include "ocr/id_card/id_card_checks.h"

namespace beian {
namespace {

// The front and back of one card set: uploads declared for the same person (and website)
// in the manifest. Only a key with exactly one front and one back is a pair.
void check_id_card_pairs(OrderContext& ctx) {
  struct Sides {
    std::vector<DocumentResult*> fronts, backs;
  };
  std::map<std::pair<std::string, int>, Sides> by_person;
  for (const auto& upload : ctx.uploads) {
    UploadResult& result = ctx.result(upload);
    if (!result.document) continue;
    const auto key = upload.expected ? std::make_pair(upload.expected->person, upload.expected->website)
                                     : std::make_pair(std::string(), 0);
    if (result.document->type == DocumentType::kIdFront) by_person[key].fronts.push_back(&*result.document);
    if (result.document->type == DocumentType::kIdBack) by_person[key].backs.push_back(&*result.document);
  }
  for (auto& [key, sides] : by_person) {
    if (sides.fronts.size() != 1 || sides.backs.size() != 1) continue;
    for (auto& f : ocr::check_id_card_pair(*sides.fronts.front(), *sides.backs.front()))
      sides.backs.front()->findings.push_back(std::move(f));
  }
}

}  // namespace

void ReadDocumentsStage::run(OrderContext& ctx) const {
  for (const auto& upload : ctx.uploads) {
    if (upload.image.empty()) continue;
    UploadResult& result = ctx.result(upload);
    if (result.declared == DocumentType::kPortrait) continue;
    result.document = recognizer_.recognize(upload.image, result.file, result.declared);
  }
  // Findings across documents: both sides of one ID card must belong together.
  check_id_card_pairs(ctx);
}

}  // namespace beian
