// biopolisd assembled: the SQLite store, the domain, the gRPC handlers, the
// health and reflection services, and the scheduler of timed transitions.
// Used by the binary and, in-process on a loopback port, by the tests.
//
// Thread-safety: Shutdown() may be called from any thread, once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "services/server/server_options.h"

namespace grpc {
class Server;
}

namespace biopolis {

// The full names of the biopolis.v1 services biopolisd serves (health reports
// each; tests walk their methods).
const std::vector<std::string>& ServedServiceNames();

class Store;
class SqliteStore;
class Domain;
class CallGate;
class OrganizationHandler;
class ApplicationHandler;
class ResidentHandler;
class PolicyHandler;
class AdminHandler;
class AuditHandler;
class LandHandler;
class SupportHandler;
class ServiceDeskHandler;
class ReportingHandler;
class StatisticsHandler;
class EventHandler;
class EventHub;
class DocumentHandler;
class PublicRegistryHandler;
class RegistryExtractHandler;
class MetricsEndpoint;

class BiopolisServer {
 public:
  // Opens the database, builds and starts the server. `clock` (not owned)
  // replaces the system clock, for tests; it must outlive the server.
  static Result<std::unique_ptr<BiopolisServer>> Start(const ServerOptions& options, const Clock* clock = nullptr);
  ~BiopolisServer();

  // The bound port (useful with "127.0.0.1:0").
  int port() const { return port_; }
  Domain& domain() { return *domain_; }

  // Marks health NOT_SERVING, lets in-flight calls finish within the grace
  // period, stops the scheduler and closes the database.
  void Shutdown();
  // Blocks until the server has shut down.
  void Wait();
  // Persists timed transitions now (the scheduler does it periodically).
  Status RunTimedTransitions();
  // The Prometheus text exposition of the server's figures (what GET /metrics serves).
  std::string ScrapeMetrics();
  // The metrics endpoint's bound port (0: off).
  int metrics_port() const;

 private:
  BiopolisServer() = default;
  void SchedulerLoop(int interval_seconds);
  // Every health_check_interval_ms: SERVING while a read reaches the
  // database, NOT_SERVING while it cannot (logged at each change).
  void HealthLoop();

  ServerOptions options_;
  std::unique_ptr<Clock> owned_clock_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<Store> store_;
  // The same store when it is SQLite (its file metrics), else null.
  SqliteStore* sqlite_store_ = nullptr;
  // Where the database is, as logs may show it.
  std::string database_display_;
  std::unique_ptr<Domain> domain_;
  std::unique_ptr<CallGate> gate_;
  std::unique_ptr<OrganizationHandler> organizations_;
  std::unique_ptr<ApplicationHandler> applications_;
  std::unique_ptr<ResidentHandler> residents_;
  std::unique_ptr<PolicyHandler> policies_;
  std::unique_ptr<AdminHandler> admin_;
  std::unique_ptr<AuditHandler> audit_;
  std::unique_ptr<LandHandler> land_;
  std::unique_ptr<SupportHandler> support_;
  std::unique_ptr<ServiceDeskHandler> service_desk_;
  std::unique_ptr<ReportingHandler> reporting_;
  std::unique_ptr<StatisticsHandler> statistics_;
  std::unique_ptr<EventHub> event_hub_;
  std::unique_ptr<EventHandler> events_;
  std::unique_ptr<DocumentHandler> documents_;
  std::unique_ptr<RegistryExtractHandler> extracts_;
  std::unique_ptr<PublicRegistryHandler> public_registry_;
  std::unique_ptr<MetricsEndpoint> metrics_;
  double start_time_seconds_ = 0;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool shut_down_ = false;
  std::thread scheduler_;
  // Checks the database for the health service (HealthLoop).
  std::thread health_;
  std::chrono::steady_clock::time_point next_checkpoint_{};
};

}  // namespace biopolis
