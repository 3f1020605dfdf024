#include "pipeline/server/upload_token.h"

#include <charconv>
#include <stdexcept>
#include <vector>

#include "pipeline/server/crypto.h"

namespace beian::server {
namespace {

constexpr std::string_view kVersion = "BU1";
// Domain separation: the key that signs links is derived from the configured secret, so the
// same secret could never produce a tag valid in another context.
constexpr std::string_view kKeyLabel = "beian upload-link token key v1";

bool is_link_id(std::string_view s) {
  if (s.size() != 16) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::optional<int64_t> parse_seconds(std::string_view s) {
  if (s.empty() || s.size() > 12 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t at = text.find(sep, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

std::string payload_of(const UploadToken& t) {
  return std::string(kVersion) + "|" + t.order_id + "|" + t.role.to_string() + "|" + std::to_string(t.expires) + "|" +
         t.link_id;
}

}  // namespace

bool is_valid_order_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string UploadRole::to_string() const {
  switch (kind) {
    case Kind::kApplicant: return "applicant";
    case Kind::kSubject: return "subject";
    case Kind::kSubjectOwner: return "subject_owner";
    case Kind::kLegalRepresentative: return "legal_representative";
    case Kind::kWebsiteOwner: return "website_owner:" + std::to_string(website);
  }
  return "applicant";
}

std::string_view UploadRole::person() const {
  switch (kind) {
    case Kind::kSubjectOwner: return "subject_owner";
    case Kind::kLegalRepresentative: return "legal_representative";
    case Kind::kWebsiteOwner: return "website_owner";
    default: return "";
  }
}

std::optional<UploadRole> UploadRole::parse(std::string_view text) {
  if (text == "applicant") return UploadRole{Kind::kApplicant, 0};
  if (text == "subject") return UploadRole{Kind::kSubject, 0};
  if (text == "subject_owner") return UploadRole{Kind::kSubjectOwner, 0};
  if (text == "legal_representative") return UploadRole{Kind::kLegalRepresentative, 0};
  constexpr std::string_view kOwner = "website_owner:";
  if (text.substr(0, kOwner.size()) == kOwner) {
    const std::string_view n = text.substr(kOwner.size());
    if (n.empty() || n.size() > 3 || n[0] == '0') return std::nullopt;
    int v = 0;
    for (char c : n) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return UploadRole{Kind::kWebsiteOwner, v};
  }
  return std::nullopt;
}

std::string_view to_string(TokenVerdict v) {
  switch (v) {
    case TokenVerdict::kOk: return "ok";
    case TokenVerdict::kMalformed: return "malformed";
    case TokenVerdict::kForged: return "forged";
    case TokenVerdict::kExpired: return "expired";
  }
  return "malformed";
}

std::optional<TokenSigner> TokenSigner::create(std::string secret, std::string* error) {
  if (secret.size() < kMinSecretBytes) {
    if (error)
      *error = "the upload-link secret has " + std::to_string(secret.size()) + " bytes; at least " +
               std::to_string(kMinSecretBytes) + " are required";
    return std::nullopt;
  }
  return TokenSigner(hmac_sha256(secret, kKeyLabel));
}

std::string TokenSigner::issue(const UploadToken& t) const {
  if (!is_valid_order_id(t.order_id)) throw std::invalid_argument("upload token: invalid order id");
  if (!is_link_id(t.link_id)) throw std::invalid_argument("upload token: link id must be 16 hex characters");
  if (t.expires <= 0) throw std::invalid_argument("upload token: expiry must be positive");
  if (!UploadRole::parse(t.role.to_string())) throw std::invalid_argument("upload token: invalid role");
  const std::string payload = payload_of(t);
  return base64url_encode(payload) + "." + base64url_encode(hmac_sha256(key_, payload));
}

TokenCheck TokenSigner::verify(std::string_view text, int64_t now) const {
  TokenCheck check;
  if (text.size() > 512) {
    check.reason = "token too long";
    return check;
  }
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos || text.find('.', dot + 1) != std::string_view::npos) {
    check.reason = "not two dot-separated parts";
    return check;
  }
  const auto payload = base64url_decode(text.substr(0, dot));
  const auto tag = base64url_decode(text.substr(dot + 1));
  if (!payload || !tag || tag->size() != 32) {
    check.reason = "bad base64url encoding or tag length";
    return check;
  }
  const auto parts = split(*payload, '|');
  if (parts.size() != 5 || parts[0] != kVersion) {
    check.reason = "not a version-1 upload token";
    return check;
  }
  UploadToken t;
  t.order_id = std::string(parts[1]);
  const auto role = UploadRole::parse(parts[2]);
  const auto expires = parse_seconds(parts[3]);
  t.link_id = std::string(parts[4]);
  if (!is_valid_order_id(t.order_id) || !role || !expires || !is_link_id(t.link_id)) {
    check.reason = "a field of the payload breaks the format";
    return check;
  }
  t.role = *role;
  t.expires = *expires;
  // Compare the whole tag in constant time; the payload is re-serialised so that only the
  // canonical spelling of a payload is ever accepted.
  if (payload_of(t) != *payload || !constant_time_equal(hmac_sha256(key_, *payload), *tag)) {
    check.verdict = TokenVerdict::kForged;
    check.reason = "integrity tag does not match";
    return check;
  }
  check.token = std::move(t);
  if (now >= check.token.expires) {
    check.verdict = TokenVerdict::kExpired;
    check.reason = "expired " + std::to_string(now - check.token.expires) + " s ago";
    return check;
  }
  check.verdict = TokenVerdict::kOk;
  return check;
}

std::string new_link_id() { return to_hex(random_bytes(8)); }

}  // namespace beian::server
