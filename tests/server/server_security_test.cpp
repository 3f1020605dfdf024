// The service's refusals, each through real HTTP: forged, altered, expired and replayed tokens;
// role and order boundaries; body limits; content checked by content; client paths; rate
// limits; the API key; and that refusals are logged without the token.
#include <catch2/catch.hpp>

#include "pipeline/server/crypto.h"
#include "pipeline/server/store.h"
#include "pipeline/server/upload_token.h"
#include "tests/server/server_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {

std::string error_code(const httplib::Result& r) { return body_json(r).value("error", nlohmann::json::object()).value("code", ""); }

// A token signed with the service's real secret, for a link that the database never issued.
std::string self_signed(const std::string& order_id, const std::string& role, int64_t expires,
                        const std::string& link_id = "00000000deadbeef") {
  const auto signer = server::TokenSigner::create(kTokenSecret).value();
  return signer.issue({order_id, server::UploadRole::parse(role).value(), expires, link_id});
}

}  // namespace

TEST_CASE("the API needs its key", "[server][security]") {
  ServerFixture f;
  auto c = f.client();
  auto none = c.Post("/api/orders", test_manifest("K1").dump(), "application/json");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(error_code(none) == "SERVER_UNAUTHORISED");
  auto wrong = c.Post("/api/orders", {{"Authorization", "Bearer " + kApiKey + "x"}}, test_manifest("K1").dump(), "application/json");
  CHECK(wrong->status == 401);
  auto report = c.Get("/api/orders/K1");
  CHECK(report->status == 401);
  CHECK(f.create_order(test_manifest("K1"))["order_id"] == "K1");
  auto again = c.Post("/api/orders", f.api_headers(), test_manifest("K1").dump(), "application/json");
  CHECK(again->status == 409);
  auto bad = c.Post("/api/orders", f.api_headers(), R"({"order_id":"K2","fliing_type":"首次备案"})", "application/json");
  CHECK(bad->status == 422);
  CHECK(body_json(bad)["errors"].size() >= 2);
}

TEST_CASE("forged, altered, expired and replayed tokens are refused and logged without the token", "[server][security]") {
  ServerFixture f;
  f.create_order(test_manifest("T1"));
  f.create_order(test_manifest("T2"));
  const std::string token = f.create_link("T1", "website_owner:1")["token"];
  const std::string image = synthetic_image(1);
  auto c = f.client();
  REQUIRE(c.Get(("/u/" + token + "/status").c_str())->status == 200);

  SECTION("altered payload (another order) keeps the tag: 401") {
    const size_t dot = token.find('.');
    const std::string payload = *server::base64url_decode(token.substr(0, dot));
    std::string changed = payload;
    changed.replace(changed.find("T1"), 2, "T2");
    const std::string altered = server::base64url_encode(changed) + token.substr(dot);
    auto r = f.upload(altered, "", image);
    CHECK(r->status == 401);
    CHECK(error_code(r) == "SERVER_LINK_INVALID");
    CHECK(f.log_text.str().find(altered) == std::string::npos);
    CHECK(f.log_text.str().find("forged") != std::string::npos);
  }
  SECTION("signed with another secret: 401") {
    const auto other = server::TokenSigner::create("some-other-secret-0123456789abcdef-xyz").value();
    const std::string forged = other.issue({"T1", server::UploadRole{}, 4000000000, "0123456789abcdef"});
    auto r = c.Get(("/u/" + forged + "/status").c_str());
    CHECK(r->status == 401);
    CHECK(f.log_text.str().find(forged) == std::string::npos);
  }
  SECTION("garbage token: 401") {
    auto r = f.upload("not-a-token", "", image);
    CHECK(r->status == 401);
  }
  SECTION("expired: 401 with its own message") {
    const std::string expired = self_signed("T1", "applicant", server::now_ms() / 1000 - 5);
    auto r = f.upload(expired, "", image);
    CHECK(r->status == 401);
    CHECK(error_code(r) == "SERVER_LINK_EXPIRED");
    CHECK(f.log_text.str().find(expired) == std::string::npos);
    CHECK(f.log_text.str().find("expired") != std::string::npos);
  }
  SECTION("authentic but never issued (e.g. replayed against another installation's database): 403") {
    const std::string unknown = self_signed("T1", "applicant", server::now_ms() / 1000 + 600);
    auto r = f.upload(unknown, "", image);
    CHECK(r->status == 403);
    CHECK(error_code(r) == "SERVER_LINK_REVOKED");
  }
  SECTION("a token of order T1 sent to order T2: 403") {
    auto r = c.Post("/api/orders/T2/files?slot=id_front.website_owner.1", {{"Authorization", "Bearer " + token}}, image,
                    "application/octet-stream");
    CHECK(r->status == 403);
    CHECK(error_code(r) == "SERVER_LINK_OTHER_ORDER");
    CHECK(f.server->base_url().empty() == false);
    CHECK(f.log_text.str().find(token) == std::string::npos);
    // The same token on its own order works.
    auto ok = c.Post("/api/orders/T1/files?slot=id_front.website_owner.1", {{"Authorization", "Bearer " + token}}, image,
                     "application/octet-stream");
    CHECK(ok->status == 201);
  }
  SECTION("a token only grants its own role's slots") {
    auto r = f.upload(token, "id_front.subject_owner", image);
    CHECK(r->status == 403);
    CHECK(error_code(r) == "SERVER_SLOT_FORBIDDEN");
    auto status = body_json(c.Get(("/u/" + token + "/status").c_str()));
    for (const auto& s : status["slots"]) CHECK(s["id"].get<std::string>().find("website_owner.1") != std::string::npos);
    CHECK(status["slots"].size() == 3);  // ID front, back and the portrait
  }
}

TEST_CASE("uploads are checked by content and size, and client paths never reach the disk", "[server][security]") {
  ServerFixture f([](ServerOptions& o) { o.max_upload_bytes = 300 * 1024; });
  f.create_order(test_manifest("C1"));
  const std::string token = f.create_link("C1", "applicant")["token"];
  auto c = f.client();

  // A text file claiming to be a JPEG.
  auto text = f.upload(token, "business_licence", "this is not an image, whatever the header says", "image/jpeg");
  CHECK(text->status == 415);
  CHECK(error_code(text) == "FILE_NOT_IMAGE");
  // A PNG declared as something else is judged by its bytes and accepted.
  auto png = f.upload(token, "business_licence", synthetic_image(2), "text/plain");
  CHECK(png->status == 201);
  CHECK(body_json(png)["sha256"].get<std::string>().size() == 64);
  // Larger than the limit: 413 (by the HTTP layer or the service).
  auto big = f.upload(token, "business_licence", std::string(400 * 1024, 'x'));
  CHECK(big->status == 413);
  CHECK(body_json(big)["error"]["evidence"]["limit"] == std::to_string(300 * 1024));
  // An image sent as a form-urlencoded body (curl --data-binary without a type), which the HTTP
  // layer caps at 8 KB: told how to send it, not that it is too large.
  const std::string photo = synthetic_image(4, ".png", 1600, 1000);
  REQUIRE(photo.size() > 8192);
  auto form = f.upload(token, "business_licence", photo, "application/x-www-form-urlencoded");
  CHECK(form->status == 400);
  CHECK(error_code(form) == "SERVER_BAD_REQUEST");
  // Empty body.
  CHECK(f.upload(token, "business_licence", "")->status == 400);

  // Path-like slot names and document names are only ever compared with known ids.
  auto slot = f.upload(token, "../../beian.db", synthetic_image(3));
  CHECK(slot->status == 404);
  CHECK(error_code(slot) == "SERVER_SLOT_UNKNOWN");
  auto doc = c.Get("/api/orders/C1/documents/..%2F..%2Fbeian.db", f.api_headers());
  CHECK(doc->status == 404);
  auto doc2 = c.Get("/api/orders/C1/documents/..", f.api_headers());
  CHECK(doc2->status == 404);
  auto order = c.Get("/api/orders/..%2Fetc", f.api_headers());
  CHECK(order->status == 404);
  auto traversal = c.Get(("/u/" + token + "/../../beian.db").c_str());
  CHECK(traversal->status == 404);
  // Stored files are named by their digest, never by anything the client sent.
  for (const auto& e : std::filesystem::recursive_directory_iterator(f.data.path() / "orders" / "C1" / "files"))
    CHECK(e.path().stem().string().size() == 64);
}

TEST_CASE("each link has its own upload rate limit", "[server][security]") {
  ServerFixture f([](ServerOptions& o) {
    o.uploads_per_minute = 1;
    o.upload_burst = 3;
  });
  f.create_order(test_manifest("R1"));
  const std::string a = f.create_link("R1", "applicant")["token"];
  const std::string b = f.create_link("R1", "website_owner:1")["token"];
  for (int i = 0; i < 3; ++i) CHECK(f.upload(a, "business_licence", synthetic_image(10 + i))->status == 201);
  auto limited = f.upload(a, "business_licence", synthetic_image(20));
  REQUIRE(limited);
  CHECK(limited->status == 429);
  CHECK(error_code(limited) == "SERVER_RATE_LIMITED");
  CHECK(std::stoi(limited->get_header_value("Retry-After")) >= 1);
  CHECK(f.upload(b, "id_front.website_owner.1", synthetic_image(21))->status == 201);
}

TEST_CASE("responses carry security headers and the page never echoes the request", "[server][security]") {
  ServerFixture f;
  f.create_order(test_manifest("H1"));
  const std::string token = f.create_link("H1", "applicant")["token"];
  auto c = f.client();
  auto page = c.Get(("/u/" + token).c_str());
  REQUIRE(page->status == 200);
  CHECK(page->get_header_value("Referrer-Policy") == "no-referrer");
  CHECK(page->get_header_value("Cache-Control") == "no-store");
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
  CHECK(page->body.find(token) == std::string::npos);
  CHECK(page->body.find("capture=\"environment\"") != std::string::npos);
  auto js = c.Get("/static/upload.js");
  CHECK(js->status == 200);
  CHECK(js->get_header_value("Content-Type").find("javascript") != std::string::npos);
  CHECK(c.Get("/static/../beian.db")->status == 404);
  CHECK(c.Get("/static/upload.html")->status == 404);
}
