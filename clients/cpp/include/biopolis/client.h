// The Biopolis C++ SDK: one entry point, biopolis::client::Client, with a
// typed method for each RPC, grouped by service.
//
//   biopolis::client::Client client({.target = "127.0.0.1:50051", .api_key = key});
//   auto app = client.applications().Submit("applications/7");
//   if (!app) std::cerr << app.error().ToString() << "\n";
//
// Every call carries the API key as `authorization: Bearer <key>` and a
// deadline. Mutations carry a fresh request_id (UUID) unless the caller sets
// one; on UNAVAILABLE or DEADLINE_EXCEEDED a call is retried with
// exponential backoff and jitter, a mutation with the same request_id, so the
// server applies it at most once. ABORTED (stale etag) is never retried:
// re-read and decide.
//
// Thread-safety: a Client is safe to share between threads; its channel
// multiplexes concurrent calls.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "biopolis/pager.h"
#include "biopolis/result.h"
#include "biopolis/v1/admin.grpc.pb.h"
#include "biopolis/v1/application.grpc.pb.h"
#include "biopolis/v1/audit.grpc.pb.h"
#include "biopolis/v1/events.grpc.pb.h"
#include "biopolis/v1/land.grpc.pb.h"
#include "biopolis/v1/organization.grpc.pb.h"
#include "biopolis/v1/policy.grpc.pb.h"
#include "biopolis/v1/reporting.grpc.pb.h"
#include "biopolis/v1/resident.grpc.pb.h"
#include "biopolis/v1/service_desk.grpc.pb.h"
#include "biopolis/v1/statistics.grpc.pb.h"
#include "biopolis/v1/support.grpc.pb.h"

namespace grpc {
class Channel;
}

namespace biopolis::client {

namespace v1 = ::biopolis::v1;

// How calls are retried. What is retried: UNAVAILABLE (the server is
// restarting or unreachable), DEADLINE_EXCEEDED (an attempt's deadline), and
// RESOURCE_EXHAUSTED with reason RATE_LIMITED or SERVER_BUSY (after the
// server's RetryInfo delay, when it is longer than the backoff). Every retry
// of a mutation carries the same request_id, so it is applied once. A call
// the server cannot deduplicate (CreateBackup, which carries no request_id)
// is never retried. Backoff: exponential from initial_backoff to max_backoff,
// with full jitter; retries stop when the next one would start after
// `total_budget` from the first attempt (or after max_attempts, when set).
struct RetryPolicy {
  // Attempts in all, including the first; 0 = as many as the budget allows;
  // 1 disables retries.
  int max_attempts = 0;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  // Long enough to ride over a restart of the server (seconds) or a short failover.
  std::chrono::milliseconds total_budget{30000};
};

struct ClientOptions {
  // HOST:PORT of biopolisd.
  std::string target = "127.0.0.1:50051";
  // The API key's secret.
  std::string api_key;
  // PEM root certificates; when set, the channel uses TLS.
  std::string tls_root_certs;
  // Optional client certificate and key (PEM) for mutual TLS.
  std::string tls_client_cert;
  std::string tls_client_key;
  // Deadline of each attempt.
  std::chrono::milliseconds deadline{10000};
  RetryPolicy retry;
};

// Options of a List call, built fluently:
//   ListOptions().Filter("state = \"STATE_SUBMITTED\"").OrderBy("create_time desc").PageSize(100)
struct ListOptions {
  std::string filter;
  std::string order_by;
  // 0: the server's default (50).
  int page_size = 0;
  // Support().ListMeasures only: measures open today.
  bool open_only = false;
  // ServiceDesk().ListRequests only: requests past their SLA.
  bool overdue_only = false;

  ListOptions& Filter(std::string f) {
    filter = std::move(f);
    return *this;
  }
  ListOptions& OrderBy(std::string o) {
    order_by = std::move(o);
    return *this;
  }
  ListOptions& PageSize(int n) {
    page_size = n;
    return *this;
  }
  ListOptions& OpenOnly(bool b = true) {
    open_only = b;
    return *this;
  }
  ListOptions& OverdueOnly(bool b = true) {
    overdue_only = b;
    return *this;
  }
};

class Client;

// Shared call machinery of the service clients; not used directly.
class Transport {
 public:
  Transport(ClientOptions options, std::shared_ptr<grpc::Channel> channel)
      : options_(std::move(options)), channel_(std::move(channel)) {}
  const ClientOptions& options() const { return options_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // Runs `call` once per attempt, each with a fresh context carrying the key
  // and the deadline, until it succeeds or fails in a way not worth retrying
  // (RetryPolicy). `idempotent` false: one attempt only.
  grpc::Status Run(const std::function<grpc::Status(grpc::ClientContext*)>& call, bool idempotent = true);

  // Run() for a call that fills a `Response`.
  template <typename Response, typename Call>
  Result<Response> Invoke(Call&& call, bool idempotent = true);

 private:
  ClientOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
};

template <typename Response, typename Call>
Result<Response> Transport::Invoke(Call&& call, bool idempotent) {
  Response response;
  grpc::Status status = Run(
      [&](grpc::ClientContext* ctx) {
        response.Clear();
        return call(ctx, &response);
      },
      idempotent);
  if (!status.ok()) return Error::FromStatus(status);
  return response;
}

// A new random (version 4) UUID, for request ids.
std::string NewRequestId();

class Organizations {
 public:
  explicit Organizations(Transport& t);
  Result<v1::Organization> Get(const std::string& name);
  Result<v1::ListOrganizationsResponse> ListPage(const ListOptions& options, const std::string& page_token = "");
  Pager<v1::Organization> List(const ListOptions& options = {});
  Result<v1::Organization> Create(const v1::Organization& organization, std::string request_id = "");
  // Changes the fields named in `paths`; `organization.etag`, when set, must be current.
  Result<v1::Organization> Update(const v1::Organization& organization, const std::vector<std::string>& paths,
                                  std::string request_id = "");

 private:
  Transport& t_;
  std::unique_ptr<v1::OrganizationService::Stub> stub_;
};

class Applications {
 public:
  explicit Applications(Transport& t);
  Result<v1::Application> Get(const std::string& name);
  Result<v1::ListApplicationsResponse> ListPage(const ListOptions& options, const std::string& page_token = "");
  Pager<v1::Application> List(const ListOptions& options = {});
  Result<v1::Application> Create(const v1::Application& draft, std::string request_id = "");
  Result<v1::Application> Update(const v1::Application& application, const std::vector<std::string>& paths,
                                 std::string request_id = "");
  Result<google::protobuf::Empty> Delete(const std::string& name, const std::string& etag = "",
                                         std::string request_id = "");
  Result<v1::CheckApplicationEligibilityResponse> CheckEligibility(const std::string& name);
  Result<v1::Application> Submit(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::Application> Accept(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::Application> RequestInformation(const std::string& name, const std::string& text,
                                             const std::string& etag = "", std::string request_id = "");
  Result<v1::Application> RespondToInformationRequest(const std::string& name, const std::string& response,
                                                      const std::string& etag = "", std::string request_id = "");
  Result<v1::Application> ReferToExpertCouncil(const std::string& name, const std::string& etag = "",
                                               std::string request_id = "");
  Result<v1::Application> RecordExpertOpinion(const std::string& name, v1::Application::ExpertOpinion opinion,
                                              const std::string& summary, const std::string& etag = "",
                                              std::string request_id = "");
  Result<v1::Application> Approve(const std::string& name, const std::string& comment = "",
                                  const std::string& etag = "", std::string request_id = "");
  Result<v1::Application> Reject(const std::string& name, v1::Application::RejectionGround ground,
                                 const std::string& explanation, const std::string& etag = "",
                                 std::string request_id = "");
  Result<v1::Application> Withdraw(const std::string& name, const std::string& reason = "",
                                   const std::string& etag = "", std::string request_id = "");
  // Any field of `request` may be set; request_id is filled when empty.
  Result<v1::Application> SignAgreement(v1::SignAgreementRequest request);

 private:
  Transport& t_;
  std::unique_ptr<v1::ApplicationService::Stub> stub_;
};

class Residents {
 public:
  explicit Residents(Transport& t);
  Result<v1::Resident> Get(const std::string& name);
  Result<v1::ListResidentsResponse> ListPage(const ListOptions& options, const std::string& page_token = "");
  Pager<v1::Resident> List(const ListOptions& options = {});
  Result<v1::Resident> IssueViolationNotice(v1::IssueViolationNoticeRequest request);
  Result<v1::Resident> CureViolation(const std::string& name, const std::string& note, const std::string& etag = "",
                                     std::string request_id = "");
  Result<v1::Resident> Terminate(v1::TerminateResidentRequest request);

 private:
  Transport& t_;
  std::unique_ptr<v1::ResidentService::Stub> stub_;
};

class Policies {
 public:
  explicit Policies(Transport& t);
  // `name`: "policies/{version}" or "policies/current".
  Result<v1::ZonePolicy> Get(const std::string& name = "policies/current");
  Pager<v1::ZonePolicy> List(const ListOptions& options = {});
  Result<v1::ZonePolicy> Create(const v1::ZonePolicy& policy, std::string request_id = "");

 private:
  Transport& t_;
  std::unique_ptr<v1::PolicyService::Stub> stub_;
};

class ApiKeys {
 public:
  explicit ApiKeys(Transport& t);
  // The response carries the secret, shown once.
  Result<v1::CreateApiKeyResponse> Create(const v1::ApiKey& key, std::string request_id = "");
  Result<v1::ApiKey> Get(const std::string& name);
  Pager<v1::ApiKey> List(const ListOptions& options = {});
  Result<v1::ApiKey> Revoke(const std::string& name, std::string request_id = "");
  // A consistent online backup to `path` on the server's machine (administrators).
  Result<v1::Backup> CreateBackup(const std::string& path);

 private:
  Transport& t_;
  std::unique_ptr<v1::AdminService::Stub> stub_;
};

class Audit {
 public:
  explicit Audit(Transport& t);
  Pager<v1::AuditRecord> List(const ListOptions& options = {});
  // Signed checkpoints of the log's head, newest first, with the zone's
  // public signing keys (in every page).
  Result<v1::ListAuditCheckpointsResponse> ListCheckpointsPage(const ListOptions& options = {},
                                                               const std::string& page_token = "");

 private:
  Transport& t_;
  std::unique_ptr<v1::AuditService::Stub> stub_;
};

class Land {
 public:
  explicit Land(Transport& t);
  Result<v1::Plot> GetPlot(const std::string& name);
  Result<v1::ListPlotsResponse> ListPlotsPage(const ListOptions& options, const std::string& page_token = "");
  // E.g. ListOptions().Filter("state = \"STATE_AVAILABLE\" AND area_m2 >= 5000 AND power_kw >= 500").
  Pager<v1::Plot> ListPlots(const ListOptions& options = {});
  Result<v1::Plot> CreatePlot(const v1::Plot& plot, std::string request_id = "");
  Result<v1::Plot> UpdatePlot(const v1::Plot& plot, const std::vector<std::string>& paths, std::string request_id = "");
  Result<v1::Plot> BlockPlot(const std::string& name, const std::string& reason, const std::string& etag = "",
                             std::string request_id = "");
  Result<v1::Plot> UnblockPlot(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::Plot> RetirePlot(const std::string& name, const std::string& reason,
                              const std::vector<std::string>& successors, const std::string& etag = "",
                              std::string request_id = "");
  Result<v1::Plot> ReservePlot(const std::string& name, const std::string& application, const std::string& etag = "",
                               std::string request_id = "");
  Result<v1::Plot> ReleasePlotReservation(const std::string& name, const std::string& reason,
                                          const std::string& etag = "", std::string request_id = "");
  Result<v1::Lease> GetLease(const std::string& name);
  Pager<v1::Lease> ListLeases(const ListOptions& options = {});
  Result<v1::Lease> CreateLease(const v1::Lease& lease, std::string request_id = "");
  Result<v1::Lease> TerminateLease(const std::string& name, const std::string& reason, const std::string& etag = "",
                                   std::string request_id = "");
  Result<v1::LandUtilisation> GetUtilisation();

 private:
  Transport& t_;
  std::unique_ptr<v1::LandService::Stub> stub_;
};

class Support {
 public:
  explicit Support(Transport& t);
  Result<v1::SupportMeasure> GetMeasure(const std::string& name);
  // `open_only`: measures open on today's zone date.
  // ListOptions().OpenOnly(): the measures open today.
  Pager<v1::SupportMeasure> ListMeasures(const ListOptions& options = {});
  Result<v1::SupportMeasure> CreateMeasure(const v1::SupportMeasure& measure, std::string request_id = "");
  Result<v1::SupportMeasure> UpdateMeasure(const v1::SupportMeasure& measure, const std::vector<std::string>& paths,
                                           std::string request_id = "");
  // `resident` empty: the calling resident itself.
  Result<v1::CheckSupportEligibilityResponse> CheckEligibility(const std::string& measure,
                                                               const std::string& resident = "");
  Result<v1::SupportMeasureStatistics> Statistics(const std::string& measure);
  Result<v1::SupportRequest> GetRequest(const std::string& name);
  Pager<v1::SupportRequest> ListRequests(const ListOptions& options = {});
  Result<v1::SupportRequest> CreateRequest(const v1::SupportRequest& request, std::string request_id = "");
  Result<v1::SupportRequest> UpdateRequest(const v1::SupportRequest& request, const std::vector<std::string>& paths,
                                           std::string request_id = "");
  Result<v1::SupportRequest> Submit(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::SupportRequest> Accept(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::SupportRequest> RequestInformation(const std::string& name, const std::string& text,
                                                const std::string& etag = "", std::string request_id = "");
  Result<v1::SupportRequest> Respond(const std::string& name, const std::string& response, const std::string& etag = "",
                                     std::string request_id = "");
  Result<v1::SupportRequest> Approve(const std::string& name, std::int64_t granted_kopecks,
                                     const std::string& etag = "", std::string request_id = "");
  Result<v1::SupportRequest> Reject(const std::string& name, const std::string& reason, const std::string& etag = "",
                                    std::string request_id = "");
  Result<v1::SupportRequest> Withdraw(const std::string& name, const std::string& reason = "",
                                      const std::string& etag = "", std::string request_id = "");
  Result<v1::SupportRequest> Disburse(const std::string& name, const v1::SupportRequest::Disbursement& disbursement,
                                      const std::string& etag = "", std::string request_id = "");
  Result<v1::SupportRequest> Close(const std::string& name, const std::string& reason = "",
                                   const std::string& etag = "", std::string request_id = "");

 private:
  Transport& t_;
  std::unique_ptr<v1::SupportService::Stub> stub_;
};

class ServiceDesk {
 public:
  explicit ServiceDesk(Transport& t);
  Result<v1::ServiceType> GetType(const std::string& name);
  Pager<v1::ServiceType> ListTypes(const ListOptions& options = {});
  Result<v1::ServiceType> CreateType(const v1::ServiceType& type, std::string request_id = "");
  Result<v1::ServiceType> UpdateType(const v1::ServiceType& type, const std::vector<std::string>& paths,
                                     std::string request_id = "");
  Result<v1::ServiceRequest> GetRequest(const std::string& name);
  // Most urgent first by default; `overdue_only`: past due now.
  // ListOptions().OverdueOnly(): the requests past their SLA.
  Pager<v1::ServiceRequest> ListRequests(const ListOptions& options = {});
  Result<v1::ServiceRequest> CreateRequest(const v1::ServiceRequest& request, std::string request_id = "");
  Result<v1::ServiceRequest> Take(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::ServiceRequest> AskResident(const std::string& name, const std::string& text, const std::string& etag = "",
                                         std::string request_id = "");
  Result<v1::ServiceRequest> Respond(const std::string& name, const std::string& text, const std::string& etag = "",
                                     std::string request_id = "");
  Result<v1::ServiceRequest> Resolve(const std::string& name, const std::string& outcome, const std::string& etag = "",
                                     std::string request_id = "");
  Result<v1::ServiceRequest> Confirm(const std::string& name, const std::string& etag = "",
                                     std::string request_id = "");
  Result<v1::ServiceRequest> Reopen(const std::string& name, const std::string& reason, const std::string& etag = "",
                                    std::string request_id = "");
  Result<v1::ServiceRequest> Cancel(const std::string& name, const std::string& reason = "",
                                    const std::string& etag = "", std::string request_id = "");
  Result<v1::ServiceMessage> AddMessage(const std::string& parent, const std::string& text,
                                        std::string request_id = "");
  Pager<v1::ServiceMessage> ListMessages(const std::string& parent, const ListOptions& options = {});
  Result<v1::ServiceDeskStatistics> Statistics();

 private:
  Transport& t_;
  std::unique_ptr<v1::ServiceDeskService::Stub> stub_;
};

class Reporting {
 public:
  explicit Reporting(Transport& t);
  Result<v1::Report> Get(const std::string& name);
  Pager<v1::Report> List(const ListOptions& options = {});
  Result<v1::Report> Create(const v1::Report& report, std::string request_id = "");
  Result<v1::Report> Update(const v1::Report& report, const std::vector<std::string>& paths,
                            std::string request_id = "");
  Result<v1::Report> Submit(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::Report> Accept(const std::string& name, const std::string& etag = "", std::string request_id = "");
  Result<v1::Report> Return(const std::string& name, const std::string& comment, const std::string& etag = "",
                            std::string request_id = "");
  Result<v1::Report> Correct(const std::string& name, std::string request_id = "");
  // Quarters whose report is past due and unfiled, oldest first (paged).
  Pager<v1::OverdueReport> ListOverdue(const ListOptions& options = {});
  Result<v1::ListOverdueReportsResponse> ListOverduePage(const ListOptions& options = {},
                                                         const std::string& page_token = "");
  Result<v1::ResidentCompliance> Compliance(const std::string& resident);
  Pager<v1::ResidentCompliance> ListCompliance(v1::ComplianceStatus only = v1::COMPLIANCE_STATUS_UNSPECIFIED,
                                               const ListOptions& options = {});
  // Zone statistics (StatisticsService); `as_of` unset: today.
  Result<v1::ZoneStatistics> ZoneStatistics(const google::type::Date* as_of = nullptr);

 private:
  Transport& t_;
  std::unique_ptr<v1::ReportingService::Stub> stub_;
  std::unique_ptr<v1::StatisticsService::Stub> statistics_;
};

// The change feed as a resuming iterator:
//
//   auto stream = client.events().Watch({.after_sequence = last_seen});
//   v1::Event e;
//   while (stream->Next(&e)) { ...; last_seen = e.sequence(); }
//   // stream.error() says why it ended (after Cancel(): CANCELLED).
//
// When the connection breaks or the server restarts (UNAVAILABLE), Next()
// reconnects with backoff from the last sequence it delivered, so the caller
// sees every event once, in order. Next() blocks; Cancel() may be called from
// another thread. Not otherwise thread-safe.
struct WatchOptions {
  std::int64_t after_sequence = 0;
  bool start_at_now = false;
  std::vector<std::string> resource_types;
  // Reconnection attempts in a row before Next() gives up; 0 = forever.
  int max_reconnects = 0;
};

class EventStream {
 public:
  EventStream(Transport& transport, v1::EventService::Stub& stub, WatchOptions options);
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // The next event; false when the stream ended for good (see error()).
  // Every end of the stream the caller did not ask for (the server stopping
  // or restarting, a dropped connection, a connection closed because another
  // call on it broke a limit, a deadline) reconnects by itself after the
  // last delivered sequence, with jittered exponential backoff (reset after
  // each successful reopen): no event is lost or delivered twice. It ends
  // for good only on Cancel(), on an error a retry cannot cure
  // (UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT, NOT_FOUND,
  // FAILED_PRECONDITION, UNIMPLEMENTED, DATA_LOSS), or after
  // WatchOptions::max_reconnects failed reconnections in a row.
  bool Next(v1::Event* event);
  // Ends the stream from any thread; a blocked Next() (or its backoff sleep)
  // returns false with error() CANCELLED, reason kCancelledByCaller.
  void Cancel();
  const std::optional<Error>& error() const { return error_; }
  std::int64_t last_sequence() const { return last_sequence_; }

  // error().reason() after Cancel(), to tell it from a CANCELLED the stream
  // did not ask for (which reconnects).
  static constexpr const char* kCancelledByCaller = "CANCELLED_BY_CALLER";

 private:
  // Opens the call (not when cancelled); false when cancelled.
  bool Open();
  // Waits for the server's initial metadata: true when the stream was opened
  // (the server names where it starts); with start_at_now, the first time,
  // takes that starting sequence so a reconnection resumes there.
  bool AwaitOpened();
  // Sleeps `d` unless cancelled first; false when cancelled.
  bool SleepUnlessCancelled(std::chrono::milliseconds d);
  bool Cancelled();

  Transport& transport_;
  v1::EventService::Stub& stub_;
  WatchOptions options_;
  std::int64_t last_sequence_ = 0;
  bool opened_ = false;
  bool learn_start_ = false;
  bool awaiting_open_ = false;
  std::chrono::milliseconds backoff_{0};
  std::mutex mu_;
  std::condition_variable cancel_cv_;
  bool cancelled_ = false;
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<v1::Event>> reader_;
  std::optional<Error> error_;
};

class Events {
 public:
  explicit Events(Transport& t);
  std::unique_ptr<EventStream> Watch(WatchOptions options = {});

 private:
  Transport& t_;
  std::unique_ptr<v1::EventService::Stub> stub_;
};

class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Organizations& organizations() { return organizations_; }
  Applications& applications() { return applications_; }
  Residents& residents() { return residents_; }
  Policies& policies() { return policies_; }
  ApiKeys& api_keys() { return api_keys_; }
  Audit& audit() { return audit_; }
  Land& land() { return land_; }
  Support& support() { return support_; }
  ServiceDesk& service_desk() { return service_desk_; }
  Reporting& reporting() { return reporting_; }
  Events& events() { return events_; }

  const std::shared_ptr<grpc::Channel>& channel() const { return transport_.channel(); }

 private:
  Transport transport_;
  Organizations organizations_;
  Applications applications_;
  Residents residents_;
  Policies policies_;
  ApiKeys api_keys_;
  Audit audit_;
  Land land_;
  Support support_;
  ServiceDesk service_desk_;
  Reporting reporting_;
  Events events_;
};

}  // namespace biopolis::client
