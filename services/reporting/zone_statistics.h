// Zone-wide figures for a dashboard, each from SQL aggregates over indexes
// (never by loading rows). gRPC-free; thread-safe.
#pragma once

#include "services/domain/domain_env.h"

namespace biopolis {

struct ZoneFigures {
  Date as_of;
  ZoneTotals totals;
  std::vector<LandTotals> land;  // index = PlotState
  ServiceDeskTotals service_desk;
};

class ZoneStatistics {
 public:
  explicit ZoneStatistics(DomainEnv env) : env_(env) {}
  // `as_of` empty: today (zone date).
  Result<ZoneFigures> Compute(const Date& as_of);

 private:
  DomainEnv env_;
};

}  // namespace biopolis
