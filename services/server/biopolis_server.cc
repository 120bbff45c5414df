#include "services/server/biopolis_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <netdb.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/audit_checkpoint_file.h"
#include "services/api/admin_handlers.h"
#include "services/api/application_handler.h"
#include "services/api/call_gate.h"
#include "services/api/document_handler.h"
#include "services/api/event_handler.h"
#include "services/api/extract_handler.h"
#include "services/api/land_handler.h"
#include "services/api/organization_handler.h"
#include "services/api/reporting_handler.h"
#include "services/api/resident_handler.h"
#include "services/api/service_desk_handler.h"
#include "services/api/support_handler.h"
#include "services/domain/domain.h"
#include "services/server/metrics_endpoint.h"
#include "services/server/process_stats.h"
#include "storage/database_url.h"
#include "storage/open_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace biopolis {

const std::vector<std::string>& ServedServiceNames() {
  static const std::vector<std::string> kNames = {
      "biopolis.v1.OrganizationService", "biopolis.v1.ApplicationService",     "biopolis.v1.ResidentService",
      "biopolis.v1.PolicyService",       "biopolis.v1.AdminService",           "biopolis.v1.AuditService",
      "biopolis.v1.LandService",         "biopolis.v1.SupportService",         "biopolis.v1.ServiceDeskService",
      "biopolis.v1.ReportingService",    "biopolis.v1.StatisticsService",      "biopolis.v1.EventService",
      "biopolis.v1.DocumentService",     "biopolis.v1.RegistryExtractService", "biopolis.v1.PublicRegistryService",
  };
  return kNames;
}

namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot read " + path, "FILE_NOT_FOUND");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Why gRPC could not listen on `host_port` (it logs the cause but does not
// return it): binds a socket to the same address and reports the error.
std::string WhyCannotListen(const std::string& host_port) {
  std::string host = host_port;
  std::string port;
  if (auto colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return std::string("cannot resolve the address: ") + gai_strerror(rc);
  }
  std::string why = "unknown cause (see gRPC's log above)";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) {
      why = std::strerror(errno);
      continue;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0) why = std::strerror(errno);
    close(fd);
  }
  freeaddrinfo(found);
  return why;
}

}  // namespace

Result<std::unique_ptr<BiopolisServer>> BiopolisServer::Start(const ServerOptions& options, const Clock* clock) {
  const auto started = std::chrono::steady_clock::now();
  BIOPOLIS_RETURN_IF_ERROR(ValidateServerOptions(options));
  BIOPOLIS_RETURN_IF_ERROR(CheckTlsFiles(options));
  std::unique_ptr<BiopolisServer> s(new BiopolisServer());
  s->options_ = options;
  s->start_time_seconds_ = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (clock == nullptr) {
    s->owned_clock_ = std::make_unique<SystemClock>();
    clock = s->owned_clock_.get();
  }
  s->clock_ = clock;

  BIOPOLIS_ASSIGN_OR_RETURN(DatabaseLocation location,
                            ParseDatabaseUrl(options.database.empty() ? "sqlite://" + options.db : options.database));
  s->database_display_ = location.display;
  BIOPOLIS_ASSIGN_OR_RETURN(s->store_, OpenStore(location, {.readers = options.reader_connections,
                                                            .group_commit = options.group_commit,
                                                            .integrity_check_at_open = options.startup_check}));
  s->sqlite_store_ = dynamic_cast<SqliteStore*>(s->store_.get());
  s->domain_ = std::make_unique<Domain>(*s->store_, *clock,
                                        DocumentLimits{static_cast<std::int64_t>(options.max_document_mib) << 20,
                                                       static_cast<std::int64_t>(options.document_quota_mib) << 20});
  {
    // Uploads a crash or kill cut short left staging bytes: none is referenced.
    BIOPOLIS_ASSIGN_OR_RETURN(auto discarded, s->domain_->documents.DiscardUnfinishedUploads());
    if (discarded > 0) spdlog::info("discarded {} unfinished document upload(s) from before the restart", discarded);
  }
  {
    // Beside the SQLite file by default; on PostgreSQL beside `db` (set both
    // explicitly there: several instances share one keys directory).
    const std::string files_beside = location.kind == DatabaseLocation::Kind::kSqlite ? location.target : options.db;
    const std::string keys_dir = options.signing_keys_dir.empty() ? files_beside + ".keys" : options.signing_keys_dir;
    const std::string checkpoints =
        options.audit_checkpoint_file.empty() ? files_beside + ".checkpoints" : options.audit_checkpoint_file;
    BIOPOLIS_ASSIGN_OR_RETURN(auto keys, SigningKeys::Open(keys_dir));
    // The latest checkpoint must still match the log: a log truncated or
    // rewritten while the server was stopped is reported before it serves.
    auto written = ReadCheckpoints(checkpoints);
    if (!written.empty()) {
      const AuditCheckpoint& last = written.back();
      std::string hash_then;
      auto head = s->store_->Read([&](Transaction& tx) {
        ListQuery q;
        q.order_field = "sequence";
        q.page_size = 1;
        q.conditions = {{"sequence", CompareOp::kEq, last.sequence}};
        auto page = tx.journal().ListAudit(q);
        if (!page.items.empty()) hash_then = page.items.front().hash;
        return Status::Ok();
      });
      if (head.ok() && (hash_then != last.hash || !CheckpointSignatureValid(last))) {
        spdlog::error(
            "AUDIT LOG DOES NOT MATCH ITS LAST SIGNED CHECKPOINT (sequence {} in {}): the log was truncated or "
            "rewritten, or the database was restored from an older backup. Run `biopolisctl audit verify "
            "--checkpoint {}` and see docs/OPERATIONS.md.",
            last.sequence, checkpoints, checkpoints);
      }
    }
    s->domain_->audit.EnableCheckpoints(keys, checkpoints);
    s->domain_->extracts.EnableSigning(keys);
    BIOPOLIS_RETURN_IF_ERROR(s->domain_->audit.Checkpoint().status());
    s->next_checkpoint_ =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.audit_checkpoint_interval_seconds);
  }
  // The well-known demo keys authenticate only in demo mode, which
  // ValidateServerOptions allows on a loopback address only.
  s->domain_->keys.set_demo_keys_accepted(options.demo);
  if (!options.demo) {
    auto demo_keys = s->domain_->keys.CountDemoKeys();
    if (demo_keys.ok() && *demo_keys > 0) {
      spdlog::error(
          "SECURITY: the database holds {} unrevoked demo key(s) (bpk_demo_...) from a --demo run; they are REFUSED "
          "outside demo mode. Revoke them (biopolisctl keys list / keys revoke) or start from a fresh database.",
          *demo_keys);
    }
  }
  CallLimits limits;
  limits.max_concurrent_calls = options.max_concurrent_calls;
  limits.per_key_per_second = options.rate_limit_per_second;
  limits.per_key_burst = options.rate_limit_burst;
  limits.failed_auth_per_second = options.failed_auth_per_second;
  limits.failed_auth_burst = options.failed_auth_burst;
  limits.record_metrics = !options.metrics_listen.empty();
  s->gate_ = std::make_unique<CallGate>(*s->domain_, limits, options.client_certificate_roles);
  s->organizations_ = std::make_unique<OrganizationHandler>(*s->gate_);
  s->applications_ = std::make_unique<ApplicationHandler>(*s->gate_);
  s->residents_ = std::make_unique<ResidentHandler>(*s->gate_);
  s->policies_ = std::make_unique<PolicyHandler>(*s->gate_);
  s->admin_ = std::make_unique<AdminHandler>(*s->gate_);
  s->audit_ = std::make_unique<AuditHandler>(*s->gate_);
  s->land_ = std::make_unique<LandHandler>(*s->gate_);
  s->support_ = std::make_unique<SupportHandler>(*s->gate_);
  s->service_desk_ = std::make_unique<ServiceDeskHandler>(*s->gate_);
  s->reporting_ = std::make_unique<ReportingHandler>(*s->gate_);
  s->statistics_ = std::make_unique<StatisticsHandler>(*s->gate_);
  s->event_hub_ = std::make_unique<EventHub>(s->domain_->events);
  s->store_->SetCommitListener([hub = s->event_hub_.get()] { hub->Notify(); });
  s->events_ = std::make_unique<EventHandler>(*s->gate_, *s->event_hub_);
  s->documents_ = std::make_unique<DocumentHandler>(*s->gate_);
  s->extracts_ = std::make_unique<RegistryExtractHandler>(*s->gate_);
  s->public_registry_ = std::make_unique<PublicRegistryHandler>(*s->gate_);

  std::shared_ptr<grpc::ServerCredentials> creds;
  if (!options.tls_cert.empty()) {
    BIOPOLIS_ASSIGN_OR_RETURN(auto cert, ReadFile(options.tls_cert));
    BIOPOLIS_ASSIGN_OR_RETURN(auto key, ReadFile(options.tls_key));
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({key, cert});
    if (!options.tls_client_ca.empty()) {
      BIOPOLIS_ASSIGN_OR_RETURN(auto ca, ReadFile(options.tls_client_ca));
      ssl.pem_root_certs = ca;
      // A certificate is optional (API keys still work) but must verify when presented.
      ssl.client_certificate_request = GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY;
    }
    creds = grpc::SslServerCredentials(ssl);
  } else {
    creds = grpc::InsecureServerCredentials();
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, creds, &s->port_);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_METADATA_SIZE, options.max_metadata_bytes);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 2 * 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS, 30 * 60 * 1000);
  // Bounds on what unauthenticated peers can make the server hold: streams
  // per connection (a flood of HEADERS without END_STREAM is refused past
  // it), a handshake deadline, and one memory and thread quota for all of
  // gRPC's buffers and callbacks.
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_streams_per_connection);
  builder.AddChannelArgument(GRPC_ARG_SERVER_HANDSHAKE_TIMEOUT_MS, 10 * 1000);
  // What a stream may send ahead of the handler's reads: a fixed 4 MiB
  // window instead of one gRPC's bandwidth probe grows without bound when a
  // client uploads faster than the store takes it (a 200 MiB upload held
  // 40 MiB in transport buffers, 18 MiB with this; docs/PERFORMANCE.md).
  builder.AddChannelArgument(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 4 << 20);
  grpc::ResourceQuota quota("biopolisd");
  quota.Resize(static_cast<std::size_t>(options.grpc_memory_mib) * 1024 * 1024);
  quota.SetMaxThreads(options.grpc_max_threads);
  builder.SetResourceQuota(quota);
  builder.RegisterService(s->organizations_.get());
  builder.RegisterService(s->applications_.get());
  builder.RegisterService(s->residents_.get());
  builder.RegisterService(s->policies_.get());
  builder.RegisterService(s->admin_.get());
  builder.RegisterService(s->audit_.get());
  builder.RegisterService(s->land_.get());
  builder.RegisterService(s->support_.get());
  builder.RegisterService(s->service_desk_.get());
  builder.RegisterService(s->reporting_.get());
  builder.RegisterService(s->statistics_.get());
  builder.RegisterService(s->events_.get());
  builder.RegisterService(s->documents_.get());
  builder.RegisterService(s->extracts_.get());
  builder.RegisterService(s->public_registry_.get());
  s->server_ = builder.BuildAndStart();
  if (!s->server_ || s->port_ == 0) {
    return Status::Unavailable("cannot listen on " + options.listen + ": " + WhyCannotListen(options.listen));
  }
  auto* health = s->server_->GetHealthCheckService();
  health->SetServingStatus("", true);
  for (const auto& name : ServedServiceNames()) health->SetServingStatus(name, true);
  if (!options.metrics_listen.empty()) {
    s->metrics_ = std::make_unique<MetricsEndpoint>();
    BIOPOLIS_RETURN_IF_ERROR(
        s->metrics_->Start(options.metrics_listen, [raw = s.get()] { return raw->ScrapeMetrics(); }));
    spdlog::info("metrics on http://{}/metrics (port {})", options.metrics_listen, s->metrics_->port());
  }

  int interval = std::min(options.timed_transition_interval_seconds, options.audit_checkpoint_interval_seconds);
  s->scheduler_ = std::thread([raw = s.get(), interval] { raw->SchedulerLoop(interval); });
  s->health_ = std::thread([raw = s.get()] { raw->HealthLoop(); });
  spdlog::info(
      "biopolisd listening on {} (port {}), database {} (schema v{}), {}, ready in {} ms", options.listen, s->port_,
      s->database_display_, s->store_->schema_version(), options.tls_cert.empty() ? "plaintext" : "TLS",
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  return s;
}

void BiopolisServer::SchedulerLoop(int interval_seconds) {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::seconds(interval_seconds), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    Status st = RunTimedTransitions();
    if (!st.ok()) spdlog::warn("timed transitions failed: {}", st.ToString());
    lock.lock();
  }
}

void BiopolisServer::HealthLoop() {
  bool serving = true;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(std::max(10, options_.health_check_interval_ms)),
                 [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    Status reached = store_->Ping();
    if (reached.ok() != serving) {
      serving = reached.ok();
      if (serving) {
        spdlog::info("the database answers again: health SERVING");
      } else {
        spdlog::error("the database cannot be reached ({}): health NOT_SERVING", reached.ToString());
      }
      auto* health = server_->GetHealthCheckService();
      health->SetServingStatus("", serving);
      for (const auto& name : ServedServiceNames()) health->SetServingStatus(name, serving);
    }
    lock.lock();
  }
}

Status BiopolisServer::RunTimedTransitions() {
  if (std::chrono::steady_clock::now() >= next_checkpoint_) {
    next_checkpoint_ =
        std::chrono::steady_clock::now() + std::chrono::seconds(options_.audit_checkpoint_interval_seconds);
    auto written = domain_->audit.Checkpoint();
    if (!written.ok()) spdlog::error("audit checkpoint failed: {}", written.status().ToString());
  }
  BIOPOLIS_ASSIGN_OR_RETURN(auto lapsed, domain_->applications.LapseOverdue());
  if (lapsed > 0) spdlog::info("timed transitions: {} application(s) lapsed", lapsed);
  BIOPOLIS_ASSIGN_OR_RETURN(auto expired, domain_->land.ExpireDue());
  if (expired > 0) spdlog::info("timed transitions: {} reservation(s) or lease(s) expired", expired);
  return Status::Ok();
}

void BiopolisServer::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  spdlog::info("shutting down: finishing in-flight calls (grace {} s)", options_.shutdown_grace_seconds);
  if (metrics_) metrics_->Stop();
  // Open event streams end first (UNAVAILABLE: clients reconnect elsewhere or later).
  if (event_hub_) event_hub_->Shutdown();
  if (server_) {
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(options_.shutdown_grace_seconds));
  }
  if (scheduler_.joinable()) scheduler_.join();
  if (health_.joinable()) health_.join();
  if (domain_) {
    // The head as the server leaves it, signed: a tail cut while it is stopped shows.
    auto written = domain_->audit.Checkpoint();
    if (!written.ok()) spdlog::error("audit checkpoint at shutdown failed: {}", written.status().ToString());
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    shut_down_ = true;
  }
  cv_.notify_all();
}

void BiopolisServer::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return shut_down_; });
}

BiopolisServer::~BiopolisServer() {
  Shutdown();
  if (server_) server_->Wait();
  server_.reset();
  // The store's destructor finishes every queued write before it returns.
  if (store_) store_->SetCommitListener(nullptr);
  event_hub_.reset();
  store_.reset();
  spdlog::info("biopolisd stopped");
}

int BiopolisServer::metrics_port() const { return metrics_ ? metrics_->port() : 0; }

namespace {

// The SQLite file's own figures; PostgreSQL reports its own to its monitoring.
void ScrapeSqliteMetrics(const SqliteStore& store, PrometheusText& out) {
  out.Family("biopolis_database_size_bytes", "gauge", "Size of the database file and of its write-ahead log.");
  for (const auto& [file, path] : {std::pair<const char*, std::string>{"database", store.path()},
                                   std::pair<const char*, std::string>{"wal", store.path() + "-wal"}}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    out.Sample("biopolis_database_size_bytes", {{"file", file}}, ec ? 0.0 : static_cast<double>(size));
  }
  // The disk the database is on: an alert fires before writes meet STORAGE_FULL.
  std::error_code ec;
  const auto space = std::filesystem::space(std::filesystem::absolute(store.path()).parent_path(), ec);
  out.Family("biopolis_database_disk_free_bytes", "gauge", "Free bytes on the database's file system.");
  out.Sample("biopolis_database_disk_free_bytes", {}, ec ? 0.0 : static_cast<double>(space.available));
  out.Family("biopolis_database_disk_size_bytes", "gauge", "Size of the database's file system, bytes.");
  out.Sample("biopolis_database_disk_size_bytes", {}, ec ? 0.0 : static_cast<double>(space.capacity));
}

}  // namespace

std::string BiopolisServer::ScrapeMetrics() {
  PrometheusText out;
  gate_->metrics().Write(out);
  out.Family("biopolis_calls_in_flight", "gauge", "Unary calls in progress.");
  out.Sample("biopolis_calls_in_flight", {}, gate_->calls_in_flight());
  out.Family("biopolis_event_streams_open", "gauge", "WatchEvents streams open.");
  out.Sample("biopolis_event_streams_open", {}, event_hub_->open_streams());

  out.Family("biopolis_writer_queue_depth", "gauge", "Writes waiting for the single writer.");
  out.Sample("biopolis_writer_queue_depth", {}, static_cast<double>(store_->queued_writes()));
  out.Family("biopolis_writer_batch_size", "histogram", "Units of work per committed transaction (group commit).");
  out.Histogram("biopolis_writer_batch_size", {}, store_->writer_stats().batch_sizes().Read());
  out.Family("biopolis_writer_commit_duration_seconds", "histogram",
             "Time a COMMIT took (SQLite: its fsync; PostgreSQL: the round trip and the server's WAL flush).");
  out.Histogram("biopolis_writer_commit_duration_seconds", {}, store_->writer_stats().commit_latency().Read());
  if (sqlite_store_ != nullptr) ScrapeSqliteMetrics(*sqlite_store_, out);

  auto chain = domain_->audit.ChainLength();
  out.Family("biopolis_audit_chain_length", "gauge", "Records in the audit log's hash chain (its last sequence).");
  out.Sample("biopolis_audit_chain_length", {}, chain.ok() ? static_cast<double>(*chain) : 0.0);
  out.Family("biopolis_audit_checkpoint_sequence", "gauge", "Sequence of the last signed audit checkpoint.");
  out.Sample("biopolis_audit_checkpoint_sequence", {}, static_cast<double>(domain_->audit.last_checkpoint_sequence()));
  out.Family("biopolis_audit_checkpoint_timestamp_seconds", "gauge",
             "When the last signed audit checkpoint was written (Unix time; 0 before the first).");
  out.Sample("biopolis_audit_checkpoint_timestamp_seconds", {},
             static_cast<double>(domain_->audit.last_checkpoint_time()) / 1e6);
  out.Family("biopolis_audit_checkpoint_duration_seconds", "histogram", "Time writing a signed checkpoint took.");
  out.Histogram("biopolis_audit_checkpoint_duration_seconds", {}, domain_->audit.checkpoint_latency().Read());

  const ProcessStats p = ReadProcessStats(start_time_seconds_);
  out.Family("process_cpu_seconds_total", "counter", "User and system CPU time spent, seconds.");
  out.Sample("process_cpu_seconds_total", {}, p.cpu_seconds);
  out.Family("process_resident_memory_bytes", "gauge", "Resident memory size, bytes.");
  out.Sample("process_resident_memory_bytes", {}, static_cast<double>(p.resident_bytes));
  out.Family("process_open_fds", "gauge", "Open file descriptors.");
  out.Sample("process_open_fds", {}, static_cast<double>(p.open_fds));
  out.Family("process_max_fds", "gauge", "The limit of open file descriptors.");
  out.Sample("process_max_fds", {}, static_cast<double>(p.max_fds));
  out.Family("process_start_time_seconds", "gauge", "Start time of the process, Unix seconds.");
  out.Sample("process_start_time_seconds", {}, p.start_time_seconds);
  out.Family("biopolis_build_info", "gauge", "The running build (always 1).");
  out.Sample("biopolis_build_info", {{"version", BIOPOLIS_VERSION}}, 1);
  return out.text();
}

}  // namespace biopolis
