// SHA-256 (OpenSSL) as lower-case hex: upload digests, duplicate detection, input fingerprints.
#pragma once

#include <string>
#include <string_view>

namespace beian {

std::string sha256_hex(std::string_view bytes);

// Incremental form, for hashing many pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex();  // finishes; call once

 private:
  void* ctx_;
};

}  // namespace beian
