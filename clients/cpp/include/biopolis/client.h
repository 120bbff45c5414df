// The Biopolis C++ SDK's Client: every service client behind one object
// over one connection. This header is light: it declares the service clients
// without their messages; include the headers of the services a file calls
// (<biopolis/applications.h>, <biopolis/land.h>, ...), or <biopolis/biopolis.h>
// for all of them. A service client also works alone, without a Client:
//
//   #include <biopolis/applications.h>
//   biopolis::client::Applications applications({.target = "127.0.0.1:50051", .api_key = key});
//   auto app = applications.Submit("applications/7");
//   if (!app) std::cerr << app.error().ToString() << "\n";
//
// Every call carries the API key as `authorization: Bearer <key>` and a
// deadline. Mutations carry a fresh request_id (UUID) unless the caller sets
// one; failed attempts worth another (RetryPolicy in <biopolis/options.h>)
// are retried with jittered exponential backoff, a mutation with the same
// request_id, so the server applies it at most once. ABORTED (stale etag) is
// never retried: re-read and decide. Per-call options:
// client.applications().With({.deadline = ..., .cancel = token}).Submit(...).
//
// Thread-safety: a Client is safe to share between threads; its connection
// multiplexes concurrent calls. Service clients, pagers and event streams
// keep the connection alive, so they may outlive the Client.
#pragma once

#include <memory>

#include "biopolis/connection.h"
#include "biopolis/options.h"

namespace biopolis::client {

class ApiKeys;
class Applications;
class Audit;
class Backups;
class Documents;
class Events;
class PublicRegistry;
class RegistryExtracts;
class SigningKeyAdmin;
class Land;
class Organizations;
class Policies;
class Reporting;
class Residents;
class ServiceDesk;
class Support;

class Client {
 public:
  // Over a new gRPC connection to options.target.
  explicit Client(ClientOptions options);
  // Over `connection` (e.g. a testing::MockConnection); `options` gives the
  // key, deadline and retry policy.
  Client(std::shared_ptr<Connection> connection, ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Organizations& organizations() { return *organizations_; }
  Applications& applications() { return *applications_; }
  Residents& residents() { return *residents_; }
  Policies& policies() { return *policies_; }
  ApiKeys& api_keys() { return *api_keys_; }
  Backups& backups() { return *backups_; }
  Audit& audit() { return *audit_; }
  Land& land() { return *land_; }
  Support& support() { return *support_; }
  ServiceDesk& service_desk() { return *service_desk_; }
  Reporting& reporting() { return *reporting_; }
  Events& events() { return *events_; }
  Documents& documents() { return *documents_; }
  RegistryExtracts& extracts() { return *extracts_; }
  PublicRegistry& public_registry() { return *public_registry_; }
  SigningKeyAdmin& signing_keys() { return *signing_keys_; }

 private:
  std::shared_ptr<Connection> connection_;
  std::unique_ptr<Organizations> organizations_;
  std::unique_ptr<Applications> applications_;
  std::unique_ptr<Residents> residents_;
  std::unique_ptr<Policies> policies_;
  std::unique_ptr<ApiKeys> api_keys_;
  std::unique_ptr<Backups> backups_;
  std::unique_ptr<Audit> audit_;
  std::unique_ptr<Land> land_;
  std::unique_ptr<Support> support_;
  std::unique_ptr<ServiceDesk> service_desk_;
  std::unique_ptr<Reporting> reporting_;
  std::unique_ptr<Events> events_;
  std::unique_ptr<Documents> documents_;
  std::unique_ptr<RegistryExtracts> extracts_;
  std::unique_ptr<PublicRegistry> public_registry_;
  std::unique_ptr<SigningKeyAdmin> signing_keys_;
};

}  // namespace biopolis::client
