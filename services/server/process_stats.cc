#include "services/server/process_stats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace biopolis {

ProcessStats ReadProcessStats(double start_time_seconds) {
  ProcessStats s;
  s.start_time_seconds = start_time_seconds;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  {
    // /proc/self/stat: the command may hold spaces, so fields are counted after its closing ')'.
    std::ifstream in("/proc/self/stat");
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = all.rfind(')');
    if (close != std::string::npos) {
      std::istringstream fields(all.substr(close + 2));
      std::string f;
      // Field 3 (state) is the first after ')'; utime is 14, stime 15.
      for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14 || i == 15) s.cpu_seconds += std::stod(f) / ticks;
      }
    }
  }
  {
    std::ifstream in("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    if (in >> pages_total >> pages_resident) s.resident_bytes = pages_resident * sysconf(_SC_PAGESIZE);
  }
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    ++s.open_fds;
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) s.max_fds = static_cast<std::int64_t>(limit.rlim_cur);
  return s;
}

}  // namespace biopolis
