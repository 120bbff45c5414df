// Times the registry's history reads against its current reads, through the
// domain layer on a seeded SQLite file (issue: an as_of read within 2x of a
// current read on a large zone). Seeds N registry entries with a realistic
// history: every entry registered; every third one later given a notice and,
// half of those, a cure; every tenth terminated; every fifth organization
// renamed. Then, for each read, the median of R runs:
//   GetResident now vs as_of (recent and years back), GetOrganization now vs
//   as_of, ListResidents first page, a page in the middle (keyset cursor), and
//   a filtered page, each now vs as_of.
//
//   history_bench [--residents N] [--runs R] [--page-size P]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "services/domain/domain.h"
#include "storage/sqlite/sqlite_store.h"

namespace {

namespace bp = ::biopolis;
using SteadyClock = std::chrono::steady_clock;
constexpr bp::TimeMicros kDay = 86'400'000'000;

double MedianMs(int runs, const std::function<bool()>& read) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto t0 = SteadyClock::now();
    if (!read()) {
      std::fprintf(stderr, "a read failed\n");
      std::exit(1);
    }
    times.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string Padded(long long value, int width) {
  std::string s = std::to_string(value);
  return "4" + std::string(static_cast<std::size_t>(width) - 1 - s.size(), '0') + s;
}

}  // namespace

int main(int argc, char** argv) {
  long long residents = 100'000;
  int runs = 50;
  int page_size = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    long long v = std::atoll(argv[i + 1]);
    if (flag == "--residents") residents = v;
    if (flag == "--runs") runs = static_cast<int>(v);
    if (flag == "--page-size") page_size = static_cast<int>(v);
  }
  auto dir = std::filesystem::temp_directory_path() / ("biopolis-history-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto store = bp::SqliteStore::Open({(dir / "bench.db").string(), 2, 5000});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  // The zone's history spans four years; the reads happen at its end.
  const bp::TimeMicros start = bp::ZoneStartOf({2022, 12, 1});
  const bp::TimeMicros end = start + 4 * 365 * kDay;
  bp::ManualClock clock(end);
  bp::Domain domain(**store, clock);

  bp::PolicyRecord policy;
  policy.effective_from = {2000, 1, 1};
  policy.allowed_okved_prefixes = {"21"};
  policy.info_request_days = 30;
  if (!domain.policies.Seed(policy).ok()) return 1;

  auto seed_start = SteadyClock::now();
  const long long batch = 1000;
  for (long long first = 0; first < residents; first += batch) {
    bp::Status st = (*store)->WriteAndWait([&](bp::Transaction& tx) -> bp::Status {
      for (long long i = first; i < std::min(residents, first + batch); ++i) {
        // Registrations spread over the first two years, changes after.
        const bp::TimeMicros t = start + (i * 2 * 365 * kDay) / residents;
        bp::OrganizationRecord org;
        org.kind = bp::OrganizationKind::kLegalEntity;
        org.inn = Padded(i, 10);
        org.ogrn = Padded(i, 13);
        org.kpp = "434501001";
        org.full_name = "ООО «Резидент " + std::to_string(i) + "»";
        org.legal_address = "Киров";
        org.create_time = org.update_time = t;
        org.version = 1;
        org.id = tx.organizations().Insert(org);
        bp::ApplicationRecord app;
        app.organization_id = org.id;
        app.state = bp::ApplicationState::kRegistered;
        app.create_time = app.update_time = t;
        app.version = 1;
        bp::ResidentRecord r;
        r.organization_id = org.id;
        r.registry_number = "43-" + std::to_string(bp::ZoneDateOf(t).year) + "-" + Padded(i, 7);
        r.agreement_number = "Б-" + std::to_string(i);
        r.agreement_date = r.registration_date = bp::ZoneDateOf(t);
        r.commitments = {{{2030, 12, 31}, 500'000'000'00, 200}};
        r.state = bp::ResidentState::kActive;
        r.create_time = r.update_time = t;
        r.version = 1;
        app.state = bp::ApplicationState::kApproved;
        app.policy_version = 1;
        r.application_id = tx.applications().Insert(app);
        r.id = tx.residents().Insert(r);
        auto change = [&](bp::TimeMicros when) {
          r.update_time = when;
          r.effective_time = 0;
          r.version += 1;
        };
        if (i % 3 == 0) {
          change(t + 200 * kDay);
          r.state = bp::ResidentState::kUnderRemedy;
          r.violation_description = "Investment behind schedule";
          r.violation_cure_by = bp::ZoneDateOf(t + 290 * kDay);
          r.violation_issue_time = r.update_time;
          tx.residents().Update(r);
          if (i % 6 == 0) {
            change(t + 280 * kDay);
            r.state = bp::ResidentState::kActive;
            r.violation_cure_time = r.update_time;
            r.violation_cure_note = "Inspection";
            tx.residents().Update(r);
          }
        }
        if (i % 10 == 0) {
          change(t + 400 * kDay);
          r.state = bp::ResidentState::kTerminated;
          r.termination_ground = bp::TerminationGround::kMutualAgreement;
          r.termination_date = bp::ZoneDateOf(r.update_time);
          r.termination_explanation = "By agreement";
          tx.residents().Update(r);
        }
        if (i % 5 == 0) {
          org.full_name += " (переименовано)";
          org.update_time = t + 300 * kDay;
          org.version += 1;
          tx.organizations().Update(org);
        }
      }
      return bp::Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "seeding failed: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  const double seed_s = std::chrono::duration<double>(SteadyClock::now() - seed_start).count();

  const bp::Caller officer{"bench", bp::Role::kOfficer, 0};
  const bp::TimeMicros recent = end - kDay;
  const bp::TimeMicros early = start + 365 * kDay;
  const std::int64_t some = residents / 2 + 1;
  std::printf("history_bench: %lld registry entries, seeded in %.0f s; median of %d runs, ms\n", residents, seed_s,
              runs);
  auto row = [&](const char* what, const std::function<bool()>& now, const std::function<bool()>& then) {
    MedianMs(3, now);  // warm
    MedianMs(3, then);
    const double a = MedianMs(runs, now);
    const double b = MedianMs(runs, then);
    std::printf("  %-40s now %8.3f  as_of %8.3f  ratio %5.2f\n", what, a, b, b / a);
  };
  row(
      "GetResident", [&] { return domain.residents.Get(officer, some).ok(); },
      [&] { return domain.residents.GetAsOf(officer, some, recent).ok(); });
  row(
      "GetResident (as_of 3 years back)", [&] { return domain.residents.Get(officer, some).ok(); },
      [&] { return domain.residents.GetAsOf(officer, 1, early).ok(); });
  row(
      "GetOrganization", [&] { return domain.organizations.Get(officer, some).ok(); },
      [&] { return domain.organizations.GetAsOf(officer, some, recent).ok(); });

  auto list = [&](const bp::ListParams& params, std::optional<bp::TimeMicros> as_of) {
    auto page = domain.residents.List(officer, params, as_of);
    return page.ok() && !page->items.empty();
  };
  bp::ListParams first;
  first.page_size = page_size;
  row(
      "ListResidents, first page", [&] { return list(first, std::nullopt); }, [&] { return list(first, recent); });
  // A page half way through: walk there once with each query's own tokens.
  auto middle = [&](std::optional<bp::TimeMicros> as_of) {
    bp::ListParams p = first;
    p.page_size = 500;
    for (long long seen = 0; seen < residents / 2;) {
      auto page = domain.residents.List(officer, p, as_of);
      if (!page.ok() || page->next_page_token.empty()) break;
      seen += static_cast<long long>(page->items.size());
      p.page_token = page->next_page_token;
    }
    p.page_size = page_size;
    return p;
  };
  const bp::ListParams mid_now = middle(std::nullopt);
  const bp::ListParams mid_then = middle(recent);
  row(
      "ListResidents, page in the middle", [&] { return list(mid_now, std::nullopt); },
      [&] { return list(mid_then, recent); });
  bp::ListParams filtered = first;
  filtered.filter = "state = \"STATE_UNDER_REMEDY\"";
  row(
      "ListResidents, state = UNDER_REMEDY", [&] { return list(filtered, std::nullopt); },
      [&] { return list(filtered, early + 300 * kDay); });
  std::filesystem::remove_all(dir);
  return 0;
}
