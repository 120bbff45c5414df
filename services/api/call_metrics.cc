#include "services/api/call_metrics.h"

#include <algorithm>

#include "biopolis/v1/method_paths.h"

namespace biopolis {
namespace {

constexpr std::array<const char*, 4> kRefusalReasons = {"RATE_LIMITED", "SERVER_BUSY", "AUTHENTICATION_RATE_LIMITED",
                                                        "UNAUTHENTICATED"};

}  // namespace

CallMetrics::CallMetrics() {
  for (const auto& m : v1::methods::kAll) {
    auto per = std::make_unique<PerMethod>();
    per->path = m.path;
    per->service = m.service;
    std::string_view path(m.path);
    per->name = path.substr(path.rfind('/') + 1);
    per->latency = std::make_unique<Histogram>(Histogram::LatencyBoundsMicros(), 1e6);
    methods_.push_back(std::move(per));
  }
  // Sorted by path for a binary search on the call path.
  std::sort(methods_.begin(), methods_.end(), [](const auto& a, const auto& b) { return a->path < b->path; });
}

void CallMetrics::Record(std::string_view method, const Status& status, std::int64_t micros) {
  auto it = std::lower_bound(methods_.begin(), methods_.end(), method,
                             [](const auto& m, std::string_view path) { return m->path < path; });
  if (it != methods_.end() && (*it)->path == method) {
    const int code = static_cast<int>(status.code());
    if (code >= 0 && code < kCodes) (*it)->by_code[static_cast<std::size_t>(code)].Add();
    (*it)->latency->Observe(micros);
  }
  if (status.ok()) return;
  for (std::size_t i = 0; i < kRefusalReasons.size(); ++i) {
    if (status.reason() == kRefusalReasons[i]) refused_[i].Add();
  }
}

void CallMetrics::Write(PrometheusText& out) const {
  out.Family("biopolis_calls_total", "counter", "Calls finished, by service, method and gRPC status code.");
  for (const auto& m : methods_) {
    for (int code = 0; code < kCodes; ++code) {
      const std::uint64_t n = m->by_code[static_cast<std::size_t>(code)].value();
      if (n == 0) continue;
      out.Sample("biopolis_calls_total",
                 {{"service", std::string(m->service)},
                  {"method", std::string(m->name)},
                  {"code", StatusCodeName(static_cast<StatusCode>(code))}},
                 static_cast<double>(n));
    }
  }
  out.Family("biopolis_call_duration_seconds", "histogram", "Time from a call's arrival to its status, by method.");
  for (const auto& m : methods_) {
    auto snapshot = m->latency->Read();
    if (snapshot.count == 0) continue;
    out.Histogram("biopolis_call_duration_seconds",
                  {{"service", std::string(m->service)}, {"method", std::string(m->name)}}, snapshot);
  }
  out.Family("biopolis_calls_refused_total", "counter",
             "Calls refused before any work: over a key's rate, the server at its concurrent-call limit, an "
             "address over its failed-authentication rate, or no valid credentials.");
  for (std::size_t i = 0; i < kRefusalReasons.size(); ++i) {
    out.Sample("biopolis_calls_refused_total", {{"reason", kRefusalReasons[i]}},
               static_cast<double>(refused_[i].value()));
  }
}

}  // namespace biopolis
