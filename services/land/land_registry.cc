#include "services/land/land_registry.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "core/text_limits.h"
#include "services/land/land_seam.h"
#include "services/policy/policy_seam.h"

namespace biopolis {
namespace {

constexpr char kPlots[] = "plots";
constexpr char kLeases[] = "leases";

std::string PlotName(std::int64_t id) { return FormatName(kPlots, id); }
std::string LeaseName(std::int64_t id) { return FormatName(kLeases, id); }

// Persists what time already decided about `plot` (an expired reservation or
// lease), attributed to the system; returns the plot as it now stands.
PlotRecord Settle(CommandContext& ctx, PlotRecord plot) {
  PlotRecord effective = EffectivePlot(plot, ctx.now());
  if (effective.state == plot.state) return plot;
  const std::string name = PlotName(plot.id);
  if (plot.state == PlotState::kReserved) {
    const std::string app = FormatName("applications", plot.reserved_application_id);
    plot.state = PlotState::kAvailable;
    plot.reserved_application_id = 0;
    plot.reserve_time = plot.reservation_expire_time = 0;
    plot.update_time = ctx.now();
    plot.version += 1;
    ctx.tx().plots().Update(plot);
    ctx.RecordBySystem(name, plot.reservation_organization_id, "plot.reservation_expired",
                       kPlotStates.Transition(PlotState::kReserved, PlotState::kAvailable) + ": the reservation for " +
                           app + " expired");
    plot.reservation_organization_id = 0;
  } else if (plot.state == PlotState::kLeased) {
    if (auto lease = ctx.tx().leases().Get(plot.lease_id)) {
      lease->state = LeaseState::kExpired;
      lease->end_of_use_date = lease->end_date;
      lease->update_time = ctx.now();
      lease->version += 1;
      ctx.tx().leases().Update(*lease);
      ctx.RecordBySystem(LeaseName(lease->id), lease->organization_id, "lease.expired",
                         kLeaseStates.Transition(LeaseState::kActive, LeaseState::kExpired) + ": the term ended on " +
                             lease->end_date.ToString());
    }
    plot.state = PlotState::kAvailable;
    plot.update_time = ctx.now();
    plot.version += 1;
    ctx.tx().plots().Update(plot);
    ctx.RecordBySystem(name, plot.lease_organization_id, "plot.lease_ended",
                       kPlotStates.Transition(PlotState::kLeased, PlotState::kAvailable) + ": the lease expired");
    plot.lease_id = plot.lease_organization_id = 0;
  }
  return plot;
}

// Reloads a plot after a change, with its joined fields and lineage.
Result<PlotRecord> Reload(CommandContext& ctx, std::int64_t id) {
  auto plot = ctx.tx().plots().Get(id);
  if (!plot) return Status::Internal("plot vanished");
  return RedactPlotFor(*plot, ctx.caller());
}

bool IsReviewable(ApplicationState s) {
  return s == ApplicationState::kUnderReview || s == ApplicationState::kInfoRequested ||
         s == ApplicationState::kAtExpertCouncil || s == ApplicationState::kApproved;
}

}  // namespace

const ListSpec& LandRegistry::PlotListSpecification() {
  static const ListSpec kSpec{{{"state", FieldType::kEnum, kPlotStates.FilterValues(), ""},
                               {"area_m2", FieldType::kInt, {}, ""},
                               {"power_kw", FieldType::kInt, {}, ""},
                               {"water_m3_per_day", FieldType::kInt, {}, ""},
                               {"gas_m3_per_hour", FieldType::kInt, {}, ""},
                               {"sewage_m3_per_day", FieldType::kInt, {}, ""},
                               {"permitted_use", FieldType::kEnum, kPermittedUses.FilterValues(), ""},
                               {"site", FieldType::kString, {}, ""},
                               {"cadastral_number", FieldType::kString, {}, ""}},
                              {"area_m2", "create_time", "power_kw"},
                              "area_m2",
                              false};
  return kSpec;
}

Result<PlotRecord> LandRegistry::GetPlot(const Caller& caller, std::int64_t id) {
  TimeMicros now = env_.clock.Now();
  return ReadValue<PlotRecord>(env_.store, [&](Transaction& tx) -> Result<PlotRecord> {
    auto plot = tx.plots().Get(id);
    if (!plot) return Status::NotFound(PlotName(id));
    return RedactPlotFor(EffectivePlot(*plot, now), caller);
  });
}

Result<Page<PlotRecord>> LandRegistry::ListPlots(const Caller& caller, const ListParams& params) {
  // Every caller sees the zone's catalogue; a resident sees other holders redacted.
  const TimeMicros now = env_.clock.Now();
  return ReadPage<PlotRecord>(env_, caller, "ListPlots", PlotListSpecification(), params, ListVisibility::kEveryone,
                              [&](Transaction& tx, const ListQuery& q) {
                                auto p = tx.plots().List(q);
                                for (auto& plot : p.items)
                                  plot = RedactPlotFor(EffectivePlot(std::move(plot), now), caller);
                                return p;
                              });
}

void LandRegistry::CreatePlot(const Caller& caller, CommandMeta meta, PlotRecord plot, Encoder<PlotRecord> encode,
                              Reply reply) {
  auto violations = ValidatePlot(plot, "plot");
  if (!violations.empty()) return reply(Status::InvalidArgument(std::move(violations)));
  env_.commands.Run<PlotRecord>(
      caller, std::move(meta),
      [plot](CommandContext& ctx) mutable -> Result<PlotRecord> {
        BIOPOLIS_RETURN_IF_ERROR(
            CheckPlotTransition("a new plot", PlotState::kAvailable, PlotAction::kUpdate, ctx.caller().role));
        if (auto existing = ctx.tx().plots().FindLiveByCadastralNumber(plot.cadastral_number)) {
          return Status::AlreadyExists(
              "cadastral number " + plot.cadastral_number + " is already " + PlotName(existing->id), "PLOT_EXISTS");
        }
        plot.state = PlotState::kAvailable;
        plot.create_time = plot.update_time = ctx.now();
        plot.version = 1;
        plot.id = ctx.tx().plots().Insert(plot);
        ctx.Record(PlotName(plot.id), 0, "plot.created",
                   "plot " + plot.cadastral_number + ", " + std::to_string(plot.area_m2) + " m2 at " + plot.site);
        return Reload(ctx, plot.id);
      },
      std::move(encode), std::move(reply));
}

void LandRegistry::UpdatePlot(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                              PlotRecord patch, std::vector<std::string> paths, Encoder<PlotRecord> encode,
                              Reply reply) {
  Status mask = CheckUpdateMask(paths, PlotMaskRules());
  if (!mask.ok()) return reply(mask);
  env_.commands.Run<PlotRecord>(
      caller, std::move(meta),
      [id, etag, patch, paths](CommandContext& ctx) -> Result<PlotRecord> {
        const std::string name = PlotName(id);
        auto loaded = ctx.tx().plots().Get(id);
        if (!loaded) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, loaded->version, name));
        PlotRecord plot = Settle(ctx, *loaded);
        BIOPOLIS_RETURN_IF_ERROR(CheckPlotTransition(name, plot.state, PlotAction::kUpdate, ctx.caller().role));
        ApplyPlotPatch(patch, paths, plot);
        auto violations = ValidatePlot(plot, "plot");
        if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
        plot.update_time = ctx.now();
        plot.version += 1;
        ctx.tx().plots().Update(plot);
        std::string fields;
        for (const auto& p : paths) fields += (fields.empty() ? "" : ", ") + p;
        ctx.Record(name, 0, "plot.updated", "changed " + fields);
        return Reload(ctx, id);
      },
      std::move(encode), std::move(reply));
}

void LandRegistry::ActOnPlot(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                             PlotAction action, PlotActionArgs args, Encoder<PlotRecord> encode, Reply reply) {
  FieldErrors errors;
  if ((action == PlotAction::kBlock || action == PlotAction::kRetire || action == PlotAction::kRelease) &&
      args.reason.empty()) {
    errors.Add("reason", "is required", "FIELD_REQUIRED");
  }
  errors.CheckText("reason", args.reason, text_limits::kReason);
  if (action == PlotAction::kRetire) {
    if (args.successor_ids.empty())
      errors.Add("successors", "name at least one plot that replaces it", "FIELD_REQUIRED");
    for (std::size_t i = 0; i < args.successor_ids.size(); ++i) {
      if (args.successor_ids[i] == id) {
        errors.Add("successors[" + std::to_string(i) + "]", "a plot cannot succeed itself", "INVALID_LINEAGE");
      }
    }
  }
  if (!errors.empty()) return reply(errors.ToStatus());
  env_.commands.Run<PlotRecord>(
      caller, std::move(meta),
      [id, etag, action, args](CommandContext& ctx) -> Result<PlotRecord> {
        Transaction& tx = ctx.tx();
        const std::string name = PlotName(id);
        auto loaded = tx.plots().Get(id);
        if (!loaded) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, loaded->version, name));
        PlotRecord plot = Settle(ctx, *loaded);
        BIOPOLIS_RETURN_IF_ERROR(CheckPlotTransition(name, plot.state, action, ctx.caller().role));
        std::string summary =
            std::string(PlotStateName(plot.state)) + " -> " + PlotStateName(PlotStateAfter(action, plot.state));
        std::string event;
        std::int64_t organization = 0;
        switch (action) {
          case PlotAction::kBlock:
            plot.block_reason = args.reason;
            summary += ": " + args.reason;
            event = "plot.blocked";
            break;
          case PlotAction::kUnblock:
            plot.block_reason.clear();
            event = "plot.unblocked";
            break;
          case PlotAction::kRetire: {
            for (std::size_t i = 0; i < args.successor_ids.size(); ++i) {
              auto successor = tx.plots().Get(args.successor_ids[i]);
              if (!successor || successor->state == PlotState::kRetired) {
                return Status::InvalidField("successors[" + std::to_string(i) + "]",
                                            PlotName(args.successor_ids[i]) + " is not a live plot", "PLOT_NOT_FOUND");
              }
              tx.plots().AddLineage(id, args.successor_ids[i]);
              summary += (i == 0 ? ", replaced by " : ", ") + PlotName(args.successor_ids[i]);
            }
            plot.block_reason = args.reason;
            event = "plot.retired";
            break;
          }
          case PlotAction::kReserve: {
            const std::string app_name = FormatName("applications", args.application_id);
            auto app = tx.applications().Get(args.application_id);
            if (!app) return Status::InvalidField("application", app_name + " does not exist", "APPLICATION_NOT_FOUND");
            ApplicationState state = app->state;
            if (state == ApplicationState::kInfoRequested && app->info_request_deadline < ctx.now()) {
              state = ApplicationState::kLapsed;
            }
            if (!IsReviewable(state)) {
              return Status::FailedPrecondition(
                  app_name + " is not under review; only an application accepted for review can hold a plot",
                  "APPLICATION_NOT_UNDER_REVIEW", {"STATE", app_name, "application is not under review"});
            }
            BIOPOLIS_ASSIGN_OR_RETURN(auto policy, policy_seam::InForce(tx, ctx.now()));
            plot.reserved_application_id = app->id;
            plot.reserve_time = ctx.now();
            plot.reservation_expire_time = ctx.now() + policy.reservation_days * kMicrosPerDay;
            organization = app->organization_id;
            summary += " for " + app_name + " until " + FormatTimestamp(plot.reservation_expire_time);
            event = "plot.reserved";
            break;
          }
          case PlotAction::kRelease:
            organization = plot.reservation_organization_id;
            summary += ": " + args.reason;
            plot.reserved_application_id = 0;
            plot.reserve_time = plot.reservation_expire_time = 0;
            event = "plot.released";
            break;
          default:
            return Status::Internal("unsupported plot action");
        }
        plot.state = PlotStateAfter(action, plot.state);
        plot.update_time = ctx.now();
        plot.version += 1;
        tx.plots().Update(plot);
        ctx.Record(name, organization, event, summary);
        return Reload(ctx, id);
      },
      std::move(encode), std::move(reply));
}

Result<LeaseRecord> LandRegistry::GetLease(const Caller& caller, std::int64_t id) {
  TimeMicros now = env_.clock.Now();
  return ReadValue<LeaseRecord>(env_.store, [&](Transaction& tx) -> Result<LeaseRecord> {
    auto lease = tx.leases().Get(id);
    if (!lease || !caller.MaySee(lease->organization_id)) return Status::NotFound(LeaseName(id));
    return EffectiveLease(*lease, now);
  });
}

Result<Page<LeaseRecord>> LandRegistry::ListLeases(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{{"state", FieldType::kEnum, kLeaseStates.FilterValues(), ""},
                               {"plot", FieldType::kReference, {}, "plots"},
                               {"resident", FieldType::kReference, {}, "residents"}},
                              {"create_time", "end_date"},
                              "create_time",
                              true};
  const TimeMicros now = env_.clock.Now();
  return ReadPage<LeaseRecord>(env_, caller, "ListLeases", kSpec, params, ListVisibility::kOwnOrganization,
                               [&](Transaction& tx, const ListQuery& q) {
                                 auto p = tx.leases().List(q);
                                 for (auto& lease : p.items) lease = EffectiveLease(std::move(lease), now);
                                 return p;
                               });
}

void LandRegistry::CreateLease(const Caller& caller, CommandMeta meta, LeaseRecord lease, Encoder<LeaseRecord> encode,
                               Reply reply) {
  auto violations = ValidateLease(lease, "lease");
  if (!violations.empty()) return reply(Status::InvalidArgument(std::move(violations)));
  env_.commands.Run<LeaseRecord>(
      caller, std::move(meta),
      [lease](CommandContext& ctx) mutable -> Result<LeaseRecord> {
        Transaction& tx = ctx.tx();
        const std::string plot_name = PlotName(lease.plot_id);
        const std::string resident_name = FormatName("residents", lease.resident_id);
        auto resident = tx.residents().Get(lease.resident_id);
        if (!resident)
          return Status::InvalidField("lease.resident", resident_name + " does not exist", "RESIDENT_NOT_FOUND");
        if (resident->state == ResidentState::kTerminated) {
          return Status::FailedPrecondition(resident_name + " is no longer a resident (STATE_TERMINATED)",
                                            "RESIDENT_NOT_ACTIVE",
                                            {"STATE", resident_name, "current state is STATE_TERMINATED"});
        }
        auto loaded = tx.plots().Get(lease.plot_id);
        if (!loaded) return Status::InvalidField("lease.plot", plot_name + " does not exist", "PLOT_NOT_FOUND");
        PlotRecord plot = Settle(ctx, *loaded);
        BIOPOLIS_RETURN_IF_ERROR(CheckPlotTransition(plot_name, plot.state, PlotAction::kLease, ctx.caller().role));
        if (plot.state == PlotState::kReserved && plot.reserved_application_id != resident->application_id) {
          return Status::FailedPrecondition(
              plot_name + " is reserved for another application", "PLOT_NOT_AVAILABLE",
              {"STATE", plot_name, "reserved for " + FormatName("applications", plot.reserved_application_id)});
        }
        lease.organization_id = resident->organization_id;
        lease.state = LeaseState::kActive;
        lease.create_time = lease.update_time = ctx.now();
        lease.version = 1;
        lease.id = tx.leases().Insert(lease);
        std::string from = PlotStateName(plot.state);
        plot.state = PlotState::kLeased;
        plot.reserved_application_id = 0;
        plot.reserve_time = plot.reservation_expire_time = 0;
        plot.update_time = ctx.now();
        plot.version += 1;
        tx.plots().Update(plot);
        ctx.Record(LeaseName(lease.id), lease.organization_id, "lease.created",
                   plot_name + " to " + resident_name + " from " + lease.start_date.ToString() + " to " +
                       lease.end_date.ToString() + ", " + std::to_string(lease.annual_rent_kopecks) +
                       " kopecks a year");
        ctx.Record(plot_name, lease.organization_id, "plot.leased",
                   from + " -> STATE_LEASED under " + LeaseName(lease.id));
        return lease;
      },
      std::move(encode), std::move(reply));
}

namespace {

// Ends an active lease and frees its plot, inside the caller's unit of work.
void EndLease(CommandContext& ctx, LeaseRecord lease, LeaseState end_state, const Date& date, const std::string& why,
              bool by_system) {
  lease.state = end_state;
  lease.termination_reason = why;
  lease.end_of_use_date = date;
  lease.update_time = ctx.now();
  lease.version += 1;
  ctx.tx().leases().Update(lease);
  auto record = by_system ? &CommandContext::RecordBySystem : &CommandContext::Record;
  (ctx.*record)(LeaseName(lease.id), lease.organization_id,
                end_state == LeaseState::kExpired ? "lease.expired" : "lease.terminated",
                kLeaseStates.Transition(LeaseState::kActive, end_state) + ": " + why);
  if (auto plot = ctx.tx().plots().Get(lease.plot_id); plot && plot->state == PlotState::kLeased) {
    plot->state = PlotState::kAvailable;
    plot->update_time = ctx.now();
    plot->version += 1;
    ctx.tx().plots().Update(*plot);
    (ctx.*record)(
        PlotName(plot->id), lease.organization_id, "plot.lease_ended",
        kPlotStates.Transition(PlotState::kLeased, PlotState::kAvailable) + ": " + LeaseName(lease.id) + " ended");
  }
}

}  // namespace

void LandRegistry::TerminateLease(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                                  std::string reason, Encoder<LeaseRecord> encode, Reply reply) {
  if (reason.empty()) return reply(Status::InvalidField("reason", "is required", "FIELD_REQUIRED"));
  FieldErrors reason_errors;
  reason_errors.CheckText("reason", reason, text_limits::kReason);
  if (!reason_errors.empty()) return reply(reason_errors.ToStatus());
  env_.commands.Run<LeaseRecord>(
      caller, std::move(meta),
      [id, etag, reason](CommandContext& ctx) -> Result<LeaseRecord> {
        const std::string name = LeaseName(id);
        auto loaded = ctx.tx().leases().Get(id);
        if (!loaded) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, loaded->version, name));
        if (auto plot = ctx.tx().plots().Get(loaded->plot_id)) Settle(ctx, *plot);
        auto lease = ctx.tx().leases().Get(id);
        if (lease->state != LeaseState::kActive) {
          return Status::WrongState(name, LeaseStateName(lease->state), "only an active lease can be terminated");
        }
        BIOPOLIS_RETURN_IF_ERROR(CheckPlotTransition(PlotName(lease->plot_id), PlotState::kLeased,
                                                     PlotAction::kEndLease, ctx.caller().role));
        EndLease(ctx, *lease, LeaseState::kTerminated, ZoneDateOf(ctx.now()), reason, false);
        return *ctx.tx().leases().Get(id);
      },
      std::move(encode), std::move(reply));
}

Result<std::vector<LandTotals>> LandRegistry::Utilisation() {
  return ReadValue<std::vector<LandTotals>>(
      env_.store, [](Transaction& tx) -> Result<std::vector<LandTotals>> { return tx.plots().TotalsByState(); });
}

Result<int> LandRegistry::ExpireDue() {
  auto count = std::make_shared<int>(0);
  const Clock& clock = env_.clock;
  Status st = env_.store.WriteAndWait([count, &clock](Transaction& tx) -> Status {
    Caller system = Caller::System();
    CommandMeta meta{"ExpireLandHoldings", "", ""};
    CommandContext ctx(tx, system, clock.Now(), meta);
    for (const auto& plot : tx.plots().ListExpiredReservations(ctx.now(), 500)) {
      Settle(ctx, plot);
      ++*count;
    }
    for (const auto& lease : tx.leases().ListEnded(ZoneDateOf(ctx.now()), 500)) {
      if (auto plot = tx.plots().Get(lease.plot_id); plot && plot->lease_id == lease.id) {
        Settle(ctx, *plot);
      } else {
        EndLease(ctx, lease, LeaseState::kExpired, lease.end_date, "the term ended", true);
      }
      ++*count;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *count;
}

namespace land_seam {

void ReleaseReservationsOf(CommandContext& ctx, std::int64_t application_id, const std::string& why) {
  for (auto plot : ctx.tx().plots().ListReservedFor(application_id)) {
    std::int64_t organization = plot.reservation_organization_id;
    plot.state = PlotState::kAvailable;
    plot.reserved_application_id = 0;
    plot.reserve_time = plot.reservation_expire_time = 0;
    plot.update_time = ctx.now();
    plot.version += 1;
    ctx.tx().plots().Update(plot);
    ctx.Record(PlotName(plot.id), organization, "plot.released",
               kPlotStates.Transition(PlotState::kReserved, PlotState::kAvailable) + ": " + why);
  }
}

void EndLeasesOf(CommandContext& ctx, std::int64_t resident_id, const Date& date, const std::string& why) {
  for (const auto& lease : ctx.tx().leases().ListActiveOfResident(resident_id)) {
    EndLease(ctx, lease, LeaseState::kTerminated, date, why, false);
  }
}

}  // namespace land_seam

}  // namespace biopolis
