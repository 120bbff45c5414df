// A no-op gRPC server built with the same toolchain, flags and gRPC library as
// biopolisd, and wired the same way (callback API, same channel arguments): it
// echoes each request. The load generator's `noop` scenario against it is the
// transport's limit on this machine, the denominator of every ratio in
// docs/PERFORMANCE.md.
//
//   noop_server --listen 127.0.0.1:0      (prints "noop_server listening on PORT")
#include <grpcpp/grpcpp.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "noop.grpc.pb.h"

namespace {

class NoopService final : public biopolis::bench::NoopService::CallbackService {
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const biopolis::bench::EchoMessage* request,
                                 biopolis::bench::EchoMessage* response) override {
    *response = *request;
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:0";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--listen") == 0) listen = argv[i + 1];
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  NoopService service;
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
