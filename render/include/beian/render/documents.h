// Rendering the documents the applicant prints, signs, stamps and uploads:
//   "verification_sheet"   网站备案信息真实性核验单, one per website
//   "commitment_letter"    网站备案承诺书, one per order
//   "authorisation_letter" 授权书, one per website whose owner is not the unit's legal
//                          representative
// Which documents an order needs, their layouts, field labels and province variants are data
// in templates/documents/ (see docs/rendering.md); the PDFs embed a true subset of the CJK
// font and carry a signed QR code (beian/render/qr_payload.h) on every page.
//
// The renderer reads the order in manifest form (the JSON of beian::Order, see
// docs/order-manifest.md) so render/ does not depend on the pipeline: the pipeline passes
// to_json(order), the CLI passes the parsed manifest.
//
// Thread safety: a DocumentRenderer is immutable after create(); render() and
// documents_for() may be called from many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "beian/finding.h"

namespace beian::render {

struct DocumentRequest {
  std::string kind;   // a document kind id (see above)
  int website = 0;    // 1-based website for per-website documents; 0 for order-level ones

  bool operator==(const DocumentRequest&) const = default;
};

struct RenderedDocument {
  std::string kind;
  int website = 0;
  std::string file_name;          // suggested output name: "verification_sheet-1.pdf", "commitment_letter.pdf"
  std::string pdf;                // the PDF file; empty when the document could not be rendered
  int pages = 0;
  size_t font_subset_bytes = 0;   // the embedded font subset before compression
  std::string qr_text;            // the signed QR payload printed on every page
  std::vector<std::string> filled_values;  // every order value printed (for round-trip checks)
  std::vector<Finding> findings;  // missing fields, characters that cannot be printed, failures
  double ms = 0.0;                // time spent in render()
};

struct RenderOptions {
  // Secret for the QR integrity tag (>= 16 bytes). Default: qr_secret_from_environment();
  // when that is unset too, a built-in development secret is used and every document
  // reports RENDER_QR_DEV_SECRET (an info finding; a warning is logged once) — fine for
  // trying beian, never for production.
  std::optional<std::string> qr_secret;
  // Pre-tick the checker's boxes of items the pipeline verified (RenderInput::verified).
  // Default: "pretick_verified" in templates/documents/render.json (false as shipped).
  std::optional<bool> pretick_verified;
};

struct RenderInput {
  nlohmann::json order;              // the order in manifest form
  std::set<std::string> verified;    // checker items the pipeline verified, e.g. "owner_id_number"
};

class DocumentRenderer {
 public:
  struct Created {
    std::unique_ptr<DocumentRenderer> value;  // null on failure
    std::string error;                        // why, naming the data file or font at fault
  };
  // Loads templates/documents/ (from data_dir()) and the font.
  static Created create(const RenderOptions& options = {});

  ~DocumentRenderer();
  DocumentRenderer(const DocumentRenderer&) = delete;
  DocumentRenderer& operator=(const DocumentRenderer&) = delete;

  // The document kinds this renderer knows, in render.json order.
  std::vector<std::string> kinds() const;
  // True for kinds rendered once per website.
  bool per_website(const std::string& kind) const;

  // The documents `order` needs, in a stable order (by kind as listed in render.json, then
  // website).
  std::vector<DocumentRequest> documents_for(const nlohmann::json& order) const;

  // Renders one document. Never throws for bad order data: problems are findings, and a
  // document that cannot be produced at all has an empty pdf and an error finding
  // (RENDER_DOCUMENT_UNKNOWN, RENDER_WEBSITE_INVALID or RENDER_FAILED).
  RenderedDocument render(const RenderInput& input, const DocumentRequest& request) const;

  struct Impl;

 private:
  explicit DocumentRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace beian::render
