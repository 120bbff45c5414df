// Documents at size, through the real biopolisd and the SDK, in one run:
//   1. dd writing the same bytes with conv=fsync on the same disk (the yardstick);
//   2. the upload of one MIB-MiB document: time, MiB/s, its ratio to dd's,
//      and the server's RSS growth (peak during the upload over its RSS before);
//   3. the download of it: time, MiB/s, RSS growth;
//   4. the latency of other calls (a read: GetApplication; a write:
//      UpdateOrganization) while idle and while another upload runs, from this
//      process (sharing its CPU with the probes) and, with --ctl, from
//      `nice -n 19 biopolisctl documents upload` (a client that does not take
//      the server's CPU, as one on another machine would not): p50/p99.
// Usage: document_bench BIOPOLISD [--mib N] [--dir DIR] [--ctl BIOPOLISCTL]
//   --dir: where the database and the file go (default: a temp folder), i.e.
//   which disk is measured. BENCH_SAMPLES=1 also prints the server's RSS every 100 ms of the upload.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "biopolis/biopolis.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// A field of /proc/PID/status in KiB ("VmRSS", "VmHWM").
long StatusKib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

// Resets the process's peak RSS (VmHWM) to its current RSS.
void ResetPeak(pid_t pid) { std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5"; }

struct Latencies {
  std::vector<double> ms;
  double Percentile(double p) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
  }
};

// Calls `call` back to back until `stop`, recording each latency.
template <typename Fn>
Latencies Probe(std::atomic<bool>& stop, Fn call) {
  Latencies out;
  while (!stop) {
    auto t = Clock::now();
    call();
    out.ms.push_back(Seconds(t) * 1000);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: document_bench BIOPOLISD [--mib N] [--dir DIR]\n");
    return 2;
  }
  const std::string biopolisd = argv[1];
  long mib = 200;
  fs::path dir;
  std::string ctl;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--mib") mib = std::stol(argv[i + 1]);
    if (flag == "--dir") dir = argv[i + 1];
    if (flag == "--ctl") ctl = argv[i + 1];
  }
  const bool own_dir = dir.empty();
  if (own_dir) dir = fs::temp_directory_path() / ("biopolis-docbench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::int64_t bytes = static_cast<std::int64_t>(mib) << 20;

  // The file: a PDF header, then incompressible bytes.
  const fs::path file = dir / "big.pdf";
  {
    std::ofstream out(file, std::ios::binary);
    std::mt19937_64 rng(42);
    std::vector<std::uint64_t> block(1 << 17);  // 1 MiB
    for (long m = 0; m < mib; ++m) {
      for (auto& w : block) w = rng();
      if (m == 0) std::memcpy(block.data(), "%PDF-1.4\n", 9);
      out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(block.size() * 8));
    }
  }

  // 1. dd with conv=fsync on the same disk.
  const std::string dd_cmd =
      "dd if=" + file.string() + " of=" + (dir / "dd.out").string() + " bs=1M conv=fsync status=none";
  auto t = Clock::now();
  if (std::system(dd_cmd.c_str()) != 0) return 1;
  const double dd_s = Seconds(t);
  fs::remove(dir / "dd.out");

  // The server, on its own database with room for the document.
  const fs::path config = dir / "bench.conf";
  std::ofstream(config) << "max_document_mib = " << std::max<long>(mib + 1, 100) << "\nlog_level = warn\n"
                        << "rate_limit_per_second = 0\n";
  const int port = 30000 + static_cast<int>(getpid() % 20000);
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  const std::string db = (dir / "bench.db").string();
  const std::string log = (dir / "server.log").string();
  pid_t pid = fork();
  if (pid == 0) {
    if (freopen(log.c_str(), "w", stdout) == nullptr || freopen(log.c_str(), "a", stderr) == nullptr) _exit(126);
    execl(biopolisd.c_str(), biopolisd.c_str(), "--demo", "--db", db.c_str(), "--listen", listen.c_str(), "--config",
          config.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find("DEMO MODE") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  biopolis::client::ClientOptions resident{.target = listen,
                                           .api_key = "bpk_demo_resident_nzf_00000000000000000000000"};
  resident.deadline = std::chrono::seconds(600);
  biopolis::client::ClientOptions officer = resident;
  officer.api_key = "bpk_demo_officer_00000000000000000000000000000";
  biopolis::client::Documents documents(resident);
  biopolis::client::Applications applications(resident);
  biopolis::client::Organizations organizations(officer);
  std::string parent;
  for (const auto& a : applications.List()) {
    if (a.ok() && a->state() == biopolis::v1::Application::STATE_DRAFT) parent = a->name();
  }
  if (parent.empty()) {
    std::fprintf(stderr, "no draft application in the demo data\n");
    kill(pid, SIGTERM);
    return 1;
  }

  // 2. The upload.
  const long rss_before_up = StatusKib(pid, "VmRSS");
  ResetPeak(pid);
  std::atomic<bool> sampling{true};
  std::vector<long> samples;
  std::thread sampler([&] {
    while (sampling) {
      samples.push_back(StatusKib(pid, "VmRSS"));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  t = Clock::now();
  auto doc = documents.Upload(parent, biopolis::v1::Document::KIND_BUSINESS_PLAN, file);
  sampling = false;
  sampler.join();
  if (std::getenv("BENCH_SAMPLES") != nullptr) {
    for (long k : samples) std::printf("%ld ", k / 1024);
    std::printf("MiB RSS every 100 ms during the upload\n");
  }
  const double up_s = Seconds(t);
  const long peak_up = StatusKib(pid, "VmHWM");
  if (!doc.ok()) {
    std::fprintf(stderr, "upload failed: %s\n", doc.error().ToString().c_str());
    kill(pid, SIGTERM);
    return 1;
  }

  // 3. The download.
  const long rss_before_down = StatusKib(pid, "VmRSS");
  ResetPeak(pid);
  t = Clock::now();
  std::ofstream sink("/dev/null", std::ios::binary);
  auto version = documents.Download(doc->name(), sink);
  const double down_s = Seconds(t);
  const long peak_down = StatusKib(pid, "VmHWM");
  if (!version.ok()) {
    std::fprintf(stderr, "download failed: %s\n", version.error().ToString().c_str());
    kill(pid, SIGTERM);
    return 1;
  }

  // 4. Other calls, idle and during an upload (of other bytes: not deduplicated).
  auto read_call = [&] { (void)applications.Get(parent); };
  int phone = 0;
  auto write_call = [&] {
    biopolis::v1::Organization o;
    o.set_name("organizations/4");
    o.set_contact_phone("+7 8332 " + std::to_string(100000 + (phone++ % 800000)));
    (void)organizations.Update(o, {"contact_phone"});
  };
  enum class Load { kIdle, kUploadHere, kUploadNicedCli };
  int variant = 0;
  auto measure = [&](Load load) {
    std::atomic<bool> stop{false};
    Latencies reads, writes;
    std::thread r([&] { reads = Probe(stop, read_call); });
    std::thread w([&] { writes = Probe(stop, write_call); });
    if (load == Load::kIdle) {
      std::this_thread::sleep_for(std::chrono::seconds(3));
    } else {
      // Other bytes each time, so nothing is deduplicated.
      std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(100);
      f << "variant " << ++variant;
      f.close();
      if (load == Load::kUploadHere) {
        (void)documents.Upload(parent, biopolis::v1::Document::KIND_OTHER, file);
      } else {
        const std::string cmd = "BIOPOLIS_API_KEY=" + resident.api_key + " nice -n 19 " + ctl + " --address " + listen +
                                " --timeout 600 -o name documents upload " + file.string() + " --parent " + parent +
                                " --kind KIND_OTHER > /dev/null";
        if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "the CLI upload failed\n");
      }
    }
    stop = true;
    r.join();
    w.join();
    const char* label = load == Load::kIdle ? "idle" : load == Load::kUploadHere ? "upload, here" : "upload, niced CLI";
    std::printf("  %-17s read p50 %5.2f ms p99 %6.2f ms (%5zu calls)   write p50 %5.2f ms p99 %6.2f ms (%4zu calls)\n",
                label, reads.Percentile(0.5), reads.Percentile(0.99), reads.ms.size(), writes.Percentile(0.5),
                writes.Percentile(0.99), writes.ms.size());
  };

  const double mb = static_cast<double>(bytes) / (1 << 20);
  std::printf("document_bench: %ld MiB on %s\n", mib, dir.c_str());
  std::printf("  dd conv=fsync   %6.2f s  %7.1f MiB/s\n", dd_s, mb / dd_s);
  std::printf("  upload          %6.2f s  %7.1f MiB/s  = %.2f of dd   server RSS +%ld KiB (peak %ld, before %ld)\n",
              up_s, mb / up_s, dd_s / up_s, peak_up - rss_before_up, peak_up, rss_before_up);
  std::printf("  download        %6.2f s  %7.1f MiB/s                 server RSS +%ld KiB (peak %ld, before %ld)\n",
              down_s, mb / down_s, peak_down - rss_before_down, peak_down, rss_before_down);
  std::printf("other calls (GetApplication; UpdateOrganization), back to back on one thread each:\n");
  measure(Load::kIdle);
  measure(Load::kUploadHere);
  if (!ctl.empty()) measure(Load::kUploadNicedCli);

  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  if (own_dir) fs::remove_all(dir);
  return 0;
}
