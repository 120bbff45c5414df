#include "core/clock.h"

#include <chrono>

namespace biopolis {

TimeMicros SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace biopolis
