#include "services/api/land_convert.h"

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

namespace {

void ToProto(const UtilityCapacity& c, v1::UtilityCapacity* out) {
  out->set_power_kw(c.power_kw);
  out->set_water_m3_per_day(c.water_m3_per_day);
  out->set_gas_m3_per_hour(c.gas_m3_per_hour);
  out->set_sewage_m3_per_day(c.sewage_m3_per_day);
}

}  // namespace

void ToProto(const PlotRecord& r, v1::Plot* out) {
  out->set_name(FormatName("plots", r.id));
  out->set_cadastral_number(r.cadastral_number);
  out->set_site(r.site);
  out->set_area_m2(r.area_m2);
  out->set_permitted_use(static_cast<v1::PermittedUse>(r.permitted_use));
  ToProto(r.capacity, out->mutable_capacity());
  if (r.has_location) {
    out->mutable_location()->set_latitude(r.latitude);
    out->mutable_location()->set_longitude(r.longitude);
  }
  out->set_notes(r.notes);
  out->set_state(static_cast<v1::Plot::State>(r.state));
  out->set_block_reason(r.block_reason);
  if (r.state == PlotState::kReserved) {
    auto* res = out->mutable_reservation();
    if (r.reserved_application_id != 0) res->set_application(FormatName("applications", r.reserved_application_id));
    SetTimestamp(r.reserve_time, res->mutable_reserve_time());
    SetTimestamp(r.reservation_expire_time, res->mutable_expire_time());
  }
  if (r.state == PlotState::kLeased && r.lease_id != 0) out->set_lease(FormatName("leases", r.lease_id));
  for (auto id : r.predecessor_ids) out->add_predecessors(FormatName("plots", id));
  for (auto id : r.successor_ids) out->add_successors(FormatName("plots", id));
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

PlotRecord FromProto(const v1::Plot& p) {
  PlotRecord r;
  r.cadastral_number = p.cadastral_number();
  r.site = p.site();
  r.area_m2 = p.area_m2();
  // Unknown enum numbers become "unspecified", which validation rejects.
  r.permitted_use = v1::PermittedUse_IsValid(p.permitted_use()) ? static_cast<PermittedUse>(p.permitted_use())
                                                                : PermittedUse::kUnspecified;
  r.capacity.power_kw = p.capacity().power_kw();
  r.capacity.water_m3_per_day = p.capacity().water_m3_per_day();
  r.capacity.gas_m3_per_hour = p.capacity().gas_m3_per_hour();
  r.capacity.sewage_m3_per_day = p.capacity().sewage_m3_per_day();
  r.has_location = p.has_location();
  r.latitude = p.location().latitude();
  r.longitude = p.location().longitude();
  r.notes = p.notes();
  return r;
}

void ToProto(const LeaseRecord& r, v1::Lease* out) {
  out->set_name(FormatName("leases", r.id));
  out->set_plot(FormatName("plots", r.plot_id));
  out->set_resident(FormatName("residents", r.resident_id));
  SetDate(r.start_date, out->mutable_start_date());
  SetDate(r.end_date, out->mutable_end_date());
  out->set_annual_rent_kopecks(r.annual_rent_kopecks);
  out->set_agreement_number(r.agreement_number);
  out->set_state(static_cast<v1::Lease::State>(r.state));
  out->set_termination_reason(r.termination_reason);
  if (!r.end_of_use_date.IsEmpty()) SetDate(r.end_of_use_date, out->mutable_end_of_use_date());
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
  out->set_etag(FormatEtag(r.version));
}

Result<LeaseRecord> FromProto(const v1::Lease& p, const std::string& prefix) {
  LeaseRecord r;
  FieldErrors errors;
  auto plot = ParseName(p.plot(), "plots", prefix + ".plot");
  if (plot.ok()) {
    r.plot_id = *plot;
  } else {
    errors.Append(plot.status().field_violations());
  }
  auto resident = ParseName(p.resident(), "residents", prefix + ".resident");
  if (resident.ok()) {
    r.resident_id = *resident;
  } else {
    errors.Append(resident.status().field_violations());
  }
  if (p.has_start_date()) r.start_date = FromDate(p.start_date());
  if (p.has_end_date()) r.end_date = FromDate(p.end_date());
  r.annual_rent_kopecks = p.annual_rent_kopecks();
  r.agreement_number = p.agreement_number();
  if (!errors.empty()) return errors.ToStatus();
  return r;
}

void ToProto(const std::vector<LandTotals>& totals, v1::LandUtilisation* out) {
  auto fill = [&](PlotState state, v1::LandStateTotals* t) {
    const LandTotals& src = totals.at(static_cast<std::size_t>(state));
    t->set_plots(src.plots);
    t->set_area_m2(src.area_m2);
    ToProto(src.capacity, t->mutable_capacity());
  };
  fill(PlotState::kAvailable, out->mutable_available());
  fill(PlotState::kReserved, out->mutable_reserved());
  fill(PlotState::kLeased, out->mutable_leased());
  fill(PlotState::kUnavailable, out->mutable_unavailable());
  LandTotals all;
  for (std::size_t i = 1; i < totals.size(); ++i) {
    if (static_cast<PlotState>(i) == PlotState::kRetired) continue;
    all.plots += totals[i].plots;
    all.area_m2 += totals[i].area_m2;
    all.capacity.power_kw += totals[i].capacity.power_kw;
    all.capacity.water_m3_per_day += totals[i].capacity.water_m3_per_day;
    all.capacity.gas_m3_per_hour += totals[i].capacity.gas_m3_per_hour;
    all.capacity.sewage_m3_per_day += totals[i].capacity.sewage_m3_per_day;
  }
  out->mutable_total()->set_plots(all.plots);
  out->mutable_total()->set_area_m2(all.area_m2);
  ToProto(all.capacity, out->mutable_total()->mutable_capacity());
  out->set_leased_share(
      all.area_m2 == 0 ? 0.0 : static_cast<double>(out->leased().area_m2()) / static_cast<double>(all.area_m2));
}

}  // namespace biopolis
