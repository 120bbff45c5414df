// Times GetZoneStatistics' domain call at scale: 1,000 residents with dated
// commitments and 100,000 accepted quarterly reports (100 quarters each), plus
// ListResidentCompliance over every resident. Seeds a temporary database
// through the storage layer (no checks skipped: the same constraints apply).
//
//   build/bench/zone_statistics_bench [--residents N] [--reports-per-resident M] [--runs R]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "services/domain/domain.h"
#include "storage/sqlite/sqlite_store.h"

namespace {

using biopolis::Status;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string Digits(long long value, int width) {
  std::string s = std::to_string(value);
  return "5" + std::string(static_cast<std::size_t>(width) - 1 - s.size(), '0') + s;
}

}  // namespace

int main(int argc, char** argv) {
  int residents = 1000;
  int per_resident = 100;
  int runs = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    int v = std::atoi(argv[i + 1]);
    if (flag == "--residents") residents = v;
    if (flag == "--reports-per-resident") per_resident = v;
    if (flag == "--runs") runs = v;
  }
  auto dir = std::filesystem::temp_directory_path() / ("biopolis-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto store = biopolis::SqliteStore::Open({(dir / "bench.db").string(), 2, 5000});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  biopolis::ManualClock clock(biopolis::ZoneStartOf({2026, 11, 27}));
  biopolis::Domain domain(**store, clock);

  biopolis::PolicyRecord policy;
  policy.effective_from = {2000, 1, 1};
  policy.allowed_okved_prefixes = {"21"};
  policy.info_request_days = 30;
  if (!domain.policies.Seed(policy).ok()) return 1;

  auto seed_start = Clock::now();
  const int batch = 100;
  for (int first = 0; first < residents; first += batch) {
    Status st = (*store)->WriteAndWait([&](biopolis::Transaction& tx) -> Status {
      for (int i = first; i < std::min(residents, first + batch); ++i) {
        biopolis::OrganizationRecord org;
        org.kind = biopolis::OrganizationKind::kLegalEntity;
        org.inn = Digits(i, 10);
        org.ogrn = Digits(i, 13);
        org.kpp = "434501001";
        org.full_name = "Bench resident " + std::to_string(i);
        org.create_time = org.update_time = clock.Now();
        org.version = 1;
        org.id = tx.organizations().Insert(org);
        biopolis::ApplicationRecord app;
        app.organization_id = org.id;
        app.state = biopolis::ApplicationState::kApproved;
        app.policy_version = 1;
        app.create_time = app.update_time = clock.Now();
        app.version = 1;
        app.id = tx.applications().Insert(app);
        biopolis::ResidentRecord r;
        r.organization_id = org.id;
        r.application_id = app.id;
        r.registry_number = "43-2001-" + std::to_string(100000 + i);
        r.agreement_number = "B-" + std::to_string(i);
        r.agreement_date = r.registration_date = {2001, 1, 1};
        r.commitments = {{{2020, 12, 31}, 100'000'000'00, 50}, {{2030, 12, 31}, 500'000'000'00, 200}};
        r.state = biopolis::ResidentState::kActive;
        r.create_time = r.update_time = clock.Now();
        r.version = 1;
        r.id = tx.residents().Insert(r);
        app.state = biopolis::ApplicationState::kRegistered;
        app.resident_id = r.id;
        tx.applications().Update(app);
        for (int q = 0; q < per_resident; ++q) {
          biopolis::ReportRecord rep;
          rep.resident_id = r.id;
          rep.organization_id = org.id;
          rep.year = 2001 + q / 4;
          rep.quarter = q % 4 + 1;
          rep.version = 1;
          rep.state = biopolis::ReportState::kAccepted;
          rep.investment_kopecks = 1'000'000'00;
          rep.capex_kopecks = 500'000'00;
          rep.jobs_at_period_end = q;
          rep.create_time = rep.update_time = clock.Now();
          rep.version_counter = 1;
          tx.reports().Insert(rep);
        }
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "seeding failed: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  double seed_ms = Ms(Clock::now() - seed_start);

  // Warm-up, then timed runs.
  auto first = domain.statistics.Compute({});
  if (!first.ok()) {
    std::fprintf(stderr, "%s\n", first.status().ToString().c_str());
    return 1;
  }
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    auto f = domain.statistics.Compute({});
    times.push_back(Ms(Clock::now() - t0));
    if (!f.ok()) return 1;
  }
  std::sort(times.begin(), times.end());
  biopolis::Caller officer{"bench", biopolis::Role::kOfficer, 0};
  auto c0 = Clock::now();
  std::size_t listed = 0;
  biopolis::ListParams params;
  params.page_size = 500;
  while (true) {
    auto page = domain.reporting.ListCompliance(officer, params, biopolis::ComplianceStatus::kUnspecified);
    if (!page.ok()) return 1;
    listed += page->items.size();
    if (page->next_page_token.empty()) break;
    params.page_token = page->next_page_token;
  }
  double compliance_ms = Ms(Clock::now() - c0);

  std::printf("zone_statistics_bench: %d residents, %d reports (seeded in %.0f ms)\n", residents,
              residents * per_resident, seed_ms);
  std::printf("  GetZoneStatistics (domain call, %d runs): p50 %.2f ms, min %.2f ms, max %.2f ms\n", runs,
              times[times.size() / 2], times.front(), times.back());
  std::printf("    investment made %lld kopecks, jobs created %lld, residents active %lld\n",
              static_cast<long long>(first->totals.investment_made_kopecks),
              static_cast<long long>(first->totals.jobs_created),
              static_cast<long long>(first->totals.residents_by_state[1]));
  std::printf("  ListResidentCompliance over all %zu residents: %.0f ms\n", listed, compliance_ms);
  store->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
