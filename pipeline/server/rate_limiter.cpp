#include "pipeline/server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace beian::server {

RateLimiter::Decision RateLimiter::take(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    if (elapsed > 0) b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.updated = std::max(b.updated, now);
  }
  Decision d;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    d.allowed = true;
    return d;
  }
  d.retry_after_seconds = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
  return d;
}

}  // namespace beian::server
