// The text inside a rendered document's QR code, and its integrity tag.
//
// A signed sheet comes back as a scan or photo; its QR code tells the upload service which
// order, document and website it belongs to, and an HMAC tag lets it reject a code that was
// forged or altered (e.g. an order id changed by hand, a code copied from a template).
//
// Wire format (ASCII, version 1):
//
//     BEIAN1|<order_id>|<document>|<website>|<tag>
//
//   order_id  [A-Za-z0-9_-]{1,64}  (the manifest's order id)
//   document  [a-z_]{1,40}         the document kind id: verification_sheet,
//                                  commitment_letter, authorisation_letter, ...
//   website   decimal 0-999, no leading zeros; 1-based website index, 0 = order-level document
//   tag       20 characters of RFC 4648 base32 (A-Z2-7, no padding): the first 96 bits of
//             HMAC-SHA256(secret, "BEIAN1|<order_id>|<document>|<website>")
//
// The secret is configuration (at least 16 bytes), shared by the renderer and the upload
// service; see qr_secret_from_environment().
//
// Thread safety: QrSigner is immutable after creation; all members are const and may be
// used from many threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace beian::render {

struct QrPayload {
  std::string order_id;
  std::string document;
  int website = 0;

  bool operator==(const QrPayload&) const = default;
};

enum class QrVerdict {
  kOk,         // well-formed and the tag matches: payload is authentic
  kForged,     // well-formed but the tag does not match (altered, or signed with another secret)
  kMalformed,  // not a beian version-1 code at all, or a field breaks the format
};

// "ok", "forged", "malformed".
std::string_view to_string(QrVerdict v);

struct QrCheck {
  QrVerdict verdict = QrVerdict::kMalformed;
  QrPayload payload;   // the fields as read (also for kForged, for diagnostics); empty when malformed
  std::string reason;  // why not ok, in English; empty when ok
};

// The checks encode() applies to its input: "" when `p` can be encoded, else what is wrong.
std::string validate_qr_payload(const QrPayload& p);

class QrSigner {
 public:
  static constexpr size_t kMinSecretBytes = 16;
  static constexpr size_t kTagChars = 20;  // 96 bits in base32

  // A signer with `secret` (raw bytes). Returns nullopt and sets *error when the secret is
  // shorter than kMinSecretBytes.
  static std::optional<QrSigner> create(std::string secret, std::string* error = nullptr);

  // The QR text for `p`. Throws std::invalid_argument (with validate_qr_payload's reason)
  // when a field breaks the format.
  std::string encode(const QrPayload& p) const;

  // Parses and verifies a decoded QR text. Never throws.
  QrCheck verify(std::string_view text) const;

 private:
  explicit QrSigner(std::string secret) : secret_(std::move(secret)) {}
  std::string tag(std::string_view message) const;
  std::string secret_;
};

// The secret from the environment: BEIAN_QR_SECRET (the secret itself), else the contents of
// the file named by BEIAN_QR_SECRET_FILE (one trailing newline removed). nullopt when neither
// is set (or the file cannot be read).
std::optional<std::string> qr_secret_from_environment();

}  // namespace beian::render
