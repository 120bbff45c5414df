#include "services/extracts/extract_content.h"

#include <cstdio>
#include <set>

#include "core/resource_name.h"

namespace biopolis {
namespace {

JsonValue DateOrNull(const Date& d) { return d.IsValid() ? JsonValue(d.ToString()) : JsonValue(); }
JsonValue TimeOrNull(TimeMicros t) { return t != 0 ? JsonValue(FormatTimestamp(t)) : JsonValue(); }

JsonValue Violation(const ResidentRecord& r) {
  return JsonValue::Object{{"description", r.violation_description},
                           {"issued_at", TimeOrNull(r.violation_issue_time)},
                           {"cure_by", DateOrNull(r.violation_cure_by)},
                           {"cured_at", TimeOrNull(r.violation_cure_time)},
                           {"cure_note", r.violation_cure_note}};
}

JsonValue Entry(const ResidentRecord& r) {
  JsonValue::Array commitments;
  for (const auto& c : r.commitments) {
    commitments.push_back(JsonValue::Object{{"due_date", c.due_date.ToString()},
                                            {"investment_kopecks", std::to_string(c.investment_kopecks)},
                                            {"jobs", static_cast<std::int64_t>(c.jobs)}});
  }
  JsonValue termination;
  if (r.state == ResidentState::kTerminated) {
    termination = JsonValue::Object{{"ground", std::string(kTerminationGrounds.Name(r.termination_ground))},
                                    {"effective_date", DateOrNull(r.termination_date)},
                                    {"explanation", r.termination_explanation}};
  }
  return JsonValue::Object{
      {"name", FormatName("residents", r.id)},
      {"registry_number", r.registry_number},
      {"state", std::string(kResidentStates.Name(r.state))},
      {"registration_date", DateOrNull(r.registration_date)},
      {"agreement", JsonValue::Object{{"number", r.agreement_number}, {"date", DateOrNull(r.agreement_date)}}},
      {"commitments", std::move(commitments)},
      {"notice", r.violation_issue_time != 0 ? Violation(r) : JsonValue()},
      {"termination", std::move(termination)},
      {"version", r.version}};
}

}  // namespace

std::string ExtractNumber(int year, std::int64_t number_in_year) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "43-EXT-%04d-%06lld", year, static_cast<long long>(number_in_year));
  return buf;
}

bool LeaseInUseOn(const LeaseRecord& lease, const Date& date) {
  const Date end = lease.end_of_use_date.IsValid() ? lease.end_of_use_date : lease.end_date;
  return !(date < lease.start_date) && !(end < date);
}

JsonValue ExtractContent(const ExtractFacts& f) {
  const OrganizationRecord& o = f.organization;
  JsonValue organization = JsonValue::Object{{"name", FormatName("organizations", o.id)},
                                             {"kind", std::string(kOrganizationKinds.Name(o.kind))},
                                             {"full_name", o.full_name},
                                             {"short_name", o.short_name},
                                             {"inn", o.inn},
                                             {"ogrn", o.ogrn},
                                             {"kpp", o.kpp},
                                             {"legal_address", o.legal_address}};
  // Every notice up to then, once each, as it stood last (with its cure).
  JsonValue::Array violations;
  std::set<TimeMicros> seen;
  for (auto it = f.history.rbegin(); it != f.history.rend(); ++it) {
    const ResidentRecord& v = it->entry;
    if (v.violation_issue_time != 0 && seen.insert(v.violation_issue_time).second) {
      violations.insert(violations.begin(), Violation(v));
    }
  }
  JsonValue::Array plots;
  for (const auto& p : f.plots) {
    plots.push_back(JsonValue::Object{{"lease", FormatName("leases", p.lease.id)},
                                      {"lease_agreement_number", p.lease.agreement_number},
                                      {"plot", FormatName("plots", p.plot.id)},
                                      {"cadastral_number", p.plot.cadastral_number},
                                      {"site", p.plot.site},
                                      {"area_m2", p.plot.area_m2},
                                      {"start_date", DateOrNull(p.lease.start_date)},
                                      {"end_date", DateOrNull(p.lease.end_date)}});
  }
  return JsonValue::Object{{"type", kExtractType},
                           {"number", f.number},
                           {"issued_at", FormatTimestamp(f.issue_time)},
                           {"as_of", FormatTimestamp(f.as_of)},
                           {"subject", f.subject},
                           {"key_id", f.key_id},
                           {"organization", std::move(organization)},
                           {"registry_entry", f.entry ? Entry(*f.entry) : JsonValue()},
                           {"violations", std::move(violations)},
                           {"plots", std::move(plots)}};
}

std::string ExtractDocument(const std::string& content, const std::string& key_id, const std::string& signature) {
  // The content is already canonical: spliced in as is, so the file holds
  // exactly the signed bytes.
  return "{\"content\":" + content + ",\"key_id\":" + JsonValue(key_id).Serialize() +
         ",\"signature\":" + JsonValue(signature).Serialize() + "}";
}

}  // namespace biopolis
