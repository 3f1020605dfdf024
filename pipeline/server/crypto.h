// Small cryptographic helpers of the upload service, on OpenSSL: HMAC-SHA256, URL-safe
// base64 (RFC 4648 §5, no padding), random bytes and a constant-time comparison.
//
// (The render module signs its QR payloads with HMAC-SHA256 too, but keeps its helper
// private; these few lines are the service's own.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace beian::server {

// The 32-byte raw HMAC-SHA256 of `message` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view message);

// URL-safe base64 without padding ("-" and "_" instead of "+" and "/").
std::string base64url_encode(std::string_view bytes);
// Decodes base64url_encode's output; nullopt for any other character, a padding character or
// an impossible length. Never throws.
std::optional<std::string> base64url_decode(std::string_view text);

// Standard base64 with padding (RFC 4648 §4), e.g. for a PNG inside JSON.
std::string base64_encode(std::string_view bytes);

// `n` bytes from OpenSSL's CSPRNG. Throws std::runtime_error if it fails.
std::string random_bytes(size_t n);

// Lower-case hex of `bytes`.
std::string to_hex(std::string_view bytes);

// True when a and b are equal, in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace beian::server
