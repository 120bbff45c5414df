// Crash safety: the real biopolisd binary under a write load through the SDK,
// killed with SIGKILL (and, in some cycles, stopped with SIGTERM) at random
// moments and restarted. After every cycle: every acknowledged write is
// present, PRAGMA integrity_check is ok, and every write whose outcome the
// client did not learn resolves by retrying it with its request_id.
//
// Usage (ctest passes the binary): crash_safety_test BIOPOLISD [CYCLES]
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "../unit/test_identifiers.h"
#include "biopolis/biopolis.h"
#include "biopolis/v1/method_paths.h"
#include "storage/postgres/pg_connection.h"

namespace {

std::string g_biopolisd;
int g_cycles = 20;

using biopolis::testing::InnFor;
using biopolis::testing::OgrnFor;

class Server {
 public:
  // `db`: the SQLite file; or, with `database` (a PostgreSQL URL), the base
  // name of the server's files beside it (keys, checkpoints, logs).
  Server(std::string db, int port, std::string database = "", std::string config = "")
      : db_(std::move(db)), database_(std::move(database)), config_(std::move(config)), port_(port) {}
  void Start() {
    // A fresh log per start: readiness is this start's "listening" line.
    log_ = db_ + ".log." + std::to_string(++starts_);
    pid_ = fork();
    if (pid_ == 0) {
      if (freopen(log_.c_str(), "a", stdout) == nullptr || freopen(log_.c_str(), "a", stderr) == nullptr) _exit(126);
      std::string listen = "127.0.0.1:" + std::to_string(port_);
      if (database_.empty()) {
        execl(g_biopolisd.c_str(), g_biopolisd.c_str(), "--listen", listen.c_str(), "--db", db_.c_str(),
              "--shutdown-grace-seconds", "2", static_cast<char*>(nullptr));
      } else {
        execl(g_biopolisd.c_str(), g_biopolisd.c_str(), "--config", config_.c_str(), "--listen", listen.c_str(), "--db",
              db_.c_str(), "--database", database_.c_str(), "--shutdown-grace-seconds", "2",
              static_cast<char*>(nullptr));
      }
      _exit(127);
    }
    // Ready when it accepts calls.
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(log_);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.find("listening on 127.0.0.1:" + std::to_string(port_)) != std::string::npos) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }
  // A server still running when the test ends (an assertion returned early)
  // goes with it, never left behind.
  ~Server() {
    if (pid_ > 0) Stop(SIGKILL);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Returns the exit status.
  int Stop(int signal) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  std::string db_;
  std::string database_;
  std::string config_;
  std::string log_;
  int port_;
  pid_t pid_ = -1;
  int starts_ = 0;
};

int FreePort() {
  // Ports are taken from a range above the ephemeral defaults of the tests.
  static std::mt19937 rng(static_cast<unsigned>(getpid()));
  return 20000 + static_cast<int>(rng() % 20000);
}

struct Attempt {
  biopolis::v1::Organization org;
  std::string request_id;
};

// The first key, made on the database before the server starts ("" on failure).
// `db` is an SQLite file, or a quoted --database URL.
std::string BootstrapAdminKey(const std::filesystem::path& dir, const std::string& db) {
  std::string out = (dir / "bootstrap.txt").string();
  const bool url = db.rfind("postgresql://", 0) == 0;
  std::string cmd = g_biopolisd + " bootstrap-admin-key " + (url ? "--database '" + db + "'" : "--db " + db) +
                    " --name crash > " + out;
  if (std::system(cmd.c_str()) != 0) return "";
  std::ifstream in(out);
  std::string key;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("bpk_", 0) == 0) key = line;
  }
  return key;
}

// A new key of `role`, made with the administrator's `options` ("" on failure).
std::string CreateKey(const biopolis::client::ClientOptions& options, biopolis::v1::Role role) {
  biopolis::client::Client admin(options);
  biopolis::v1::ApiKey key;
  key.set_display_name(std::string("crash ") + biopolis::v1::Role_Name(role));
  key.set_role(role);
  auto created = admin.api_keys().Create(key);
  if (!created.ok()) ADD_FAILURE() << created.error().ToString();
  return created.ok() ? created->secret() : "";
}

biopolis::v1::Organization NewOrganization(int n) {
  biopolis::v1::Organization org;
  org.set_inn(InnFor(n));
  org.set_ogrn(OgrnFor(n));
  org.set_kpp("434501001");
  org.set_full_name("Crash test " + std::to_string(n));
  org.set_legal_address("Kirov");
  return org;
}

// The harness's account of organization writes across crashes: which were
// acknowledged, which got no answer (outcome unknown), and how the unknown
// ones resolved. Thread-safe.
class WriteLedger {
 public:
  explicit WriteLedger(int first_number) : counter_(first_number) {}

  // Creates organizations through `client` until `stop`: an acknowledged one
  // is recorded as such, one without an answer is kept as unknown.
  void WriteUntil(biopolis::client::Client& client, const std::atomic<bool>& stop) {
    while (!stop) {
      Attempt attempt;
      attempt.org = NewOrganization(counter_.fetch_add(1));
      attempt.request_id = biopolis::client::NewRequestId();
      auto r = client.organizations().Create(attempt.org, attempt.request_id);
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (r.ok()) {
          acknowledged_.push_back(attempt.org.inn());
        } else {
          unknown_.push_back(attempt);
        }
      }
      // Once the server is gone, do not spin.
      if (!r.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  // Retries every write of unknown outcome with its request_id through
  // `client`; each must succeed (its first result, or done now).
  void ResolveUnknown(biopolis::client::Client& client, const std::string& context) {
    std::vector<Attempt> unknown;
    {
      std::lock_guard<std::mutex> lock(mu_);
      unknown.swap(unknown_);
    }
    for (const auto& attempt : unknown) {
      auto retry = client.organizations().Create(attempt.org, attempt.request_id);
      EXPECT_TRUE(retry.ok()) << context << ": " << retry.error().ToString();
      if (!retry.ok()) continue;
      std::lock_guard<std::mutex> lock(mu_);
      acknowledged_.push_back(attempt.org.inn());
      ++resolved_;
    }
  }
  // Adds to the lost count every acknowledged write `client` cannot list;
  // returns how many organizations it listed.
  std::size_t CheckStored(biopolis::client::Client& client, const std::string& context) {
    auto all = client.organizations().List(biopolis::client::ListOptions().PageSize(500)).All();
    EXPECT_TRUE(all.ok()) << context << ": " << all.error().ToString();
    if (!all.ok()) return 0;
    std::set<std::string> stored;
    for (const auto& o : *all) stored.insert(o.inn());
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& inn : acknowledged_) {
      if (!stored.count(inn)) ++lost_;
    }
    return stored.size();
  }

  std::size_t acknowledged() {
    std::lock_guard<std::mutex> lock(mu_);
    return acknowledged_.size();
  }
  int lost() {
    std::lock_guard<std::mutex> lock(mu_);
    return lost_;
  }
  int resolved() {
    std::lock_guard<std::mutex> lock(mu_);
    return resolved_;
  }

 private:
  std::atomic<int> counter_;
  std::mutex mu_;
  std::vector<std::string> acknowledged_;
  std::vector<Attempt> unknown_;
  int lost_ = 0;
  int resolved_ = 0;
};

TEST(CrashSafetyTest, AcknowledgedWritesSurviveKillsAndUnknownOutcomesResolveByRetry) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("biopolis-crash-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "crash.db").string();
  const int port = FreePort();

  const std::string admin_key = BootstrapAdminKey(dir, db);
  ASSERT_FALSE(admin_key.empty());

  Server server(db, port);
  server.Start();
  biopolis::client::ClientOptions options;
  options.target = "127.0.0.1:" + std::to_string(port);
  options.api_key = admin_key;
  options.deadline = std::chrono::seconds(5);
  options.retry.max_attempts = 1;  // the harness itself decides about retries
  const std::string officer_key = CreateKey(options, biopolis::v1::ROLE_OFFICER);
  ASSERT_FALSE(officer_key.empty());
  options.api_key = officer_key;

  std::mt19937 rng(12345);
  WriteLedger ledger(0);
  for (int cycle = 0; cycle < g_cycles; ++cycle) {
    const std::string context = "cycle " + std::to_string(cycle);
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    {
      biopolis::client::Client client(options);
      for (int w = 0; w < 3; ++w) writers.emplace_back([&] { ledger.WriteUntil(client, stop); });
      std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
      // Most cycles crash; every fifth stops gracefully with calls in flight.
      bool graceful = cycle % 5 == 4;
      int status = server.Stop(graceful ? SIGTERM : SIGKILL);
      if (graceful) {
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "cycle " << cycle;
      }
      stop = true;
      for (auto& t : writers) t.join();
    }
    // The database is intact.
    {
      SQLite::Database check(db, SQLite::OPEN_READONLY);
      EXPECT_EQ(check.execAndGet("PRAGMA integrity_check").getString(), "ok") << "cycle " << cycle;
    }
    server.Start();
    biopolis::client::Client client(options);
    // Every acknowledged write is there.
    ledger.CheckStored(client, context);
    // Every write the client did not hear back about resolves by retrying with its request_id.
    ledger.ResolveUnknown(client, context);
  }
  server.Stop(SIGTERM);
  std::printf("crash safety: %d cycles, %zu acknowledged writes, %d lost, %d unknown outcomes resolved by retry\n",
              g_cycles, ledger.acknowledged(), ledger.lost(), ledger.resolved());
  EXPECT_EQ(ledger.lost(), 0);
  EXPECT_GT(ledger.acknowledged(), static_cast<std::size_t>(g_cycles));
  fs::remove_all(dir);
}

// The SDK's watch across the real server killed (SIGKILL) and stopped
// (SIGTERM) in turn while it is open, with writes between: every event
// arrives once, in order — the stream reconnects by itself after the last
// sequence it delivered, whatever ended the connection.
TEST(CrashSafetyTest, AWatchRidesOverKillsAndStopsAndDeliversEveryEventOnceInOrder) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("biopolis-crash-watch-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "watch.db").string();
  const std::string admin_key = BootstrapAdminKey(dir, db);
  ASSERT_FALSE(admin_key.empty());
  Server server(db, FreePort() + 1);
  server.Start();
  biopolis::client::ClientOptions options;
  options.target = server.target();
  options.api_key = admin_key;
  biopolis::client::ClientOptions auditor = options;
  auditor.api_key = CreateKey(options, biopolis::v1::ROLE_AUDITOR);
  options.api_key = CreateKey(options, biopolis::v1::ROLE_OFFICER);
  ASSERT_FALSE(auditor.api_key.empty());
  ASSERT_FALSE(options.api_key.empty());

  // The watch starts now: events of the key set-up above are not expected.
  biopolis::client::Events events(auditor);
  auto stream = events.Watch({.start_at_now = true});
  std::mutex mu;
  std::vector<biopolis::v1::Event> seen;
  std::string last_wanted;
  std::thread reader([&] {
    biopolis::v1::Event e;
    while (stream->Next(&e)) {
      std::lock_guard<std::mutex> lock(mu);
      seen.push_back(e);
      if (!last_wanted.empty() && e.resource() == last_wanted) return;
    }
  });

  std::vector<std::string> created;
  biopolis::client::Organizations organizations(options);  // default retries ride over the restarts
  const int cycles = 6;
  int n = 500000;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    for (int i = 0; i < 3; ++i) {
      auto org = organizations.Create(NewOrganization(n++));
      ASSERT_TRUE(org.ok()) << "cycle " << cycle << ": " << org.error().ToString();
      created.push_back(org->name());
    }
    server.Stop(cycle % 2 == 0 ? SIGKILL : SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    server.Start();
  }
  auto last = organizations.Create(NewOrganization(n++));
  ASSERT_TRUE(last.ok()) << last.error().ToString();
  created.push_back(last->name());
  {
    std::lock_guard<std::mutex> lock(mu);
    last_wanted = last->name();
    for (const auto& e : seen) {
      if (e.resource() == last_wanted) stream->Cancel();  // already there: the reader may be blocked
    }
  }
  // The reader stops at the last write; give the stream its reconnection time.
  for (int i = 0; i < 600; ++i) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!seen.empty() && seen.back().resource() == last_wanted) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stream->Cancel();
  reader.join();
  server.Stop(SIGTERM);

  std::lock_guard<std::mutex> lock(mu);
  ASSERT_FALSE(seen.empty()) << (stream->error() ? stream->error()->ToString() : "");
  // In order, no gap, no repeat: each sequence the one after the previous.
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].sequence(), seen[i - 1].sequence() + 1) << "after event " << i - 1;
  }
  std::map<std::string, int> times;
  for (const auto& e : seen) ++times[e.resource()];
  for (const auto& org : created) EXPECT_EQ(times[org], 1) << org;
  std::printf("watch across %d kills/stops: %zu events, %zu writes, all once and in order\n", cycles, seen.size(),
              created.size());
  fs::remove_all(dir);
}

// A document upload cut by SIGKILL leaves nothing half-stored: after the
// restart no staging bytes remain and no document exists; an upload that
// was acknowledged survives the next kill with its bytes and hash.
TEST(CrashSafetyTest, AnUploadCutByAKillLeavesNothingAndAnAcknowledgedOneSurvives) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("biopolis-crash-upload-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "upload.db").string();
  const std::string admin_key = BootstrapAdminKey(dir, db);
  ASSERT_FALSE(admin_key.empty());
  Server server(db, FreePort() + 2);
  server.Start();
  biopolis::client::ClientOptions options;
  options.target = server.target();
  options.api_key = admin_key;
  biopolis::client::ClientOptions officer = options;
  officer.api_key = CreateKey(options, biopolis::v1::ROLE_OFFICER);
  auto org = biopolis::client::Organizations(officer).Create(NewOrganization(1));
  ASSERT_TRUE(org.ok()) << org.error().ToString();
  biopolis::v1::ApiKey key;
  key.set_display_name("uploader");
  key.set_role(biopolis::v1::ROLE_RESIDENT);
  key.set_organization(org->name());
  auto resident_key = biopolis::client::ApiKeys(options).Create(key);
  ASSERT_TRUE(resident_key.ok()) << resident_key.error().ToString();
  biopolis::client::ClientOptions resident = options;
  resident.api_key = resident_key->secret();
  biopolis::v1::Application draft;
  draft.set_project_name("Crash upload");
  draft.add_okved_codes("21.20.1");
  auto app = biopolis::client::Applications(resident).Create(draft);
  ASSERT_TRUE(app.ok()) << app.error().ToString();

  // The server holds its file exclusively (unix-excl): it is read here only while the server is down.
  auto rows = [&](const std::string& sql) {
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    return raw.execAndGet(sql).getInt();
  };
  // A big upload streams in; once some of it is on disk, SIGKILL.
  std::string head = "%PDF-1.4\n";
  head.resize(1 << 20, 'p');
  {
    auto connection = biopolis::client::MakeGrpcConnection(resident);
    biopolis::client::CallContext context;
    context.metadata = {{"authorization", "Bearer " + resident.api_key}};
    biopolis::v1::Document response;
    auto stream = connection->OpenClientStream(biopolis::v1::methods::kUploadDocument, &response, context);
    biopolis::v1::UploadDocumentRequest meta;
    meta.mutable_metadata()->set_parent(app->name());
    meta.mutable_metadata()->set_kind(biopolis::v1::Document::KIND_BUSINESS_PLAN);
    meta.mutable_metadata()->set_file_name("big.pdf");
    ASSERT_TRUE(stream->Write(meta));
    biopolis::v1::UploadDocumentRequest chunk;
    chunk.set_chunk(head);
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(stream->Write(chunk));
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    server.Stop(SIGKILL);
  }
  // Killed mid-file: a staging blob with chunks on disk, no document.
  EXPECT_EQ(rows("SELECT count(*) FROM blobs WHERE sealed = 0"), 1);
  EXPECT_GE(rows("SELECT count(*) FROM blob_chunks"), 1);
  EXPECT_EQ(rows("SELECT count(*) FROM documents"), 0);
  // The next start discards it before serving (killed again right after, to look).
  server.Start();
  server.Stop(SIGKILL);
  EXPECT_EQ(rows("SELECT count(*) FROM blobs"), 0);
  EXPECT_EQ(rows("SELECT count(*) FROM blob_chunks"), 0);
  EXPECT_EQ(rows("SELECT count(*) FROM documents"), 0);
  server.Start();

  // An acknowledged upload is there after the next kill, bytes and all.
  biopolis::client::Documents documents(resident);
  std::istringstream in(head);
  auto doc = documents.Upload(app->name(), biopolis::v1::Document::KIND_BUSINESS_PLAN, in, "plan.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  server.Stop(SIGKILL);
  server.Start();
  std::ostringstream out;
  auto version = documents.Download(doc->name(), out);
  ASSERT_TRUE(version.ok()) << version.error().ToString();
  EXPECT_EQ(out.str(), head);
  EXPECT_EQ(version->sha256(), doc->sha256());
  server.Stop(SIGTERM);
  {
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    EXPECT_EQ(raw.execAndGet("PRAGMA integrity_check").getString(), "ok");
  }
  fs::remove_all(dir);
}

}  // namespace

// Two biopolisd on one PostgreSQL database (#18), each killed in turn with
// SIGKILL under a write load split across both: every acknowledged write is
// there, and every write whose outcome a client did not learn resolves by
// retrying it with its request_id on the other server. Runs when
// BIOPOLIS_TEST_POSTGRES names a cluster (ctest's postgres fixture).
TEST(CrashSafetyTest, KillingOneOfTwoServersOnPostgresLosesNothing) {
  const char* cluster = std::getenv("BIOPOLIS_TEST_POSTGRES");
  if (cluster == nullptr || *cluster == '\0') GTEST_SKIP() << "needs PostgreSQL (BIOPOLIS_TEST_POSTGRES)";
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("biopolis-crash-pg-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string schema = "crash_" + std::to_string(getpid());
  {
    biopolis::PgConnection admin(cluster);
    admin.ExecuteScript("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
  }
  const std::string url = std::string(cluster) + "&options=-csearch_path%3D" + schema;
  const std::string admin_key = BootstrapAdminKey(dir, url);
  ASSERT_FALSE(admin_key.empty());
  const int port = FreePort() + 3;
  // Both share the keys folder (its base name) as instances of one zone must.
  // Rate limiting off: four writers and the retries go as fast as they can.
  const std::string config = (dir / "biopolisd.conf").string();
  std::ofstream(config) << "rate_limit_per_second = 0\n";
  Server a((dir / "zone").string(), port, url, config);
  Server b((dir / "zone").string(), port + 1, url, config);
  a.Start();
  b.Start();
  biopolis::client::ClientOptions options_a;
  options_a.target = a.target();
  options_a.api_key = admin_key;
  options_a.deadline = std::chrono::seconds(5);
  options_a.retry.max_attempts = 1;  // the harness decides about retries
  options_a.api_key = CreateKey(options_a, biopolis::v1::ROLE_OFFICER);
  ASSERT_FALSE(options_a.api_key.empty());
  biopolis::client::ClientOptions options_b = options_a;
  options_b.target = b.target();

  std::mt19937 rng(4242);
  WriteLedger ledger(1000000);
  const int cycles = std::max(2, g_cycles / 4);
  for (int cycle = 0; cycle < cycles; ++cycle) {
    Server& victim = cycle % 2 == 0 ? a : b;
    const biopolis::client::ClientOptions& survivor = cycle % 2 == 0 ? options_b : options_a;
    const std::string context = "cycle " + std::to_string(cycle);
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    {
      biopolis::client::Client client_a(options_a);
      biopolis::client::Client client_b(options_b);
      for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] { ledger.WriteUntil(w % 2 == 0 ? client_a : client_b, stop); });
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 400));
      victim.Stop(SIGKILL);
      // The survivor goes on taking writes while the victim is down.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      stop = true;
      for (auto& t : writers) t.join();
    }
    // The unknown outcomes resolve on the other server, each exactly once.
    biopolis::client::Client other(survivor);
    ledger.ResolveUnknown(other, context);
    victim.Start();
    EXPECT_EQ(ledger.CheckStored(other, context), ledger.acknowledged())
        << context << ": a write stored twice or unasked";
  }
  a.Stop(SIGTERM);
  b.Stop(SIGTERM);
  std::printf(
      "two servers on PostgreSQL, %d kills: %zu acknowledged writes, %d lost, %d unknown outcomes resolved on "
      "the other server\n",
      cycles, ledger.acknowledged(), ledger.lost(), ledger.resolved());
  EXPECT_EQ(ledger.lost(), 0);
  EXPECT_GT(ledger.acknowledged(), static_cast<std::size_t>(cycles));
  {
    biopolis::PgConnection admin(cluster);
    admin.ExecuteScript("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }
  fs::remove_all(dir);
}

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: crash_safety_test BIOPOLISD [CYCLES]\n");
    return 2;
  }
  g_biopolisd = argv[1];
  if (argc > 2) g_cycles = std::atoi(argv[2]);
  return RUN_ALL_TESTS();
}
