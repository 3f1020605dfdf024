// EngineOptions reach what the Engine does: the QR secret signs the documents it renders.
#include <catch2/catch.hpp>

#include "beian/engine.h"
#include "beian/render/qr_payload.h"
#include "tests/support/test_support.h"

namespace {

beian::Order sample_order() {
  const auto parsed = beian::load_order_manifest((beian::test::source_dir() / "samples" / "orders" / "S0001" / "order.json").string());
  REQUIRE(parsed.ok());
  return parsed.order;
}

}  // namespace

TEST_CASE("documents rendered by the Engine are signed with EngineOptions::qr_secret", "[engine][render]") {
  const std::string secret = "order-service-secret-0123456789";
  beian::EngineOptions options;
  options.workers = 1;
  options.qr_secret = secret;
  auto engine = beian::Engine::create(options);
  REQUIRE(engine.value);
  const beian::Order order = sample_order();
  const auto doc = engine.value->render("verification_sheet", order, 1);
  INFO(doc.findings.size() << " findings");
  REQUIRE_FALSE(doc.pdf.empty());
  REQUIRE_FALSE(doc.qr_text.empty());

  const auto ours = beian::render::QrSigner::create(secret);
  REQUIRE(ours);
  CHECK(ours->verify(doc.qr_text).verdict == beian::render::QrVerdict::kOk);
  CHECK(ours->verify(doc.qr_text).payload.order_id == order.order_id);
  const auto other = beian::render::QrSigner::create("another-secret-of-sufficient-length");
  REQUIRE(other);
  CHECK(other->verify(doc.qr_text).verdict == beian::render::QrVerdict::kForged);
}

TEST_CASE("a QR secret that is too short is refused when the Engine is created", "[engine][render]") {
  beian::EngineOptions options;
  options.workers = 1;
  options.qr_secret = "short";
  const auto engine = beian::Engine::create(options);
  CHECK_FALSE(engine.value);
  INFO(engine.error);
  CHECK_FALSE(engine.error.empty());
}
