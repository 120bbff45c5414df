// Starts the real server in-process on a loopback port with a temporary
// SQLite file and a ManualClock, and gives SDK clients for each role.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "../unit/test_database.h"
#include "biopolis/biopolis.h"
#include "services/domain/domain.h"
#include "services/server/biopolis_server.h"

namespace biopolis::testing {

namespace v1 = ::biopolis::v1;

// A google.type.Date.
inline google::type::Date D(int year, int month, int day) {
  google::type::Date out;
  out.set_year(year);
  out.set_month(month);
  out.set_day(day);
  return out;
}

// The grpc.health.v1 answer for the whole server at `address`, through a
// client that knows nothing of our protos: "SERVING", "NOT_SERVING", or
// "error: ..." when the call failed.
std::string HealthOf(const std::string& address);

// How a race of concurrent calls ended: succeeded, refused with
// FAILED_PRECONDITION and the expected reason, or anything else.
struct RaceOutcome {
  int ok = 0;
  int refused = 0;
  int other = 0;
};

// Runs call(0) .. call(n - 1) on n threads at once; each returns an SDK
// result. Counts refusals with FAILED_PRECONDITION and `reason`.
template <typename Call>
RaceOutcome Race(int n, const std::string& reason, Call call) {
  std::atomic<int> ok{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      auto r = call(i);
      if (r.ok()) {
        ++ok;
      } else if (r.code() == client::StatusCode::FAILED_PRECONDITION && r.error().reason() == reason) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  return {ok.load(), refused.load(), other.load()};
}

// 2026-11-27T09:00:00Z.
constexpr TimeMicros kStartTime = 1'795'770'000'000'000;

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Adjusts the server's options before it starts (default: rate limiting off,
  // since the ManualClock never refills a bucket).
  virtual void Configure(ServerOptions& options) { options.rate_limit_per_second = 0; }

  client::Client& admin() { return *admin_; }
  client::Client& officer() { return *officer_; }
  client::Client& auditor() { return *auditor_; }
  std::unique_ptr<client::Client> ClientWithKey(const std::string& key);
  std::string address() const { return "127.0.0.1:" + std::to_string(server_->port()); }

  // Registers an organization (officer) and returns its name.
  std::string CreateOrganization(const std::string& inn, const std::string& ogrn, const std::string& kpp = "434501001");
  // Issues a resident key bound to `organization` (admin) and returns a client using it.
  std::unique_ptr<client::Client> ResidentClient(const std::string& organization);
  // The secret of a new resident key bound to `organization`.
  std::string ResidentKey(const std::string& organization);
  // A draft that passes the demo policy.
  static v1::Application EligibleDraft();
  // An organization with a resident key and an application accepted for review.
  struct Applicant {
    std::string organization;
    std::unique_ptr<client::Client> client;
    std::string application;
  };
  Applicant ApplicantUnderReview(const std::string& inn, const std::string& ogrn);
  // Approves and signs the applicant's application; returns the resident's name.
  std::string Register(const Applicant& applicant);
  // A plot of the catalogue (officer).
  std::string CreatePlot(const std::string& cadastral, std::int64_t area_m2, std::int64_t power_kw = 100);
  // A subsidy open since 2026-01-01 with `budget` and a per-resident `cap`
  // (0: none); returns its name.
  std::string CreateMeasure(std::int64_t budget, std::int64_t cap, bool require_active = false);
  // A support request of `resident` for `amount`, submitted and accepted for
  // review (officer); returns its name.
  std::string RequestUnderReview(client::Client& resident, const std::string& measure, std::int64_t amount);
  // Counts audit records (all changes leave one).
  int AuditCount();
  // Stops the server and starts it again on the same port and database, as
  // an administrator's restart would; clients reconnect on their own.
  void RestartServer();

  // A fresh SQLite file or PostgreSQL schema (BIOPOLIS_TEST_POSTGRES).
  TestDatabase database_;
  // Its temporary directory; on SQLite db_.path() is the database file.
  const TempDb& db_ = database_.files();
  ManualClock clock_{kStartTime};
  ServerOptions options_;
  std::unique_ptr<BiopolisServer> server_;
  std::unique_ptr<client::Client> admin_;
  std::unique_ptr<client::Client> officer_;
  std::unique_ptr<client::Client> auditor_;
  // Their keys, for tests that call without the SDK.
  std::string admin_secret_;
  std::string officer_secret_;
  std::string auditor_secret_;
};

}  // namespace biopolis::testing
