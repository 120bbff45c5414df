// What recording a call in /metrics costs: CallMetrics::Record (a binary
// search over the API's methods, a counter and a histogram bucket, relaxed
// atomic adds) timed over many calls on 1 and 2 threads, to set beside a
// call's own cost (docs/PERFORMANCE.md). Usage: metrics_bench [CALLS_PER_THREAD]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "biopolis/v1/method_paths.h"
#include "services/api/call_metrics.h"

int main(int argc, char** argv) {
  const long calls = argc > 1 ? std::atol(argv[1]) : 5'000'000;
  biopolis::CallMetrics metrics;
  const biopolis::Status ok;
  const biopolis::Status not_found = biopolis::Status::NotFound("organizations/1");
  for (int threads : {1, 2}) {
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (long i = 0; i < calls; ++i) {
          // Two methods, both threads on the same counters: the contended case.
          metrics.Record(i % 2 ? biopolis::v1::methods::kGetApplication : biopolis::v1::methods::kUpdateOrganization,
                         i % 10 ? ok : not_found, (i * 37 + t) % 20'000);
        }
      });
    }
    for (auto& th : pool) th.join();
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
                      static_cast<double>(calls);
    std::printf("CallMetrics::Record on %d thread(s): %.1f ns per call (wall time / calls per thread)\n", threads, ns);
  }
  return 0;
}
