#include "services/core/rate_limiter.h"

#include <algorithm>

namespace biopolis {

bool RateLimiter::Allow(const std::string& key) {
  if (per_second_ <= 0) return true;
  TimeMicros now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = static_cast<double>(std::max<TimeMicros>(0, now - b.last)) / kMicrosPerSecond;
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.last = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

}  // namespace biopolis
