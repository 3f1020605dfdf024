// Per-link upload rate limit: a token bucket per key (the link id). Each upload takes one
// token; tokens refill at `per_minute` a minute up to `burst`. A refused request learns how
// long to wait (the HTTP layer sends it as Retry-After).
//
// Thread safety: all members may be called from many threads at once.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace beian::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // REQUIRES: per_minute > 0, burst >= 1.
  RateLimiter(double per_minute, double burst) : per_second_(per_minute / 60.0), burst_(burst) {}

  struct Decision {
    bool allowed = false;
    int retry_after_seconds = 0;   // when refused: seconds until one token is back (>= 1)
  };

  // Takes one token for `key` at time `now`.
  Decision take(const std::string& key, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  double per_second_;
  double burst_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace beian::server
