// The Prometheus endpoint: GET /metrics on its own HTTP listener (separate
// from the gRPC port), served by cpp-httplib (Debian's libcpp-httplib-dev: a
// small, maintained HTTP/1.1 server, so no HTTP parsing of our own). Every
// other path is 404. One thread, started and stopped with the server.
// Thread-safety: Start and Stop from one thread; `scrape` may run on the
// endpoint's thread at any time between them.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/status.h"

namespace httplib {
class Server;
}

namespace biopolis {

class MetricsEndpoint {
 public:
  using Scrape = std::function<std::string()>;

  MetricsEndpoint();
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // Listens on `host_port` ("127.0.0.1:9464"; port 0 picks one) and serves
  // `scrape()`'s text as format 0.0.4. UNAVAILABLE when it cannot listen.
  Status Start(const std::string& host_port, Scrape scrape);
  void Stop();
  int port() const { return port_; }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace biopolis
