// Upload-link tokens: issue/verify round trip and every way a token can be wrong.
#include <catch2/catch.hpp>

#include "pipeline/server/crypto.h"
#include "pipeline/server/upload_token.h"

using namespace beian::server;

namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef-test-secret";

TokenSigner signer(const std::string& secret = kSecret) { return TokenSigner::create(secret).value(); }

UploadToken sample() { return {"A-001", UploadRole{UploadRole::Kind::kWebsiteOwner, 2}, 2000000000, "0123456789abcdef"}; }

// Replaces the payload part of a token with `payload` but keeps the old tag.
std::string with_payload(const std::string& token, const std::string& payload) {
  return base64url_encode(payload) + token.substr(token.find('.'));
}

}  // namespace

TEST_CASE("base64url round-trips every length and refuses non-canonical text", "[server][token]") {
  std::string bytes;
  for (int n = 0; n < 70; ++n) {
    const std::string enc = base64url_encode(bytes);
    REQUIRE(enc.find_first_of("+/=") == std::string::npos);
    REQUIRE(base64url_decode(enc) == bytes);
    bytes += static_cast<char>(n * 37 + 11);
  }
  CHECK_FALSE(base64url_decode("ab=").has_value());
  CHECK_FALSE(base64url_decode("a").has_value());      // impossible length
  CHECK_FALSE(base64url_decode("ab+c").has_value());   // standard alphabet
  CHECK(base64url_decode("QQ") == std::string("A"));
  CHECK_FALSE(base64url_decode("QR").has_value());     // same byte, non-zero padding bits
  CHECK(base64_encode("ab") == "YWI=");
  CHECK(to_hex(hmac_sha256("key", "The quick brown fox jumps over the lazy dog")) ==
        "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");  // the widely published example
}

TEST_CASE("a token verifies with its secret until it expires", "[server][token]") {
  const auto s = signer();
  const std::string token = s.issue(sample());
  CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") == std::string::npos);

  const TokenCheck ok = s.verify(token, 1999999999);
  REQUIRE(ok.verdict == TokenVerdict::kOk);
  CHECK(ok.token.order_id == "A-001");
  CHECK(ok.token.role == UploadRole{UploadRole::Kind::kWebsiteOwner, 2});
  CHECK(ok.token.link_id == "0123456789abcdef");

  const TokenCheck late = s.verify(token, 2000000000);
  CHECK(late.verdict == TokenVerdict::kExpired);
  CHECK(late.token.order_id == "A-001");
}

TEST_CASE("altered, forged and malformed tokens are refused", "[server][token]") {
  const auto s = signer();
  const std::string token = s.issue(sample());
  const int64_t now = 1900000000;

  SECTION("payload changed to another order, role or expiry keeps the old tag: forged") {
    CHECK(s.verify(with_payload(token, "BU1|A-002|website_owner:2|2000000000|0123456789abcdef"), now).verdict ==
          TokenVerdict::kForged);
    CHECK(s.verify(with_payload(token, "BU1|A-001|applicant|2000000000|0123456789abcdef"), now).verdict ==
          TokenVerdict::kForged);
    CHECK(s.verify(with_payload(token, "BU1|A-001|website_owner:2|2100000000|0123456789abcdef"), now).verdict ==
          TokenVerdict::kForged);
  }
  SECTION("a flipped tag character: forged") {
    std::string t = token;
    t.back() = t.back() == 'A' ? 'B' : 'A';
    const auto check = s.verify(t, now);
    // The last base64url character may carry padding bits; either way it never verifies.
    CHECK(check.verdict != TokenVerdict::kOk);
    std::string u = token;
    const size_t mid = u.find('.') + 10;
    u[mid] = u[mid] == 'A' ? 'B' : 'A';
    CHECK(s.verify(u, now).verdict == TokenVerdict::kForged);
  }
  SECTION("signed with another secret: forged") {
    const auto other = signer("another-secret-of-enough-length-0123456789");
    CHECK(other.verify(token, now).verdict == TokenVerdict::kForged);
  }
  SECTION("forged tokens reveal no claims") {
    const auto other = signer("another-secret-of-enough-length-0123456789");
    CHECK(other.verify(token, now).token.order_id.empty());
  }
  SECTION("malformed") {
    for (const std::string& bad : std::vector<std::string>{"", ".", "abc", "a.b.c", token + ".x", std::string(600, 'A'), "!!!.???"})
      CHECK(s.verify(bad, now).verdict == TokenVerdict::kMalformed);
    // A well-formed tag over a payload of the wrong version or shape is malformed, not forged.
    CHECK(s.verify(with_payload(token, "BU2|A-001|applicant|2000000000|0123456789abcdef"), now).verdict ==
          TokenVerdict::kMalformed);
    CHECK(s.verify(with_payload(token, "BU1|A/001|applicant|2000000000|0123456789abcdef"), now).verdict ==
          TokenVerdict::kMalformed);
    CHECK(s.verify(with_payload(token, "BU1|A-001|website_owner:02|2000000000|0123456789abcdef"), now).verdict ==
          TokenVerdict::kMalformed);
  }
}

TEST_CASE("short secrets and invalid fields are refused when issuing", "[server][token]") {
  std::string error;
  CHECK_FALSE(TokenSigner::create("too-short", &error).has_value());
  CHECK(error.find("32") != std::string::npos);
  const auto s = signer();
  UploadToken t = sample();
  t.order_id = "../etc";
  CHECK_THROWS_AS(s.issue(t), std::invalid_argument);
  t = sample();
  t.link_id = "xyz";
  CHECK_THROWS_AS(s.issue(t), std::invalid_argument);
}

TEST_CASE("roles parse and print the same way", "[server][token]") {
  for (const std::string text : {"applicant", "subject", "subject_owner", "legal_representative", "website_owner:1",
                                 "website_owner:999"}) {
    const auto r = UploadRole::parse(text);
    REQUIRE(r.has_value());
    CHECK(r->to_string() == text);
  }
  for (const std::string bad : {"", "owner", "website_owner", "website_owner:", "website_owner:0", "website_owner:1000",
                                "website_owner:x", "Applicant"})
    CHECK_FALSE(UploadRole::parse(bad).has_value());
  CHECK(new_link_id().size() == 16);
  CHECK(new_link_id() != new_link_id());
}
