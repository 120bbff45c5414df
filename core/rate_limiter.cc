#include "core/rate_limiter.h"

#include <algorithm>
#include <iterator>

namespace biopolis {

RateLimiter::Bucket& RateLimiter::Refill(const std::string& key, TimeMicros now) {
  if (buckets_.size() >= kMaxKeys && buckets_.find(key) == buckets_.end()) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      double elapsed = static_cast<double>(std::max<TimeMicros>(0, now - it->second.last)) / kMicrosPerSecond;
      it = it->second.tokens + elapsed * per_second_ >= burst_ ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = static_cast<double>(std::max<TimeMicros>(0, now - b.last)) / kMicrosPerSecond;
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.last = now;
  }
  return b;
}

bool RateLimiter::Allow(const std::string& key) {
  if (per_second_ <= 0) return true;
  TimeMicros now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  Bucket& b = Refill(key, now);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

bool RateLimiter::HasToken(const std::string& key) {
  if (per_second_ <= 0) return true;
  TimeMicros now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  return Refill(key, now).tokens >= 1;
}

}  // namespace biopolis
