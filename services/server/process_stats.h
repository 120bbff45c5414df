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

// `start_time_seconds` is taken as given (the server records its start): the
// sandbox may hide /proc/stat.
ProcessStats ReadProcessStats(double start_time_seconds);

}  // namespace biopolis
