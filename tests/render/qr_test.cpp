// The QR payload (format, HMAC tag, ok / forged / malformed) and the QR drawn as vector
// squares, decoded back with zxing from the page rasterised at 100 dpi.
#include <catch2/catch.hpp>

#include "beian/render/qr_payload.h"
#include "render/qr/qr_code.h"
#include "tests/render/render_test_support.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::render;

namespace {
const std::string kSecret = "test-secret-0123456789abcdef";

QrSigner signer(const std::string& secret = kSecret) {
  auto s = QrSigner::create(secret);
  REQUIRE(s);
  return *s;
}
}  // namespace

TEST_CASE("a payload round-trips and verifies", "[render][qr]") {
  const QrPayload p{"ORD-2024_0001", "verification_sheet", 2};
  const std::string text = signer().encode(p);
  CHECK(text.rfind("BEIAN1|ORD-2024_0001|verification_sheet|2|", 0) == 0);
  CHECK(text.size() == std::string("BEIAN1|ORD-2024_0001|verification_sheet|2|").size() + QrSigner::kTagChars);
  const QrCheck c = signer().verify(text);
  CHECK(c.verdict == QrVerdict::kOk);
  CHECK(c.payload == p);
  CHECK(c.reason.empty());
  // Deterministic: the same payload and secret give the same code.
  CHECK(signer().encode(p) == text);
}

TEST_CASE("the tag is HMAC-SHA256 truncated to 96 bits, base32", "[render][qr]") {
  // Independent vector: HMAC-SHA256(key="test-secret-0123456789abcdef",
  // "BEIAN1|A1|commitment_letter|0") computed with `openssl dgst -sha256 -hmac`, first 12
  // bytes in RFC 4648 base32 with the last 4 bits zero.
  const auto r = test::run_program({"/bin/sh", "-c",
                                    "printf %s 'BEIAN1|A1|commitment_letter|0' | openssl dgst -sha256 -hmac "
                                    "'test-secret-0123456789abcdef' -binary | head -c 12 | base32"});
  REQUIRE(r.exit_code == 0);
  std::string expected = r.out.substr(0, 20);  // 12 bytes → 20 base32 chars ("====" padding follows)
  CHECK(signer().encode({"A1", "commitment_letter", 0}) == "BEIAN1|A1|commitment_letter|0|" + expected);
}

TEST_CASE("altered fields or another secret are forged", "[render][qr]") {
  const std::string text = signer().encode({"A1", "verification_sheet", 1});
  std::string changed_order = text;
  changed_order.replace(changed_order.find("A1"), 2, "A2");
  CHECK(signer().verify(changed_order).verdict == QrVerdict::kForged);
  CHECK(signer().verify(changed_order).payload.order_id == "A2");
  std::string changed_site = text;
  changed_site.replace(changed_site.find("|1|"), 3, "|3|");
  CHECK(signer().verify(changed_site).verdict == QrVerdict::kForged);
  std::string changed_tag = text;
  changed_tag.back() = changed_tag.back() == 'A' ? 'B' : 'A';
  CHECK(signer().verify(changed_tag).verdict == QrVerdict::kForged);
  CHECK(signer("another-secret-of-enough-length").verify(text).verdict == QrVerdict::kForged);
}

TEST_CASE("malformed codes are told apart from forged ones", "[render][qr]") {
  const auto s = signer();
  const std::string tag(QrSigner::kTagChars, 'A');
  for (const std::string& bad :
       {std::string(""), std::string("hello"), std::string("https://example.com"), "BEIAN2|A1|verification_sheet|1|" + tag,
        std::string("BEIAN1|A1|verification_sheet|1"), "BEIAN1|A1|verification_sheet|1|" + tag + "|x",
        "BEIAN1||verification_sheet|1|" + tag, "BEIAN1|A 1|verification_sheet|1|" + tag,
        "BEIAN1|A1|Verification|1|" + tag, "BEIAN1|A1|verification_sheet|01|" + tag,
        "BEIAN1|A1|verification_sheet|1000|" + tag, "BEIAN1|A1|verification_sheet|-1|" + tag,
        "BEIAN1|A1|verification_sheet|1|" + tag.substr(1), "BEIAN1|A1|verification_sheet|1|" + std::string(20, 'a'),
        "BEIAN1|A1|verification_sheet|1|" + std::string(19, 'A') + "1"}) {
    INFO(bad);
    const auto c = s.verify(bad);
    CHECK(c.verdict == QrVerdict::kMalformed);
    CHECK_FALSE(c.reason.empty());
  }
}

TEST_CASE("bad secrets and payloads are refused", "[render][qr]") {
  std::string error;
  CHECK_FALSE(QrSigner::create("short", &error));
  CHECK(error.find("16") != std::string::npos);
  CHECK_THROWS_AS(signer().encode({"A|1", "verification_sheet", 1}), std::invalid_argument);
  CHECK_THROWS_AS(signer().encode({std::string(65, 'a'), "verification_sheet", 1}), std::invalid_argument);
  CHECK_THROWS_AS(signer().encode({"A1", "", 1}), std::invalid_argument);
  CHECK_THROWS_AS(signer().encode({"A1", "verification_sheet", 1000}), std::invalid_argument);
}

TEST_CASE("the QR code is vector squares that decode after rasterising at 100 dpi", "[render][qr]") {
  const std::string text = signer().encode({"ORDER-QR-TEST-0001", "authorisation_letter", 10});
  const QrModules qr = encode_qr(text, "M");
  CHECK(qr.size >= 21);
  CHECK((qr.size - 17) % 4 == 0);
  // Finder pattern: the top-left 7x7 ring is dark.
  for (int i = 0; i < 7; ++i) {
    CHECK(qr.at(i, 0));
    CHECK(qr.at(0, i));
  }
  const auto rects = qr_rects(qr, 150, 20, 25);
  size_t dark = 0;
  for (bool d : qr.dark) dark += d;
  CHECK(rects.size() < dark);  // runs are merged
  double area = 0;
  for (const auto& r : rects) area += r.w * r.h;
  const double m = 25.0 / qr.size;
  CHECK(area == Approx(dark * m * m));

  PdfWriter pdf(test_font(), {U'码'});
  pdf.add_page(210, 297);
  pdf.fill_rects(rects);
  test::TempDir dir;
  test::write_file(dir / "qr.pdf", pdf.save());
  const auto texts = decode_qr_codes(pdf_page_png(dir / "qr.pdf", 1, 100));
  REQUIRE(texts.size() == 1);
  CHECK(texts[0] == text);
  CHECK(signer().verify(texts[0]).verdict == QrVerdict::kOk);
  CHECK_THROWS_AS(encode_qr(text, "X"), std::invalid_argument);
  CHECK_THROWS_AS(encode_qr(std::string(5000, 'a'), "H"), std::invalid_argument);
}
