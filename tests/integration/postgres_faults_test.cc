// PostgreSQL crashes and comes back under write load (#18): calls fail
// UNAVAILABLE and the SDK retries them with their request_id, the server
// reconnects by itself, health goes NOT_SERVING and back to SERVING, and no
// acknowledged write is lost. The test runs its own throw-away cluster
// (scripts/pg-test-cluster.sh), since it crashes it; it runs with the
// PostgreSQL suite only.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "biopolis/audit_verification.h"
#include "server_fixture.h"

namespace biopolis::testing {
namespace {

// Runs scripts/pg-test-cluster.sh `command` on `dir`; its first output line.
std::string Cluster(const std::string& command, const std::string& dir) {
  std::string line;
  const std::string shell = std::string(BIOPOLIS_SOURCE_DIR) + "/scripts/pg-test-cluster.sh " + command + " " + dir;
  if (FILE* p = popen(shell.c_str(), "r")) {
    char buf[512];
    if (fgets(buf, sizeof buf, p) != nullptr) line = buf;
    int rc = pclose(p);
    if (rc != 0) ADD_FAILURE() << shell << " failed: " << rc;
  }
  while (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

class PostgresFaultTest : public ServerFixture {
 protected:
  void SetUp() override {
    if (!database_.postgres()) GTEST_SKIP() << "crashes a PostgreSQL cluster of its own (PostgreSQL suite only)";
    static std::atomic<int> counter{0};
    cluster_dir_ = "/tmp/biopolis-pgfault-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    cluster_url_ = Cluster("start", cluster_dir_);
    ASSERT_FALSE(cluster_url_.empty());
    ServerFixture::SetUp();
  }
  void TearDown() override {
    ServerFixture::TearDown();
    if (!cluster_dir_.empty()) Cluster("stop", cluster_dir_);
  }
  void Configure(ServerOptions& options) override {
    ServerFixture::Configure(options);
    options.database = cluster_url_;
    options.health_check_interval_ms = 100;
  }
  // Polls the health service until it answers `want` (up to `seconds`).
  bool HealthBecomes(const std::string& want, int seconds) {
    for (int i = 0; i < seconds * 20; ++i) {
      if (HealthOf(address()) == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  std::string cluster_dir_;
  std::string cluster_url_;
};

TEST_F(PostgresFaultTest, ACrashUnderWriteLoadLosesNoAcknowledgedWriteAndTheServerRecoversByItself) {
  ASSERT_EQ(HealthOf(address()), "SERVING");
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::vector<std::string> failures;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop; ++i) {
        v1::Plot plot;
        plot.set_cadastral_number("43:40:" + std::to_string(100000 + w) + ":" + std::to_string(i));
        plot.set_site("Site 1");
        plot.set_area_m2(1000);
        plot.set_permitted_use(v1::PERMITTED_USE_PRODUCTION);
        auto created = officer().land().CreatePlot(plot);
        std::lock_guard<std::mutex> lock(mu);
        if (created.ok()) {
          acknowledged.insert(created->name());
        } else {
          failures.push_back(created.error().ToString());
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  Cluster("crash", cluster_dir_);
  EXPECT_TRUE(HealthBecomes("NOT_SERVING", 10)) << "health did not notice the database was gone";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  Cluster("resume", cluster_dir_);
  EXPECT_TRUE(HealthBecomes("SERVING", 20)) << "health did not come back with the database";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  for (auto& t : writers) t.join();

  // The SDK retried through the outage: a call only fails when its deadline
  // (20 s) passes, which a 1-2 s outage does not reach.
  for (const auto& f : failures) ADD_FAILURE() << "a write failed for good: " << f;
  ASSERT_GT(acknowledged.size(), 10u);
  // Every acknowledged plot is stored, and each exactly once (the retries of
  // a write whose COMMIT had reached the database got its first result).
  auto listed = auditor().land().ListPlots(client::ListOptions().PageSize(500)).All();
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  std::set<std::string> stored;
  for (const auto& p : *listed) stored.insert(p.name());
  for (const auto& name : acknowledged) EXPECT_TRUE(stored.count(name)) << name << " was acknowledged but is gone";
  EXPECT_EQ(stored.size(), acknowledged.size());
  auto verified = client::VerifyAuditLog(auditor().audit());
  ASSERT_TRUE(verified.ok()) << verified.error().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
}

// A WatchEvents stream open while PostgreSQL crashes and comes back: the
// event committed before the crash and the one after it both arrive, once
// each and in order (the stream's reads fail while the database is away; the
// SDK resumes from its cursor; the listener reconnects and wakes it).
TEST_F(PostgresFaultTest, AnEventStreamOpenAcrossACrashDeliversEveryEventOnce) {
  client::WatchOptions live;
  live.start_at_now = true;
  auto stream = auditor().events().Watch(live);
  std::mutex mu;
  std::vector<std::string> seen;
  std::thread reader([&] {
    v1::Event e;
    while (stream->Next(&e)) {
      std::lock_guard<std::mutex> lock(mu);
      seen.push_back(e.resource());
    }
  });
  auto seen_count = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return seen.size();
  };
  auto wait_for_events = [&](std::size_t n) {
    for (int i = 0; i < 200 && seen_count() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return seen_count() >= n;
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string before = CreateOrganization("4345042753", "1024317979080");
  EXPECT_TRUE(wait_for_events(1)) << "the first event did not arrive";
  Cluster("crash", cluster_dir_);
  EXPECT_TRUE(HealthBecomes("NOT_SERVING", 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the stream's reads fail meanwhile
  Cluster("resume", cluster_dir_);
  EXPECT_TRUE(HealthBecomes("SERVING", 20));
  const std::string after = CreateOrganization("4345695985", "1024366201166");
  EXPECT_TRUE(wait_for_events(2)) << "the event written after the restart did not arrive";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // anything doubled would show by now
  stream->Cancel();
  reader.join();
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(seen, (std::vector<std::string>{before, after}));
}

}  // namespace
}  // namespace biopolis::testing
