// Instruments for the Prometheus endpoint: a counter and a histogram with
// fixed bucket bounds, recorded with relaxed atomic adds (no lock, no
// allocation on the call path), read as snapshots when scraped; and the
// text exposition format 0.0.4 that the endpoint serves.
// Thread-safety: recording and reading are safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace biopolis {

class Counter {
 public:
  void Add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Observations are integers in the histogram's unit (microseconds for
// durations, a count for batch sizes); the exposition divides by `scale`
// (1e6 turns microseconds into the seconds Prometheus expects).
class Histogram {
 public:
  // `bounds`: ascending upper bounds in the observation unit (+Inf is implied).
  Histogram(std::vector<std::int64_t> bounds, double scale);

  void Observe(std::int64_t value);

  struct Snapshot {
    std::vector<double> upper_bounds;       // scaled
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;                         // scaled
    std::uint64_t count = 0;
  };
  Snapshot Read() const;

  // Durations from 100 us to 10 s, microseconds, seconds in the exposition.
  static std::vector<std::int64_t> LatencyBoundsMicros();

 private:
  std::vector<std::int64_t> bounds_;
  double scale_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1
  std::atomic<std::int64_t> sum_{0};
};

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Builds a text exposition (format 0.0.4): one `# HELP`/`# TYPE` per family,
// then its samples. Label values are escaped (\, ", newline).
class PrometheusText {
 public:
  // Starts a family; `type` is counter, gauge or histogram.
  void Family(std::string_view name, std::string_view type, std::string_view help);
  void Sample(std::string_view name, const MetricLabels& labels, double value);
  // The _bucket, _sum and _count samples of a histogram family.
  void Histogram(std::string_view name, const MetricLabels& labels, const Histogram::Snapshot& h);
  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

}  // namespace biopolis
