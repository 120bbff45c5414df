#include "services/land/plot_rules.h"

#include <cmath>

#include "core/bounded_text.h"
#include "core/date.h"
#include "core/identifiers.h"
#include "core/patch_table.h"
#include "core/text_limits.h"
#include "core/value_limits.h"

namespace biopolis {
namespace {
using P = PlotState;
using A = PlotAction;
}  // namespace

const char* PlotStateName(PlotState state) { return kPlotStates.Name(state); }

const char* LeaseStateName(LeaseState state) { return kLeaseStates.Name(state); }

const std::vector<PlotTransition>& PlotTransitions() {
  static const std::vector<PlotTransition> kTable = {
      {A::kUpdate, {P::kAvailable, P::kReserved, P::kLeased, P::kUnavailable}, P::kUnspecified, {Role::kOfficer}},
      {A::kBlock, {P::kAvailable}, P::kUnavailable, {Role::kOfficer}},
      {A::kUnblock, {P::kUnavailable}, P::kAvailable, {Role::kOfficer}},
      {A::kRetire, {P::kAvailable, P::kUnavailable}, P::kRetired, {Role::kOfficer}},
      {A::kReserve, {P::kAvailable}, P::kReserved, {Role::kOfficer}},
      {A::kRelease, {P::kReserved}, P::kAvailable, {Role::kOfficer}},
      {A::kLease, {P::kAvailable, P::kReserved}, P::kLeased, {Role::kOfficer}},
      {A::kEndLease, {P::kLeased}, P::kAvailable, {Role::kOfficer}},
      {A::kExpireReservation, {P::kReserved}, P::kAvailable, {}},
      {A::kExpireLease, {P::kLeased}, P::kAvailable, {}},
  };
  return kTable;
}

namespace {

const char* ActionName(PlotAction action) {
  switch (action) {
    case A::kUpdate:
      return "update";
    case A::kBlock:
      return "block";
    case A::kUnblock:
      return "unblock";
    case A::kRetire:
      return "retire";
    case A::kReserve:
      return "reserve";
    case A::kRelease:
      return "release the reservation of";
    case A::kLease:
      return "lease";
    case A::kEndLease:
      return "end the lease of";
    case A::kExpireReservation:
      return "expire the reservation of";
    case A::kExpireLease:
      return "expire the lease of";
  }
  return "act on";
}

}  // namespace

Status CheckPlotTransition(const std::string& name, PlotState from, PlotAction action, Role role, bool system) {
  Status status =
      CheckStateTransition(PlotTransitions(), {"a plot", PlotStateName, ActionName}, name, from, action, role, system);
  // Reserving or leasing a plot someone else holds is a conflict over the plot,
  // not a misuse of the workflow: say so in the reason clients branch on.
  if (status.code() == StatusCode::kFailedPrecondition && (action == A::kReserve || action == A::kLease)) {
    return Status::FailedPrecondition(name + " is not available (" + PlotStateName(from) + ")", "PLOT_NOT_AVAILABLE",
                                      {"STATE", name, std::string("current state is ") + PlotStateName(from)});
  }
  return status;
}

PlotState PlotStateAfter(PlotAction action, PlotState from) {
  if (action == A::kUpdate) return from;
  return TransitionOf(PlotTransitions(), action).to;
}

std::vector<FieldViolation> ValidatePlot(const PlotRecord& p, const std::string& prefix) {
  FieldErrors errors;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  if (p.cadastral_number.empty()) {
    errors.Add(f + "cadastral_number", "is required", "FIELD_REQUIRED");
  } else if (CheckCadastralNumber(p.cadastral_number) != IdCheck::kOk) {
    errors.Add(f + "cadastral_number",
               "`" + QuoteInput(p.cadastral_number) + "` is not a cadastral number NN:NN:NNNNNN(N):N",
               "INVALID_CADASTRAL_NUMBER");
  }
  errors.CheckText(f + "site", p.site, text_limits::kLabel, true);
  if (p.area_m2 <= 0 || p.area_m2 > 1'000'000'000) {
    errors.Add(f + "area_m2", "must be between 1 and 1000000000 square metres", "VALUE_OUT_OF_RANGE");
  }
  if (p.permitted_use == PermittedUse::kUnspecified) {
    errors.Add(f + "permitted_use", "is required", "FIELD_REQUIRED");
  }
  auto non_negative = [&](const char* field, std::int64_t v) {
    if (v < 0 || v > 1'000'000'000) {
      errors.Add(f + "capacity." + field, "must be between 0 and 1000000000", "VALUE_OUT_OF_RANGE");
    }
  };
  non_negative("power_kw", p.capacity.power_kw);
  non_negative("water_m3_per_day", p.capacity.water_m3_per_day);
  non_negative("gas_m3_per_hour", p.capacity.gas_m3_per_hour);
  non_negative("sewage_m3_per_day", p.capacity.sewage_m3_per_day);
  if (p.has_location) {
    if (!std::isfinite(p.latitude) || p.latitude < -90 || p.latitude > 90) {
      errors.Add(f + "location.latitude", "must be between -90 and 90", "VALUE_OUT_OF_RANGE");
    }
    if (!std::isfinite(p.longitude) || p.longitude < -180 || p.longitude > 180) {
      errors.Add(f + "location.longitude", "must be between -180 and 180", "VALUE_OUT_OF_RANGE");
    }
  }
  errors.CheckText(f + "notes", p.notes, text_limits::kReason);
  return errors.violations();
}

namespace {

using PlotFields = PatchTable<PlotRecord>;
const PlotFields& Fields() {
  static const PlotFields kFields({
      PlotFields::Member("site", &PlotRecord::site),
      PlotFields::Member("area_m2", &PlotRecord::area_m2),
      PlotFields::Member("permitted_use", &PlotRecord::permitted_use),
      PlotFields::Member("capacity", &PlotRecord::capacity),
      {"location",
       [](const PlotRecord& from, PlotRecord& to) {
         to.has_location = from.has_location;
         to.latitude = from.latitude;
         to.longitude = from.longitude;
       }},
      PlotFields::Member("notes", &PlotRecord::notes),
  });
  return kFields;
}

}  // namespace

MaskRules PlotMaskRules() {
  MaskRules rules;
  rules.updatable = Fields().Paths();
  rules.immutable = {"cadastral_number"};
  rules.output_only = {"name",         "state",      "block_reason", "reservation", "lease",
                       "predecessors", "successors", "create_time",  "update_time", "etag"};
  return rules;
}

void ApplyPlotPatch(const PlotRecord& patch, const std::vector<std::string>& paths, PlotRecord& t) {
  Fields().Apply(patch, paths, t);
}

std::vector<FieldViolation> ValidateLease(const LeaseRecord& l, const std::string& prefix) {
  FieldErrors errors;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  if (!l.start_date.IsValid()) errors.Add(f + "start_date", "is required and must be a valid date", "INVALID_DATE");
  if (!l.end_date.IsValid()) {
    errors.Add(f + "end_date", "is required and must be a valid date", "INVALID_DATE");
  } else if (l.start_date.IsValid() && !(l.start_date < l.end_date)) {
    errors.Add(f + "end_date", "must be after start_date", "INVALID_DATE_RANGE");
  }
  if (l.annual_rent_kopecks < 0 || l.annual_rent_kopecks > value_limits::kMaxKopecks) {
    errors.Add(f + "annual_rent_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
  }
  errors.CheckText(f + "agreement_number", l.agreement_number, text_limits::kCode);
  return errors.violations();
}

PlotRecord EffectivePlot(PlotRecord plot, TimeMicros now) {
  if (plot.state == P::kReserved && plot.reservation_expire_time < now) {
    plot.state = P::kAvailable;
    plot.reserved_application_id = 0;
    plot.reservation_organization_id = 0;
  }
  if (plot.state == P::kLeased && plot.lease_end_date.IsValid() && plot.lease_end_date < ZoneDateOf(now)) {
    plot.state = P::kAvailable;
    plot.lease_id = 0;
    plot.lease_organization_id = 0;
  }
  return plot;
}

LeaseRecord EffectiveLease(LeaseRecord lease, TimeMicros now) {
  if (lease.state == LeaseState::kActive && lease.end_date < ZoneDateOf(now)) {
    lease.state = LeaseState::kExpired;
    lease.end_of_use_date = lease.end_date;
  }
  return lease;
}

PlotRecord RedactPlotFor(PlotRecord plot, const Caller& caller) {
  if (!caller.is_resident()) return plot;
  if (plot.reservation_organization_id != caller.organization_id) plot.reserved_application_id = 0;
  if (plot.lease_organization_id != caller.organization_id) plot.lease_id = 0;
  return plot;
}

}  // namespace biopolis
