// biopolisd's configuration: defaults, the config file, and checks.
//
// The config file is plain `key = value` lines; `#` starts a comment. Keys
// are the long flag names (listen, db, log_level, ...); flags given on the
// command line override the file. See docs/CONFIG.md.
#pragma once

#include <map>
#include <string>

#include "core/caller.h"
#include "core/status.h"

namespace biopolis {

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";
  std::string db = "biopolis.db";
  // Where the zone's database is, as a URL: sqlite:///PATH or
  // postgresql://USER@HOST/DB (storage/database_url.h). Empty: the SQLite
  // file `db` (the two are the same setting; `database` wins when both are set).
  std::string database;
  std::string log_level = "info";  // trace, debug, info, warn, error
  // text (people) or json (log shippers: one object per line).
  std::string log_format = "text";
  // PEM files; both set = TLS on the listener.
  std::string tls_cert;
  std::string tls_key;
  // Mutual TLS (optional): a PEM CA bundle. When set, clients may present a
  // certificate; one that does not verify against this CA is refused at the
  // handshake. A verified certificate whose common name is a key of
  // client_certificate_roles authenticates its calls without an API key.
  std::string tls_client_ca;
  // Common name -> role (administrator, officer or auditor; a resident is
  // bound to an organization and uses a key). Config file syntax:
  //   client_certificate_roles = ministry-backoffice=officer, audit-chamber=auditor
  std::map<std::string, Role> client_certificate_roles;
  // Allows a non-loopback address without TLS.
  bool insecure = false;
  // Seeds demo data into an empty database and prints the demo keys.
  bool demo = false;
  int reader_connections = 4;
  // Group commit in the single writer (several units of work per durable
  // COMMIT). Off only to measure what it gains (bench/run_load.sh).
  bool group_commit = true;
  // Largest request message. The default leaves room for a document upload's
  // 1 MiB chunk and its framing.
  int max_receive_message_bytes = (1 << 20) + (64 << 10);
  // Largest request metadata (headers) accepted; beyond it the call fails
  // with RESOURCE_EXHAUSTED before any of our code runs.
  int max_metadata_bytes = 16 * 1024;
  int shutdown_grace_seconds = 10;
  // How often timed transitions (lapses) are persisted.
  int timed_transition_interval_seconds = 30;
  // Calls in progress at once; beyond it RESOURCE_EXHAUSTED (SERVER_BUSY).
  int max_concurrent_calls = 512;
  // Per API key: average calls a second (0 disables) and burst (RATE_LIMITED beyond).
  int rate_limit_per_second = 100;
  int rate_limit_burst = 200;
  // Failed authentications per peer address: average a second (0 disables)
  // and burst; past it, only recently authenticated keys are answered from
  // that address (AUTHENTICATION_RATE_LIMITED for others).
  int failed_auth_per_second = 2;
  int failed_auth_burst = 20;
  // HTTP/2 streams one connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS).
  int max_streams_per_connection = 100;
  // Memory gRPC may use for connections, streams and buffered messages (its
  // ResourceQuota): past it, reads are paused and new streams refused.
  int grpc_memory_mib = 128;
  // Threads gRPC may run for callbacks and I/O (ResourceQuota).
  int grpc_max_threads = 64;
  // PRAGMA quick_check at start (refuses a damaged database); off only to
  // start a very large database faster when it was just checked.
  bool startup_check = true;
  // The zone's Ed25519 signing keys (a folder, 0700, one 0600 file per key;
  // created with a first key when missing). Empty: `<db>.keys` beside the database.
  std::string signing_keys_dir;
  // Signed audit checkpoints are appended to this file. Empty: `<db>.checkpoints`.
  std::string audit_checkpoint_file;
  // How often a checkpoint is written (when the log moved); also at shutdown.
  int audit_checkpoint_interval_seconds = 300;
  // How often the database is checked for the health service: NOT_SERVING
  // while a read cannot reach it (PostgreSQL down, a failover), SERVING again
  // after. Milliseconds.
  int health_check_interval_ms = 1000;
  // The Prometheus endpoint (GET /metrics), HOST:PORT; empty: off. Loopback
  // only unless `insecure` (it has no TLS and no authentication: put it
  // behind the scraper's network or a TLS proxy).
  std::string metrics_listen;
  // Largest document (one version), MiB.
  int max_document_mib = 100;
  // What one organization's documents may take in all, MiB (identical
  // content counted once).
  int document_quota_mib = 5 * 1024;
};

// Applies the file's settings on top of `options`. INVALID_ARGUMENT names the
// line of an unknown key or a bad value.
Status LoadConfigFile(const std::string& path, ServerOptions& options);

// Parses "name=role, name=role" (roles: admin, officer, auditor) into `out`.
// INVALID_ARGUMENT naming the pair: a malformed pair, an empty name, another
// role, or a name given twice.
Status ParseCertificateRoles(const std::string& text, std::map<std::string, Role>& out);

// Checks values and the exposure rule: a non-loopback listen address needs TLS
// or --insecure; demo mode is only for a loopback address.
Status ValidateServerOptions(const ServerOptions& options);

// True for 127.0.0.0/8, ::1 and localhost (with a port). The host is parsed
// as an address (inet_pton), never matched by prefix: "127.0.0.1.example.com"
// is not loopback.
bool IsLoopbackAddress(const std::string& host_port);

// Checks that the TLS files hold what they should: a PEM certificate chain, a
// PEM private key that belongs to it, and (when set) a PEM CA bundle.
// INVALID_ARGUMENT names the file and the cause.
Status CheckTlsFiles(const ServerOptions& options);

}  // namespace biopolis
