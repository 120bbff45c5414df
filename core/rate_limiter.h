// Per-key token buckets: each key may make `burst` calls at once and
// `per_second` calls a second on average, so one flooding key cannot starve
// the others. Time comes from the injected Clock.
// At most kMaxKeys buckets are kept: past that, the buckets that have filled
// up again (keys that are not over their rate) are dropped, so callers who
// vary the key (e.g. many peer addresses) cannot grow it without bound.
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace biopolis {

class RateLimiter {
 public:
  // `per_second` <= 0 disables limiting.
  RateLimiter(const Clock& clock, double per_second, double burst)
      : clock_(clock), per_second_(per_second), burst_(burst) {}

  // Takes a token for `key`; false when the key is over its rate.
  bool Allow(const std::string& key);
  // Whether `key` has a token left, without taking it.
  bool HasToken(const std::string& key);

 private:
  static constexpr std::size_t kMaxKeys = 100'000;

  // The bucket of `key` refilled to `now`; under mu_.
  struct Bucket;
  Bucket& Refill(const std::string& key, TimeMicros now);

  struct Bucket {
    double tokens = 0;
    TimeMicros last = 0;
  };
  const Clock& clock_;
  const double per_second_;
  const double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace biopolis
