#include "pipeline/server/engine_adapter.h"

#include <nlohmann/json.hpp>

namespace beian::server {

EngineAdapter::Created EngineAdapter::create(const EngineOptions& options, const std::string& qr_secret) {
  Created c;
  std::unique_ptr<EngineAdapter> a(new EngineAdapter());
  std::string error;
  a->signer_ = render::QrSigner::create(qr_secret, &error);
  if (!a->signer_) {
    c.error = "QR secret: " + error;
    return c;
  }
  EngineOptions engine_options = options;
  engine_options.qr_secret = qr_secret;  // the Engine's own render stage signs with it too
  auto engine = Engine::create(engine_options);
  if (!engine.value) {
    c.error = engine.error;
    return c;
  }
  a->engine_ = std::move(engine.value);
  c.value = std::move(a);
  return c;
}

DocumentResult EngineAdapter::read_document(std::string_view bytes, const std::string& file,
                                            std::optional<DocumentType> hint) const {
  return engine_->read_document(bytes, file, hint);
}

PhotoResult EngineAdapter::check_photo(std::string_view bytes, const std::string& file) const {
  return engine_->check_photo(bytes, file).result;
}

std::vector<render::RenderedDocument> EngineAdapter::render_documents(const Order& order) const {
  // The Engine's own renderer, signing with the same secret (EngineOptions::qr_secret): one
  // set of fonts and templates loaded, not two.
  std::vector<render::RenderedDocument> out;
  for (const auto& request : engine_->documents_for(order)) out.push_back(engine_->render(request.kind, order, request.website));
  return out;
}

OrderReport EngineAdapter::process_folder(const std::filesystem::path& folder, const std::filesystem::path& out_root) const {
  ProcessOptions po;
  po.resume = false;  // the service decides when a report is stale (the order's revision)
  return engine_->process_folder(folder, out_root, po);
}

}  // namespace beian::server
