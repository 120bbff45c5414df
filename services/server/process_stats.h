// The process's own figures for /metrics, read from /proc/self (Linux).
#pragma once

#include <cstdint>

namespace biopolis {

struct ProcessStats {
  double cpu_seconds = 0;  // user + system
  std::int64_t resident_bytes = 0;
  std::int64_t open_fds = 0;
  std::int64_t max_fds = 0;
  double start_time_seconds = 0;  // since the Unix epoch
};

ProcessStats ReadProcessStats();

}  // namespace biopolis
