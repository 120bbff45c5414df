// Time for the domain: an injectable Clock, so deadlines and expiries are
// testable by moving a ManualClock instead of sleeping.
//
// Instants are microseconds since the Unix epoch (UTC) in an int64.
// Thread-safety: both implementations are safe for concurrent use.
#pragma once

#include <atomic>
#include <cstdint>

namespace biopolis {

using TimeMicros = std::int64_t;

constexpr TimeMicros kMicrosPerSecond = 1'000'000;
constexpr TimeMicros kMicrosPerDay = 86'400 * kMicrosPerSecond;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMicros Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  TimeMicros Now() const override;
};

// A clock that moves only when told to; for tests and demos.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMicros start) : now_(start) {}
  TimeMicros Now() const override { return now_.load(); }
  void Set(TimeMicros t) { now_.store(t); }
  void Advance(TimeMicros delta) { now_.fetch_add(delta); }

 private:
  std::atomic<TimeMicros> now_;
};

}  // namespace biopolis
