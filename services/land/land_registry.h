// The zone's land: the plot catalogue, reservations for applications, leases
// to residents and land utilisation. gRPC-free.
//
// Visibility: everyone authenticated searches plots; a resident sees who
// holds a plot (the reserving application, the lease) only when it is its own,
// and sees only its own leases (others are NOT_FOUND).
//
// Timed transitions: a reservation past its expiry and a lease past its end
// date no longer hold the plot. Reads show that at once; ExpireDue() (the
// server's scheduler) persists it, and any command on the plot settles it
// first, audited as "system".
//
// Thread-safety: safe for concurrent use. All writes run on the single writer,
// so a plot is never reserved or leased twice; the database backs that with
// one state column per plot and a unique index on active leases.
#pragma once

#include <string>
#include <vector>

#include "services/domain/domain_env.h"
#include "services/land/plot_rules.h"

namespace biopolis {

struct PlotActionArgs {
  std::string reason;
  std::int64_t application_id = 0;
  std::vector<std::int64_t> successor_ids;
};

class LandRegistry {
 public:
  explicit LandRegistry(DomainEnv env) : env_(env) {}

  Result<PlotRecord> GetPlot(const Caller& caller, std::int64_t id);
  Result<Page<PlotRecord>> ListPlots(const Caller& caller, const ListParams& params);
  void CreatePlot(const Caller& caller, CommandMeta meta, PlotRecord plot, Encoder<PlotRecord> encode, Reply reply);
  void UpdatePlot(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, PlotRecord patch,
                  std::vector<std::string> paths, Encoder<PlotRecord> encode, Reply reply);
  // Block, unblock, retire, reserve or release.
  void ActOnPlot(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, PlotAction action,
                 PlotActionArgs args, Encoder<PlotRecord> encode, Reply reply);

  Result<LeaseRecord> GetLease(const Caller& caller, std::int64_t id);
  Result<Page<LeaseRecord>> ListLeases(const Caller& caller, const ListParams& params);
  void CreateLease(const Caller& caller, CommandMeta meta, LeaseRecord lease, Encoder<LeaseRecord> encode, Reply reply);
  void TerminateLease(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, std::string reason,
                      Encoder<LeaseRecord> encode, Reply reply);

  // Totals by plot state (index = PlotState), retired plots excluded.
  Result<std::vector<LandTotals>> Utilisation();

  // Persists every expired reservation and lease; returns how many. Blocks until durable.
  Result<int> ExpireDue();

  static const ListSpec& PlotListSpecification();

 private:
  DomainEnv env_;
};

}  // namespace biopolis
