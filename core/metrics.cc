#include "core/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace biopolis {

Histogram::Histogram(std::vector<std::int64_t> bounds, double scale)
    : bounds_(std::move(bounds)),
      scale_(scale),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(std::int64_t value) {
  const auto at = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  buckets_[static_cast<std::size_t>(at)].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
    if (i < bounds_.size()) s.upper_bounds.push_back(static_cast<double>(bounds_[i]) / scale_);
  }
  s.count = running;
  s.sum = static_cast<double>(sum_.load(std::memory_order_relaxed)) / scale_;
  return s;
}

std::vector<std::int64_t> Histogram::LatencyBoundsMicros() {
  return {100,    250,     500,     1'000,   2'500,     5'000,     10'000,    25'000,
          50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000, 10'000'000};
}

namespace {

std::string Number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.9g", v);
  }
  return buf;
}

void AppendLabels(std::string& out, const MetricLabels& labels) {
  if (labels.empty()) return;
  out += '{';
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    out += labels[i].first;
    out += "=\"";
    for (char c : labels[i].second) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == '"') {
        out += "\\\"";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    out += '"';
  }
  out += '}';
}

}  // namespace

void PrometheusText::Family(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  out_ += help;
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusText::Sample(std::string_view name, const MetricLabels& labels, double value) {
  out_ += name;
  AppendLabels(out_, labels);
  out_ += ' ';
  out_ += Number(value);
  out_ += '\n';
}

void PrometheusText::Histogram(std::string_view name, const MetricLabels& labels, const Histogram::Snapshot& h) {
  const std::string bucket = std::string(name) + "_bucket";
  for (std::size_t i = 0; i < h.cumulative.size(); ++i) {
    MetricLabels with = labels;
    with.emplace_back("le", i < h.upper_bounds.size() ? Number(h.upper_bounds[i]) : "+Inf");
    Sample(bucket, with, static_cast<double>(h.cumulative[i]));
  }
  Sample(std::string(name) + "_sum", labels, h.sum);
  Sample(std::string(name) + "_count", labels, static_cast<double>(h.count));
}

}  // namespace biopolis
