#include "services/server/metrics_endpoint.h"

#include <httplib.h>

namespace biopolis {

MetricsEndpoint::MetricsEndpoint() = default;

MetricsEndpoint::~MetricsEndpoint() { Stop(); }

Status MetricsEndpoint::Start(const std::string& host_port, Scrape scrape) {
  const auto colon = host_port.rfind(':');
  if (colon == std::string::npos) return Status::InvalidField("metrics_listen", "must be HOST:PORT", "INVALID_CONFIG");
  std::string host = host_port.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const int port = std::atoi(host_port.c_str() + colon + 1);
  server_ = std::make_unique<httplib::Server>();
  server_->Get("/metrics", [scrape = std::move(scrape)](const httplib::Request&, httplib::Response& res) {
    res.set_content(scrape(), "text/plain; version=0.0.4; charset=utf-8");
  });
  port_ = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (port_ <= 0) {
    server_.reset();
    return Status::Unavailable("cannot listen for metrics on " + host_port + " (in use, or not a local address?)");
  }
  thread_ = std::thread([s = server_.get()] { s->listen_after_bind(); });
  return Status::Ok();
}

void MetricsEndpoint::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

}  // namespace biopolis
