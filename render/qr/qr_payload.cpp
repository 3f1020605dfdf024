#include "beian/render/qr_payload.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace beian::render {
namespace {

constexpr std::string_view kVersion = "BEIAN1";
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr size_t kTagBits = QrSigner::kTagChars * 5;  // 100 bits of base32 carry the 96-bit tag

bool is_order_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_document_id(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  return true;
}

std::optional<int> parse_website(std::string_view s) {
  if (s.empty() || s.size() > 3 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string base32(const unsigned char* data, size_t bits) {
  std::string out;
  for (size_t pos = 0; pos < bits; pos += 5) {
    unsigned v = 0;
    for (size_t b = pos; b < pos + 5; ++b) {
      const unsigned bit = b < 96 ? (data[b / 8] >> (7 - b % 8)) & 1u : 0u;  // pad the last group with 0
      v = (v << 1) | bit;
    }
    out += kBase32[v];
  }
  return out;
}

std::string message_of(const QrPayload& p) {
  return std::string(kVersion) + "|" + p.order_id + "|" + p.document + "|" + std::to_string(p.website);
}

std::vector<std::string_view> split_bar(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t bar = text.find('|', start);
    parts.push_back(text.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return parts;
}

}  // namespace

std::string_view to_string(QrVerdict v) {
  switch (v) {
    case QrVerdict::kOk: return "ok";
    case QrVerdict::kForged: return "forged";
    case QrVerdict::kMalformed: return "malformed";
  }
  return "malformed";
}

std::string validate_qr_payload(const QrPayload& p) {
  if (!is_order_id(p.order_id)) return "order id must be 1-64 characters of A-Z a-z 0-9 _ -";
  if (!is_document_id(p.document)) return "document kind must be 1-40 characters of a-z and _";
  if (p.website < 0 || p.website > 999) return "website index must be 0-999";
  return {};
}

std::optional<QrSigner> QrSigner::create(std::string secret, std::string* error) {
  if (secret.size() < kMinSecretBytes) {
    if (error) *error = "the QR secret must be at least " + std::to_string(kMinSecretBytes) + " bytes";
    return std::nullopt;
  }
  return QrSigner(std::move(secret));
}

std::string QrSigner::tag(std::string_view message) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len) ||
      len < 12)
    throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
  return base32(mac, kTagBits);
}

std::string QrSigner::encode(const QrPayload& p) const {
  if (auto why = validate_qr_payload(p); !why.empty()) throw std::invalid_argument("QR payload: " + why);
  const std::string message = message_of(p);
  return message + "|" + tag(message);
}

QrCheck QrSigner::verify(std::string_view text) const {
  QrCheck check;
  const auto parts = split_bar(text);
  if (parts.empty() || parts[0] != kVersion) {
    check.reason = "not a beian version-1 code";
    return check;
  }
  if (parts.size() != 5) {
    check.reason = "expected 5 fields separated by '|', found " + std::to_string(parts.size());
    return check;
  }
  QrPayload p{std::string(parts[1]), std::string(parts[2]), 0};
  const auto website = parse_website(parts[3]);
  if (!website) {
    check.reason = "website index is not a number 0-999";
    return check;
  }
  p.website = *website;
  if (auto why = validate_qr_payload(p); !why.empty()) {
    check.reason = why;
    return check;
  }
  const std::string_view given = parts[4];
  if (given.size() != kTagChars || given.find_first_not_of(kBase32) != std::string_view::npos) {
    check.reason = "integrity tag must be " + std::to_string(kTagChars) + " base32 characters";
    return check;
  }
  check.payload = p;
  std::string expected;
  try {
    expected = tag(message_of(p));
  } catch (const std::exception& e) {
    check.reason = e.what();
    return check;
  }
  if (CRYPTO_memcmp(expected.data(), given.data(), kTagChars) != 0) {
    check.verdict = QrVerdict::kForged;
    check.reason = "integrity tag does not match: the code was altered or signed with another secret";
    return check;
  }
  check.verdict = QrVerdict::kOk;
  return check;
}

std::optional<std::string> qr_secret_from_environment() {
  if (const char* s = std::getenv("BEIAN_QR_SECRET"); s && *s) return std::string(s);
  if (const char* f = std::getenv("BEIAN_QR_SECRET_FILE"); f && *f) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string secret = ss.str();
    if (!secret.empty() && secret.back() == '\n') secret.pop_back();
    if (!secret.empty() && secret.back() == '\r') secret.pop_back();
    return secret;
  }
  return std::nullopt;
}

}  // namespace beian::render
