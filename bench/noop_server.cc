// A no-op gRPC server built with the same toolchain, flags and gRPC library as
// biopolisd, and wired the same way (callback API, same channel arguments): it
// echoes each request. The load generator's `noop` scenario against it is the
// transport's limit on this machine, the denominator of every ratio in
// docs/PERFORMANCE.md.
//
// --work-us N makes each call first burn N microseconds of CPU in the handler,
// standing in for a handler's own work: how the transport's cost per call grows
// with the time a handler takes (docs/PERFORMANCE.md).
//
//   noop_server --listen 127.0.0.1:0 [--work-us N]   (prints "noop_server listening on PORT")
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include "noop.grpc.pb.h"

namespace {

// Spins on the thread's CPU clock for `us` microseconds (CPU time, not wall
// time, so a preempted handler still does the whole amount of work).
void BurnCpu(int us) {
  if (us <= 0) return;
  timespec start{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
  for (;;) {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    long long elapsed_ns = (now.tv_sec - start.tv_sec) * 1000000000LL + (now.tv_nsec - start.tv_nsec);
    if (elapsed_ns >= us * 1000LL) return;
  }
}

class NoopService final : public biopolis::bench::NoopService::CallbackService {
 public:
  explicit NoopService(int work_us) : work_us_(work_us) {}

 private:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const biopolis::bench::EchoMessage* request,
                                 biopolis::bench::EchoMessage* response) override {
    BurnCpu(work_us_);
    *response = *request;
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  int work_us_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:0";
  int work_us = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--listen") == 0) listen = argv[i + 1];
    if (std::strcmp(argv[i], "--work-us") == 0) work_us = std::atoi(argv[i + 1]);
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  NoopService service(work_us);
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 2 * 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 60 * 1000);
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  if (!server || port == 0) {
    std::fprintf(stderr, "noop_server: cannot listen on %s\n", listen.c_str());
    return 1;
  }
  std::printf("noop_server listening on %d\n", port);
  std::fflush(stdout);
  int signal = 0;
  sigwait(&signals, &signal);
  server->Shutdown();
  return 0;
}
