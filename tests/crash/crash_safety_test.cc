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
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "biopolis/biopolis.h"

namespace {

std::string g_biopolisd;
int g_cycles = 20;

// A valid 10-digit INN and 13-digit OGRN from a counter.
std::string Inn(int n) {
  char base[10];
  std::snprintf(base, sizeof base, "43%07d", n);
  const int w[] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += w[i] * (base[i] - '0');
  return std::string(base) + std::to_string(sum % 11 % 10);
}
std::string Ogrn(int n) {
  char base[13];
  std::snprintf(base, sizeof base, "10243%07d", n);
  unsigned long long v = std::stoull(base);
  return std::string(base) + std::to_string(v % 11 % 10);
}

class Server {
 public:
  Server(std::string db, int port) : db_(std::move(db)), port_(port) {}
  void Start() {
    // A fresh log per start: readiness is this start's "listening" line.
    log_ = db_ + ".log." + std::to_string(++starts_);
    pid_ = fork();
    if (pid_ == 0) {
      if (freopen(log_.c_str(), "a", stdout) == nullptr || freopen(log_.c_str(), "a", stderr) == nullptr) _exit(126);
      std::string listen = "127.0.0.1:" + std::to_string(port_);
      execl(g_biopolisd.c_str(), g_biopolisd.c_str(), "--listen", listen.c_str(), "--db", db_.c_str(),
            "--shutdown-grace-seconds", "2", static_cast<char*>(nullptr));
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
  // Returns the exit status.
  int Stop(int signal) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    return status;
  }

 private:
  std::string db_;
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

TEST(CrashSafetyTest, AcknowledgedWritesSurviveKillsAndUnknownOutcomesResolveByRetry) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("biopolis-crash-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "crash.db").string();
  const int port = FreePort();

  // The first key, made on the database before the server starts.
  std::string bootstrap_out = (dir / "bootstrap.txt").string();
  std::string cmd = g_biopolisd + " bootstrap-admin-key --db " + db + " --name crash > " + bootstrap_out;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string admin_key;
  {
    std::ifstream in(bootstrap_out);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("bpk_", 0) == 0) admin_key = line;
    }
  }
  ASSERT_FALSE(admin_key.empty());

  Server server(db, port);
  server.Start();
  biopolis::client::ClientOptions options;
  options.target = "127.0.0.1:" + std::to_string(port);
  options.api_key = admin_key;
  options.deadline = std::chrono::seconds(5);
  options.retry.max_attempts = 1;  // the harness itself decides about retries
  std::string officer_key;
  {
    biopolis::client::Client admin(options);
    biopolis::v1::ApiKey key;
    key.set_display_name("crash officer");
    key.set_role(biopolis::v1::ROLE_OFFICER);
    auto created = admin.api_keys().Create(key);
    ASSERT_TRUE(created.ok()) << created.error().ToString();
    officer_key = created->secret();
  }
  options.api_key = officer_key;

  std::mt19937 rng(12345);
  std::atomic<int> counter{0};
  std::vector<std::string> acknowledged_inns;
  std::mutex mu;
  int lost = 0;
  int unknown_resolved = 0;
  for (int cycle = 0; cycle < g_cycles; ++cycle) {
    std::atomic<bool> stop{false};
    std::vector<Attempt> unknown;
    std::vector<std::thread> writers;
    {
      biopolis::client::Client client(options);
      for (int w = 0; w < 3; ++w) {
        writers.emplace_back([&] {
          while (!stop) {
            int n = counter.fetch_add(1);
            Attempt a;
            a.org.set_inn(Inn(n));
            a.org.set_ogrn(Ogrn(n));
            a.org.set_kpp("434501001");
            a.org.set_full_name("Crash test " + std::to_string(n));
            a.org.set_legal_address("Kirov");
            a.request_id = biopolis::client::NewRequestId();
            auto r = client.organizations().Create(a.org, a.request_id);
            {
              std::lock_guard<std::mutex> lock(mu);
              if (r.ok()) {
                acknowledged_inns.push_back(a.org.inn());
              } else {
                unknown.push_back(a);
              }
            }
            // Once the server is gone, do not spin.
            if (!r.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
          }
        });
      }
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
    {
      auto all = client.organizations().List(biopolis::client::ListOptions().PageSize(500)).All();
      ASSERT_TRUE(all.ok()) << "cycle " << cycle << ": " << all.error().ToString();
      std::set<std::string> stored;
      for (const auto& o : *all) stored.insert(o.inn());
      std::lock_guard<std::mutex> lock(mu);
      for (const auto& inn : acknowledged_inns) {
        if (!stored.count(inn)) ++lost;
      }
    }
    // Every write the client did not hear back about resolves by retrying with its request_id.
    for (const auto& a : unknown) {
      auto retry = client.organizations().Create(a.org, a.request_id);
      EXPECT_TRUE(retry.ok()) << "cycle " << cycle << ": " << retry.error().ToString();
      if (retry.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        acknowledged_inns.push_back(a.org.inn());
        ++unknown_resolved;
      }
    }
  }
  server.Stop(SIGTERM);
  std::printf("crash safety: %d cycles, %zu acknowledged writes, %d lost, %d unknown outcomes resolved by retry\n",
              g_cycles, acknowledged_inns.size(), lost, unknown_resolved);
  EXPECT_EQ(lost, 0);
  EXPECT_GT(acknowledged_inns.size(), static_cast<std::size_t>(g_cycles));
  fs::remove_all(dir);
}

}  // namespace

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
