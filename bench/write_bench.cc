// Durable write throughput of the single writer, with and without group
// commit, at a given concurrency: each unit of work inserts one organization
// row plus its audit record and event (what a real create writes), and is
// acknowledged only after its COMMIT is durable (synchronous=FULL).
//
//   build/bench/write_bench [--concurrency N] [--seconds S]
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite/sqlite_store.h"

namespace {

struct Figures {
  double units_per_second = 0;
  double commits_per_second = 0;
  double units_per_commit = 0;
};

Figures Run(bool group_commit, int concurrency, double seconds) {
  auto dir = std::filesystem::temp_directory_path() /
             ("biopolis-write-bench-" + std::to_string(getpid()) + (group_commit ? "-g" : "-s"));
  std::filesystem::create_directories(dir);
  biopolis::SqliteStoreOptions options{(dir / "w.db").string(), 1, 5000, group_commit, 64};
  auto store = biopolis::SqliteStore::Open(options);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    std::exit(1);
  }
  std::atomic<long long> next{0};
  std::atomic<bool> stop{false};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < concurrency; ++c) {
    clients.emplace_back([&] {
      while (!stop) {
        long long n = next.fetch_add(1);
        (*store)->WriteAndWait([n](biopolis::Transaction& tx) {
          biopolis::OrganizationRecord o;
          o.kind = biopolis::OrganizationKind::kLegalEntity;
          o.inn = std::to_string(5000000000LL + n);
          o.ogrn = std::to_string(5000000000000LL + n);
          o.kpp = "434501001";
          o.full_name = "Bench";
          o.create_time = o.update_time = n;
          o.version = 1;
          o.id = tx.organizations().Insert(o);
          biopolis::AuditRecord a;
          a.actor = "bench";
          a.action = "CreateOrganization";
          a.resource = "organizations/" + std::to_string(o.id);
          tx.journal().AppendAudit(a);
          biopolis::EventRecord e;
          e.type = "organization.created";
          e.resource = a.resource;
          tx.journal().AppendEvent(e);
          return biopolis::Status::Ok();
        });
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : clients) t.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Figures f;
  f.units_per_second = static_cast<double>((*store)->writer_stats().units_committed()) / elapsed;
  f.commits_per_second = static_cast<double>((*store)->writer_stats().commits()) / elapsed;
  f.units_per_commit = f.commits_per_second > 0 ? f.units_per_second / f.commits_per_second : 0;
  store->reset();
  std::filesystem::remove_all(dir);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  int concurrency = 64;
  double seconds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--concurrency") concurrency = std::atoi(argv[i + 1]);
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
  }
  Figures one = Run(false, concurrency, seconds);
  Figures group = Run(true, concurrency, seconds);
  std::printf("write_bench: concurrency %d, %.1f s each, synchronous=FULL\n", concurrency, seconds);
  std::printf("  one commit per unit:  %8.0f units/s, %8.0f commits/s\n", one.units_per_second, one.commits_per_second);
  std::printf("  group commit:         %8.0f units/s, %8.0f commits/s, %.1f units per commit\n", group.units_per_second,
              group.commits_per_second, group.units_per_commit);
  std::printf("  speed-up: %.1fx\n", one.units_per_second > 0 ? group.units_per_second / one.units_per_second : 0.0);
  return 0;
}
