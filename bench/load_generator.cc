// Closed-loop load against a running biopolisd over loopback, with gRPC's
// callback client API: N virtual users over C channels, each issuing its next
// call when the previous completes, for a fixed time. Prints QPS, p50/p90/p99/
// max latency, the load generator's own CPU time per request and, given the
// server's pid, the server's CPU time per request and peak RSS.
//
// Scenarios: get (GetApplication), list (ListPlots, a page of 50 with a filter),
// write (CreateServiceRequest: a durable write with a fresh request_id), mixed
// (90% get, 10% write), noop (NoopService.Echo of a 16-byte message against
// bench/noop_server: the transport's limit — no authentication, no database).
//
//   load_generator --target 127.0.0.1:50051 --officer KEY --resident KEY --scenario get
//                  --concurrency 64 --seconds 10 [--channels 4] [--server-pid PID] [--get-ids N]
// --target and --server-pid take comma-separated lists: several servers on one
// database (PostgreSQL) share the load, channel i going to target i mod N, and
// the server CPU and memory figures are the sums over their processes.
// --database-pid PID (PostgreSQL's postmaster): also prints the CPU its
// processes (the connections' backends, the WAL writer...) spent per request,
// the part of a request's cost a SQLite server spends in its own process.
//                  [--rss-every SECONDS]
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/application.grpc.pb.h"
#include "biopolis/v1/land.grpc.pb.h"
#include "biopolis/v1/service_desk.grpc.pb.h"
#include "noop.grpc.pb.h"

namespace {

namespace v1 = ::biopolis::v1;
using SteadyClock = std::chrono::steady_clock;

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

struct Options {
  std::vector<std::string> targets = {"127.0.0.1:50051"};
  std::string officer;
  std::string resident;
  std::string scenario = "get";
  int concurrency = 8;
  int channels = 4;
  double seconds = 5;
  std::vector<int> server_pids;
  int database_pid = 0;
  // get reads applications/1 .. applications/<get_ids>, uniformly at random.
  long long get_ids = 1;
  // > 0: print the server's current RSS every this many seconds (soak runs).
  double rss_every = 0;
};

// utime + stime of a process, in seconds.
double CpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoll(field);
    if (i == 15) stime = std::stoll(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU of `parent` and of its child processes alive now, in seconds.
double TreeCpuSeconds(int parent) {
  double sum = CpuSeconds(parent);
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 2));
    std::string state;
    int ppid = 0;
    if (rest >> state >> ppid && ppid == parent) sum += CpuSeconds(std::stoi(name));
  }
  return sum;
}

// A memory figure of a process from /proc/PID/status ("VmHWM:" peak, "VmRSS:" now), in MiB.
double StatusMiB(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::stod(line.substr(field.size())) / 1024.0;
  }
  return 0;
}

class Load {
 public:
  explicit Load(const Options& o) : o_(o) {
    for (int i = 0; i < o.channels; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("grpc.channel_id", i);  // distinct channels, distinct connections
      auto channel = grpc::CreateCustomChannel(o.targets[static_cast<std::size_t>(i) % o.targets.size()],
                                               grpc::InsecureChannelCredentials(), args);
      apps_.push_back(v1::ApplicationService::NewStub(channel));
      land_.push_back(v1::LandService::NewStub(channel));
      desk_.push_back(v1::ServiceDeskService::NewStub(channel));
      noop_.push_back(biopolis::bench::NoopService::NewStub(channel));
    }
  }

  void Run() {
    deadline_ = SteadyClock::now() +
                std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(o_.seconds));
    active_ = o_.concurrency;
    for (int u = 0; u < o_.concurrency; ++u) Issue(u);
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [this] { return active_ == 0; });
  }

  std::vector<double> latencies_ms;
  long long errors = 0;
  std::string first_error;

 private:
  void Record(SteadyClock::time_point start, const grpc::Status& st, int user) {
    double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
    bool more;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (st.ok()) {
        latencies_ms.push_back(ms);
      } else {
        ++errors;
        if (first_error.empty()) first_error = st.error_message();
      }
      more = SteadyClock::now() < deadline_;
      if (!more && --active_ == 0) done_cv_.notify_all();
    }
    if (more) Issue(user);
  }

  void Issue(int user) {
    std::size_t ch = static_cast<std::size_t>(user % o_.channels);
    std::string kind = o_.scenario;
    if (kind == "mixed") kind = (Next() % 10 == 0) ? "write" : "get";
    auto start = SteadyClock::now();
    auto done = [this, start, user](grpc::Status st) { Record(start, st, user); };
    if (kind == "get") {
      auto* c = NewCall<v1::GetApplicationRequest, v1::Application>(o_.officer);
      c->req.set_name("applications/" + std::to_string(1 + static_cast<long long>(Next()) % o_.get_ids));
      apps_[ch]->async()->GetApplication(&c->ctx, &c->req, &c->resp, c->Finisher(done));
    } else if (kind == "list") {
      auto* c = NewCall<v1::ListPlotsRequest, v1::ListPlotsResponse>(o_.officer);
      c->req.set_page_size(50);
      c->req.set_filter("state = \"STATE_AVAILABLE\" AND area_m2 >= 1000");
      land_[ch]->async()->ListPlots(&c->ctx, &c->req, &c->resp, c->Finisher(done));
    } else if (kind == "write") {
      auto* c = NewCall<v1::CreateServiceRequestRequest, v1::ServiceRequest>(o_.resident);
      c->req.mutable_service_request()->set_service_type("serviceTypes/1");
      c->req.mutable_service_request()->set_description("load test");
      c->req.set_request_id(biopolis::client::NewRequestId());
      desk_[ch]->async()->CreateServiceRequest(&c->ctx, &c->req, &c->resp, c->Finisher(done));
    } else {  // noop: an echo, no credentials
      auto* c = new Call<biopolis::bench::EchoMessage, biopolis::bench::EchoMessage>;
      c->req.set_payload("0123456789abcdef");
      noop_[ch]->async()->Echo(&c->ctx, &c->req, &c->resp, c->Finisher(done));
    }
  }

  // One call in flight: owns its context and messages until its completion runs.
  template <typename Req, typename Resp>
  struct Call {
    grpc::ClientContext ctx;
    Req req;
    Resp resp;
    // The completion callback: deletes the call, then reports its status.
    std::function<void(grpc::Status)> Finisher(std::function<void(grpc::Status)> done) {
      return [this, done](grpc::Status st) {
        delete this;
        done(std::move(st));
      };
    }
  };

  template <typename Req, typename Resp>
  Call<Req, Resp>* NewCall(const std::string& key) {
    auto* c = new Call<Req, Resp>;
    c->ctx.AddMetadata("authorization", "Bearer " + key);
    return c;
  }

  unsigned Next() {
    std::lock_guard<std::mutex> lock(rng_mu_);
    return static_cast<unsigned>(rng_());
  }

  const Options& o_;
  std::vector<std::unique_ptr<v1::ApplicationService::Stub>> apps_;
  std::vector<std::unique_ptr<v1::LandService::Stub>> land_;
  std::vector<std::unique_ptr<v1::ServiceDeskService::Stub>> desk_;
  std::vector<std::unique_ptr<biopolis::bench::NoopService::Stub>> noop_;
  SteadyClock::time_point deadline_;
  std::mutex mu_;
  std::condition_variable done_cv_;
  int active_ = 0;
  std::mutex rng_mu_;
  std::mt19937 rng_{42};
};

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[i];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string f = argv[i];
    std::string v = argv[i + 1];
    if (f == "--target")
      o.targets = SplitCommas(v);
    else if (f == "--officer")
      o.officer = v;
    else if (f == "--resident")
      o.resident = v;
    else if (f == "--scenario")
      o.scenario = v;
    else if (f == "--concurrency")
      o.concurrency = std::stoi(v);
    else if (f == "--channels")
      o.channels = std::stoi(v);
    else if (f == "--seconds")
      o.seconds = std::stod(v);
    else if (f == "--server-pid")
      for (const auto& pid : SplitCommas(v)) o.server_pids.push_back(std::stoi(pid));
    else if (f == "--database-pid")
      o.database_pid = std::stoi(v);
    else if (f == "--rss-every")
      o.rss_every = std::stod(v);
    else if (f == "--get-ids")
      o.get_ids = std::max(1LL, std::stoll(v));
  }
  if (o.targets.empty()) {
    std::fprintf(stderr, "load_generator: --target names no server\n");
    return 2;
  }
  o.channels = std::max(o.channels, static_cast<int>(o.targets.size()));
  auto servers_cpu = [&o] {
    double sum = 0;
    for (int pid : o.server_pids) sum += CpuSeconds(pid);
    return sum;
  };
  auto servers_mib = [&o](const std::string& field) {
    double sum = 0;
    for (int pid : o.server_pids) sum += StatusMiB(pid, field);
    return sum;
  };
  double cpu_before = servers_cpu();
  double database_cpu_before = o.database_pid ? TreeCpuSeconds(o.database_pid) : 0;
  double own_cpu_before = CpuSeconds(getpid());
  Load load(o);
  auto start = SteadyClock::now();
  std::atomic<bool> running{true};
  std::thread sampler;
  if (!o.server_pids.empty() && o.rss_every > 0) {
    sampler = std::thread([&] {
      auto next = start;
      while (running) {
        next += std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(o.rss_every));
        while (running && SteadyClock::now() < next) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (!running) break;
        std::printf("  t=%5.0fs server_rss=%.1fMiB\n",
                    std::chrono::duration<double>(SteadyClock::now() - start).count(), servers_mib("VmRSS:"));
        std::fflush(stdout);
      }
    });
  }
  load.Run();
  running = false;
  if (sampler.joinable()) sampler.join();
  double elapsed = std::chrono::duration<double>(SteadyClock::now() - start).count();
  double cpu = servers_cpu() - cpu_before;
  double database_cpu = o.database_pid ? TreeCpuSeconds(o.database_pid) - database_cpu_before : 0;
  double own_cpu = CpuSeconds(getpid()) - own_cpu_before;
  auto& l = load.latencies_ms;
  std::sort(l.begin(), l.end());
  double qps = static_cast<double>(l.size()) / elapsed;
  std::printf("%-6s c=%-3d qps=%.0f p50=%7.2fms p90=%7.2fms p99=%7.2fms max=%7.2fms errors=%lld", o.scenario.c_str(),
              o.concurrency, qps, Percentile(l, 0.5), Percentile(l, 0.9), Percentile(l, 0.99),
              l.empty() ? 0.0 : l.back(), load.errors);
  if (!o.server_pids.empty()) {
    std::printf(" server_cpu_per_req=%.1fus server_peak_rss=%.1fMiB",
                l.empty() ? 0.0 : cpu / static_cast<double>(l.size()) * 1e6, servers_mib("VmHWM:"));
  }
  if (o.database_pid) {
    std::printf(" database_cpu_per_req=%.1fus", l.empty() ? 0.0 : database_cpu / static_cast<double>(l.size()) * 1e6);
  }
  std::printf(" client_cpu_per_req=%.1fus\n", l.empty() ? 0.0 : own_cpu / static_cast<double>(l.size()) * 1e6);
  if (!load.first_error.empty()) std::printf("  first error: %s\n", load.first_error.c_str());
  return load.errors > 0 && l.empty() ? 1 : 0;
}
