// The upload service's operations, independent of HTTP: each takes the request's parts
// (path parameters, body, bearer token) and returns an ApiReply (status code and JSON or
// bytes). http_server.cpp only routes and enforces transport limits.
//
// Authorisation: /api/* operations are for the provider's systems and require the API key;
// /u/{token} operations require a valid upload-link token, and a token only grants its own
// order and role. Refusals are logged and recorded (Store::log_event) without the token.
//
// Thread safety: every member may be called from many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "beian/server.h"
#include "pipeline/server/engine_adapter.h"
#include "pipeline/server/order_workspace.h"
#include "pipeline/server/rate_limiter.h"
#include "pipeline/server/store.h"
#include "pipeline/server/upload_processor.h"
#include "pipeline/server/upload_token.h"

namespace beian::server {

struct ApiReply {
  int status = 200;
  nlohmann::json body;          // sent as JSON when `bytes` is empty
  std::string bytes;            // a raw body (PNG, SVG, PDF)
  std::string content_type;     // of `bytes`
  std::string download_name;    // sets Content-Disposition: attachment
  int retry_after = 0;          // seconds, for 429
};

// {"error": finding} with `status`.
ApiReply error_reply(int status, const Finding& finding);

class UploadService {
 public:
  // REQUIRES: options' secrets are set (>= their minimum sizes).
  UploadService(const ServerOptions& options, Store& store, const EngineAdapter& engine, std::string base_url);

  // True when `authorization` is "Bearer <api key>" (constant-time comparison).
  bool api_key_ok(std::string_view authorization) const;

  // POST /api/orders — body: an order manifest. 201 with the order, its applicant upload link
  // and its rendered documents; 422 with every manifest error; 409 when the id exists.
  ApiReply create_order(const std::string& body);
  // POST /api/orders/{id}/upload-links — body {"role": "website_owner:2", "ttl_minutes": 60}.
  ApiReply create_link(const std::string& order_id, const std::string& body);
  // GET /api/orders/{id} — the live report (beian.report/1).
  ApiReply order_report(const std::string& order_id);
  // GET /api/orders/{id}/uploads — every upload with its state and feedback.
  ApiReply order_uploads(const std::string& order_id);
  // GET /api/orders/{id}/documents and .../documents/{name} (the PDF).
  ApiReply list_documents(const std::string& order_id);
  ApiReply get_document(const std::string& order_id, const std::string& name);

  // GET /u/{token}/status — what this link's person still has to upload.
  ApiReply link_status(const std::string& token);
  // GET /u/{token}/qr.png and qr.svg — the link's own QR code (for the PC screen).
  ApiReply link_qr(const std::string& token, const std::string& format);
  // POST /u/{token}/files?slot=ID — one image. `order_id`, when set, is the order the caller
  // addressed (POST /api/orders/{id}/files): a token of another order is refused with 403.
  ApiReply upload(const std::string& token, const std::string& slot, std::string_view bytes,
                  const std::optional<std::string>& order_id = std::nullopt);

  // Processes uploads that were stored but never processed (a crash mid-upload). Returns how
  // many were processed.
  int recover_unfinished();

  // Requests refused for a token (for tests and monitoring).
  Store& store() { return store_; }

 private:
  struct Authorised {
    UploadToken token;
    LinkRow link;
  };
  // Verifies a token and its link; on refusal fills *reply (401/403) and logs it.
  std::optional<Authorised> authorise(const std::string& token, const std::optional<std::string>& order_id,
                                      ApiReply* reply);
  std::optional<Order> load_order(const std::string& order_id);
  OrderState order_state(const Order& order);
  nlohmann::json link_json(const LinkRow& link, const std::string& token);
  nlohmann::json slots_json(const Order& order, const UploadRole& role);
  ApiReply finish(const UploadRow& row, const OrderState& state, const UploadRole& role, std::string_view bytes,
                  const UploadSlot* slot);

  const ServerOptions& options_;
  Store& store_;
  const EngineAdapter& engine_;
  std::string base_url_;
  TokenSigner signer_;
  OrderWorkspace workspace_;
  UploadProcessor processor_;
  RateLimiter limiter_;
};

}  // namespace beian::server
