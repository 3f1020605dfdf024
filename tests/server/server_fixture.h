// A real upload server for tests: started in-process on a free loopback port with a fresh
// data folder and known secrets, stopped when the fixture dies. Requests go through a real
// HTTP client (cpp-httplib).
#pragma once

#include <functional>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/sink.h>

#include "beian/server.h"
#include "pipeline/server/http_lib.h"
#include "tests/support/test_support.h"

namespace beian::test {

inline const std::string kTokenSecret = "test-token-secret-0123456789abcdef-0123456789";
inline const std::string kQrSecret = "test-qr-secret-0123456789";
inline const std::string kApiKey = "test-api-key-0123456789";

struct ServerFixture {
  // `adjust` may change the options before the start (limits, rates).
  explicit ServerFixture(const std::function<void(ServerOptions&)>& adjust = {});
  ~ServerFixture();

  httplib::Client client() const;
  httplib::Headers api_headers() const { return {{"Authorization", "Bearer " + kApiKey}}; }

  // POST /api/orders with `manifest`; REQUIREs 201 and returns the body.
  nlohmann::json create_order(const nlohmann::json& manifest);
  // POST /api/orders/{id}/upload-links; REQUIREs 201 and returns the body.
  nlohmann::json create_link(const std::string& order_id, const std::string& role, int ttl_minutes = 60);
  // POST /u/{token}/files?slot=... with raw bytes.
  httplib::Result upload(const std::string& token, const std::string& slot, const std::string& bytes,
                         const std::string& content_type = "application/octet-stream");

  TempDir data;
  ServerOptions options;
  std::unique_ptr<UploadServer> server;
  std::ostringstream log_text;   // everything beian logged while the fixture lived
 private:
  std::shared_ptr<spdlog::sinks::sink> sink_;
};

// A small valid manifest: a unit with a business licence, its owner, `websites` websites
// each with an owner. With `with_uploads`, an explicit uploads list (IDs + a portrait for
// website owner 1); else the service derives the slots.
nlohmann::json test_manifest(const std::string& order_id, int websites = 1, bool with_uploads = false);

// A PNG (or JPEG) of a synthetic grey document-like picture, different for every seed.
std::string synthetic_image(int seed, const std::string& ext = ".png", int width = 640, int height = 400);

// The body of a reply as JSON (an empty object when it is not JSON).
nlohmann::json body_json(const httplib::Result& r);

}  // namespace beian::test
