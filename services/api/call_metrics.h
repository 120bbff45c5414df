// What every call through the gate leaves for /metrics: calls by service,
// method and status code, a latency histogram per method, and refusals by
// reason. Methods are the API's, indexed once from the generated method table,
// so recording is two relaxed atomic adds and a bucket search, no lock.
// Thread-safety: Record and Write are safe from any thread.
#pragma once

#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "core/metrics.h"
#include "core/status.h"

namespace biopolis {

class CallMetrics {
 public:
  CallMetrics();

  // `method` is a full path; an unknown one is not recorded.
  void Record(std::string_view method, const Status& status, std::int64_t micros);

  // Appends the families: biopolis_calls_total{service,method,code},
  // biopolis_call_duration_seconds{service,method}, biopolis_calls_refused_total{reason}.
  void Write(PrometheusText& out) const;

 private:
  static constexpr int kCodes = 17;
  struct PerMethod {
    std::string_view path;
    std::string_view service;
    std::string_view name;
    std::array<Counter, kCodes> by_code;
    std::unique_ptr<Histogram> latency;
  };
  std::vector<std::unique_ptr<PerMethod>> methods_;
  // Refusals before a handler ran: rate limited, server busy, authentication rate limited, unauthenticated.
  std::array<Counter, 4> refused_;
};

}  // namespace biopolis
