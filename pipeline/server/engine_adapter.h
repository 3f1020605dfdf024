// The one place where the upload service calls the processing modules: the Engine (beian/
// engine.h) reads documents, checks photos and processes whole orders. Rendering goes to the
// renderer (beian/render/documents.h) directly, because the documents' QR codes must be signed
// with the service's configured QR secret and EngineOptions has no such setting yet (the
// Engine's renderer takes BEIAN_QR_SECRET from the environment). With an EngineOptions
// QR secret, render_documents() switches to Engine::documents_for()/render() here and nowhere
// else.
//
// Thread safety: every const member may be called from many threads at once.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beian/engine.h"
#include "beian/photo.h"
#include "beian/render/documents.h"
#include "beian/render/qr_payload.h"

namespace beian::server {

class EngineAdapter {
 public:
  struct Created {
    std::unique_ptr<EngineAdapter> value;
    std::string error;
  };
  // Creates the Engine and the document renderer. `qr_secret` signs the rendered documents'
  // QR codes and verifies the codes on returned scans (>= 16 bytes).
  static Created create(const EngineOptions& options, const std::string& qr_secret);

  // Classify and read an uploaded image (Engine::read_document).
  DocumentResult read_document(std::string_view bytes, const std::string& file, std::optional<DocumentType> hint) const;
  // Check a backdrop photo with the default profile (Engine::check_photo).
  PhotoResult check_photo(std::string_view bytes, const std::string& file) const;
  // Render every document the order needs.
  std::vector<render::RenderedDocument> render_documents(const Order& order) const;
  // Process a whole upload folder into a report (Engine::process_folder).
  OrderReport process_folder(const std::filesystem::path& folder, const std::filesystem::path& out_root) const;

  const render::QrSigner& qr_signer() const { return *signer_; }
  const Engine& engine() const { return *engine_; }

 private:
  EngineAdapter() = default;
  std::unique_ptr<Engine> engine_;
  std::optional<render::QrSigner> signer_;
};

}  // namespace beian::server
