// Upload-link tokens: bearer tokens that let one person upload one order's documents from a
// phone, for a limited time. A token is not the printed QR code of a rendered document (that
// is render/qr_payload.h); it is the secret part of the link the applicant opens.
//
// Wire format (version 1, URL-safe ASCII, no padding):
//
//     <base64url(payload)>.<base64url(tag)>
//     payload = "BU1|<order_id>|<role>|<expires>|<link_id>"
//     tag     = HMAC-SHA256(key, payload)   (all 32 bytes)
//
//   order_id  [A-Za-z0-9_-]{1,64}, the manifest's order id
//   role      who may upload: see UploadRole
//   expires   Unix seconds (decimal) after which the token is refused
//   link_id   16 lower-case hex characters naming the link in the service's database (so a
//             link can be revoked and rate-limited, and logged without its token)
//
// Thread safety: TokenSigner is immutable; every member is const.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace beian::server {

// Who a link is for. Persons and websites as in the order manifest ("person"/"website" of an
// upload): a link for website owner 2 grants exactly the uploads listed for that person.
struct UploadRole {
  enum class Kind {
    kApplicant,            // "applicant": every upload of the order (the PC session, the signed returns)
    kSubject,              // "subject": the unit's own certificates (licence, ...)
    kSubjectOwner,         // "subject_owner"
    kLegalRepresentative,  // "legal_representative"
    kWebsiteOwner,         // "website_owner:N", N = 1-based website index
  };
  Kind kind = Kind::kApplicant;
  int website = 0;  // kWebsiteOwner only: 1..999

  bool operator==(const UploadRole&) const = default;
  // "applicant", "subject", "subject_owner", "legal_representative", "website_owner:2".
  std::string to_string() const;
  // The manifest's person value for this role ("" for applicant and subject).
  std::string_view person() const;
  // Parses to_string()'s output; nullopt for anything else.
  static std::optional<UploadRole> parse(std::string_view text);
};

struct UploadToken {
  std::string order_id;
  UploadRole role;
  int64_t expires = 0;   // Unix seconds
  std::string link_id;   // 16 hex characters
};

enum class TokenVerdict {
  kOk,         // authentic and not expired
  kMalformed,  // not a version-1 upload token at all
  kForged,     // well-formed, but the tag does not match (altered, or another secret)
  kExpired,    // authentic, but past its expiry
};
std::string_view to_string(TokenVerdict v);  // "ok", "malformed", "forged", "expired"

struct TokenCheck {
  TokenVerdict verdict = TokenVerdict::kMalformed;
  UploadToken token;    // the fields; set for kOk and kExpired only (a forged token's claims are not trusted)
  std::string reason;   // why not ok, in English, never containing the token itself
};

class TokenSigner {
 public:
  static constexpr size_t kMinSecretBytes = 32;

  // A signer with `secret` (raw bytes, at least kMinSecretBytes). nullopt and *error when shorter.
  static std::optional<TokenSigner> create(std::string secret, std::string* error = nullptr);

  // The token for `t`. Throws std::invalid_argument when a field breaks the format.
  std::string issue(const UploadToken& t) const;

  // Parses and verifies `text` against the clock value `now` (Unix seconds). Never throws.
  TokenCheck verify(std::string_view text, int64_t now) const;

 private:
  explicit TokenSigner(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

// A fresh random link id (16 hex characters, 64 bits).
std::string new_link_id();

// True for a valid order id: [A-Za-z0-9_-]{1,64}. Checked before any id touches a path.
bool is_valid_order_id(std::string_view id);

}  // namespace beian::server
