// Render: writes every document the order needs (verification sheet per website, commitment
// letter, authorisation letters; see beian/render/documents.h) into the order's output
// folder, and adds the renderer's findings (missing fields, unprintable characters) to the
// report. Runs after the rules and before the report.
//
// The checker's "证件号码报备信息是否正确 是" box is pre-ticked only when templates/documents/
// render.json enables it AND the pipeline verified it for that website: every ID number the
// sheet vouches for was read back by OCR from its own upload and equals the manifest's.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "beian/render/documents.h"
#include "pipeline/stage.h"

namespace beian {

class RenderStage final : public Stage {
 public:
  // Uses the Engine's renderer (templates and font loaded once per Engine; the QR secret
  // comes from BEIAN_QR_SECRET / BEIAN_QR_SECRET_FILE).
  explicit RenderStage(const render::DocumentRenderer& renderer) : renderer_(renderer) {}
  std::string_view name() const override { return "render"; }
  void run(OrderContext& ctx) const override;

 private:
  const render::DocumentRenderer& renderer_;
};

// The checker items the pipeline verified for website `website` (1-based) of the order in
// `ctx`: "id_numbers" when the subject's certificate number and the ID numbers of the subject
// owner and the website owner were each read by OCR from a matching upload and agree.
std::set<std::string> verified_items(const OrderContext& ctx, int website);

}  // namespace beian
