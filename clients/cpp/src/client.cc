#include "biopolis/client.h"

#include <grpcpp/grpcpp.h>

#include <charconv>
#include <cstdio>
#include <random>
#include <thread>

namespace biopolis::client {
namespace {

// Whether a failed attempt is worth another, and the least the server asked
// to wait (RetryInfo) before it.
bool Retryable(const grpc::Status& status, std::chrono::milliseconds* server_delay) {
  *server_delay = std::chrono::milliseconds(0);
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return true;
    case grpc::StatusCode::RESOURCE_EXHAUSTED: {
      Error e = Error::FromStatus(status);
      *server_delay = e.retry_delay();
      return e.reason() == "RATE_LIMITED" || e.reason() == "SERVER_BUSY";
    }
    default:
      return false;
  }
}

std::mt19937_64& ThreadRng() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^ (static_cast<std::uint64_t>(std::random_device{}()) << 32));
  return rng;
}

std::shared_ptr<grpc::Channel> MakeChannel(const ClientOptions& o) {
  std::shared_ptr<grpc::ChannelCredentials> creds;
  if (!o.tls_root_certs.empty()) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = o.tls_root_certs;
    ssl.pem_cert_chain = o.tls_client_cert;
    ssl.pem_private_key = o.tls_client_key;
    creds = grpc::SslCredentials(ssl);
  } else {
    creds = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments args;
  // Our own retry loop below keeps the same request_id across attempts.
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
  // Reconnect soon after a server restart: gRPC's own reconnect backoff
  // (up to 120 s by default) would outlast our retry budget.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  return grpc::CreateCustomChannel(o.target, creds, args);
}

template <typename Request>
void EnsureRequestId(Request& request) {
  if (request.request_id().empty()) request.set_request_id(NewRequestId());
}

template <typename Request>
void SetListOptions(Request& r, const ListOptions& o, const std::string& token) {
  r.set_page_size(o.page_size);
  r.set_page_token(token);
  if constexpr (requires { r.set_filter(std::string()); }) r.set_filter(o.filter);
  if constexpr (requires { r.set_order_by(std::string()); }) r.set_order_by(o.order_by);
}

// Makes a Pager whose pages come from `list_page(token)`; `items(response)`
// names the repeated field.
template <typename Item, typename Response, typename ListPage, typename Items>
Pager<Item> MakePager(ListPage list_page, Items items) {
  return Pager<Item>([list_page, items](const std::string& token) -> Result<typename Pager<Item>::PageData> {
    Result<Response> page = list_page(token);
    if (!page.ok()) return page.error();
    typename Pager<Item>::PageData data;
    const auto& repeated = items(*page);
    data.items.assign(repeated.begin(), repeated.end());
    data.next_page_token = page->next_page_token();
    return data;
  });
}

}  // namespace

std::string NewRequestId() {
  std::uniform_int_distribution<std::uint64_t> dist;
  std::uint64_t hi = dist(ThreadRng());
  std::uint64_t lo = dist(ThreadRng());
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

grpc::Status Transport::Run(const std::function<grpc::Status(grpc::ClientContext*)>& call, bool idempotent) {
  const RetryPolicy& retry = options_.retry;
  const auto budget_end = std::chrono::steady_clock::now() + retry.total_budget;
  auto backoff = retry.initial_backoff;
  grpc::Status status;
  for (int attempt = 1;; ++attempt) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + options_.deadline);
    if (!options_.api_key.empty()) ctx.AddMetadata("authorization", "Bearer " + options_.api_key);
    status = call(&ctx);
    std::chrono::milliseconds server_delay{0};
    if (status.ok() || !idempotent || !Retryable(status, &server_delay)) return status;
    if (retry.max_attempts > 0 && attempt >= retry.max_attempts) return status;
    // Full jitter: a random time up to the current backoff, but never less
    // than what the server asked for.
    std::uniform_int_distribution<long long> jitter(0, backoff.count());
    auto sleep = std::max(server_delay, std::chrono::milliseconds(jitter(ThreadRng())));
    if (std::chrono::steady_clock::now() + sleep >= budget_end) return status;
    std::this_thread::sleep_for(sleep);
    backoff = std::min(retry.max_backoff, backoff * 2);
  }
}

// Sends a custom method: name, etag and request id, plus what `fill` sets.
template <typename Response, typename Request, typename Fill, typename Call>
Result<Response> Act(Transport& t, const std::string& name, const std::string& etag, std::string request_id, Fill fill,
                     Call call) {
  Request req;
  req.set_name(name);
  req.set_etag(etag);
  req.set_request_id(std::move(request_id));
  fill(req);
  EnsureRequestId(req);
  return t.Invoke<Response>([&](grpc::ClientContext* c, Response* r) { return call(c, req, r); });
}

// ---- Organizations ----

Organizations::Organizations(Transport& t) : t_(t), stub_(v1::OrganizationService::NewStub(t.channel())) {}

Result<v1::Organization> Organizations::Get(const std::string& name) {
  v1::GetOrganizationRequest req;
  req.set_name(name);
  return t_.Invoke<v1::Organization>(
      [&](grpc::ClientContext* c, v1::Organization* r) { return stub_->GetOrganization(c, req, r); });
}

Result<v1::ListOrganizationsResponse> Organizations::ListPage(const ListOptions& o, const std::string& token) {
  v1::ListOrganizationsRequest req;
  SetListOptions(req, o, token);
  return t_.Invoke<v1::ListOrganizationsResponse>(
      [&](grpc::ClientContext* c, v1::ListOrganizationsResponse* r) { return stub_->ListOrganizations(c, req, r); });
}

Pager<v1::Organization> Organizations::List(const ListOptions& o) {
  return MakePager<v1::Organization, v1::ListOrganizationsResponse>(
      [this, o](const std::string& token) { return ListPage(o, token); },
      [](const v1::ListOrganizationsResponse& r) -> const auto& { return r.organizations(); });
}

Result<v1::Organization> Organizations::Create(const v1::Organization& organization, std::string request_id) {
  v1::CreateOrganizationRequest req;
  *req.mutable_organization() = organization;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Organization>(
      [&](grpc::ClientContext* c, v1::Organization* r) { return stub_->CreateOrganization(c, req, r); });
}

Result<v1::Organization> Organizations::Update(const v1::Organization& organization,
                                               const std::vector<std::string>& paths, std::string request_id) {
  v1::UpdateOrganizationRequest req;
  *req.mutable_organization() = organization;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Organization>(
      [&](grpc::ClientContext* c, v1::Organization* r) { return stub_->UpdateOrganization(c, req, r); });
}

// ---- Applications ----

Applications::Applications(Transport& t) : t_(t), stub_(v1::ApplicationService::NewStub(t.channel())) {}

Result<v1::Application> Applications::Get(const std::string& name) {
  v1::GetApplicationRequest req;
  req.set_name(name);
  return t_.Invoke<v1::Application>(
      [&](grpc::ClientContext* c, v1::Application* r) { return stub_->GetApplication(c, req, r); });
}

Result<v1::ListApplicationsResponse> Applications::ListPage(const ListOptions& o, const std::string& token) {
  v1::ListApplicationsRequest req;
  SetListOptions(req, o, token);
  return t_.Invoke<v1::ListApplicationsResponse>(
      [&](grpc::ClientContext* c, v1::ListApplicationsResponse* r) { return stub_->ListApplications(c, req, r); });
}

Pager<v1::Application> Applications::List(const ListOptions& o) {
  return MakePager<v1::Application, v1::ListApplicationsResponse>(
      [this, o](const std::string& token) { return ListPage(o, token); },
      [](const v1::ListApplicationsResponse& r) -> const auto& { return r.applications(); });
}

Result<v1::Application> Applications::Create(const v1::Application& draft, std::string request_id) {
  v1::CreateApplicationRequest req;
  *req.mutable_application() = draft;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Application>(
      [&](grpc::ClientContext* c, v1::Application* r) { return stub_->CreateApplication(c, req, r); });
}

Result<v1::Application> Applications::Update(const v1::Application& application, const std::vector<std::string>& paths,
                                             std::string request_id) {
  v1::UpdateApplicationRequest req;
  *req.mutable_application() = application;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Application>(
      [&](grpc::ClientContext* c, v1::Application* r) { return stub_->UpdateApplication(c, req, r); });
}

Result<google::protobuf::Empty> Applications::Delete(const std::string& name, const std::string& etag,
                                                     std::string request_id) {
  v1::DeleteApplicationRequest req;
  req.set_name(name);
  req.set_etag(etag);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<google::protobuf::Empty>(
      [&](grpc::ClientContext* c, google::protobuf::Empty* r) { return stub_->DeleteApplication(c, req, r); });
}

Result<v1::CheckApplicationEligibilityResponse> Applications::CheckEligibility(const std::string& name) {
  v1::CheckApplicationEligibilityRequest req;
  req.set_name(name);
  return t_.Invoke<v1::CheckApplicationEligibilityResponse>(
      [&](grpc::ClientContext* c, v1::CheckApplicationEligibilityResponse* r) {
        return stub_->CheckApplicationEligibility(c, req, r);
      });
}

// The custom methods share one shape: name, etag, request_id, and a few fields.
#define BIOPOLIS_APPLICATION_ACT(Method, Request, fill) \
  Request req;                                          \
  req.set_name(name);                                   \
  req.set_etag(etag);                                   \
  req.set_request_id(std::move(request_id));            \
  fill;                                                 \
  EnsureRequestId(req);                                 \
  return t_.Invoke<v1::Application>(                    \
      [&](grpc::ClientContext* c, v1::Application* r) { return stub_->Method(c, req, r); })

Result<v1::Application> Applications::Submit(const std::string& name, const std::string& etag, std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(SubmitApplication, v1::SubmitApplicationRequest, (void)0);
}
Result<v1::Application> Applications::Accept(const std::string& name, const std::string& etag, std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(AcceptApplication, v1::AcceptApplicationRequest, (void)0);
}
Result<v1::Application> Applications::RequestInformation(const std::string& name, const std::string& text,
                                                         const std::string& etag, std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(RequestApplicationInformation, v1::RequestApplicationInformationRequest, req.set_text(text));
}
Result<v1::Application> Applications::RespondToInformationRequest(const std::string& name, const std::string& response,
                                                                  const std::string& etag, std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(RespondToInformationRequest, v1::RespondToInformationRequestRequest,
                           req.set_response(response));
}
Result<v1::Application> Applications::ReferToExpertCouncil(const std::string& name, const std::string& etag,
                                                           std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(ReferApplicationToExpertCouncil, v1::ReferApplicationToExpertCouncilRequest, (void)0);
}
Result<v1::Application> Applications::RecordExpertOpinion(const std::string& name,
                                                          v1::Application::ExpertOpinion opinion,
                                                          const std::string& summary, const std::string& etag,
                                                          std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(RecordExpertOpinion, v1::RecordExpertOpinionRequest,
                           (req.set_opinion(opinion), req.set_summary(summary)));
}
Result<v1::Application> Applications::Approve(const std::string& name, const std::string& comment,
                                              const std::string& etag, std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(ApproveApplication, v1::ApproveApplicationRequest, req.set_comment(comment));
}
Result<v1::Application> Applications::Reject(const std::string& name, v1::Application::RejectionGround ground,
                                             const std::string& explanation, const std::string& etag,
                                             std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(RejectApplication, v1::RejectApplicationRequest,
                           (req.set_ground(ground), req.set_explanation(explanation)));
}
Result<v1::Application> Applications::Withdraw(const std::string& name, const std::string& reason,
                                               const std::string& etag, std::string request_id) {
  BIOPOLIS_APPLICATION_ACT(WithdrawApplication, v1::WithdrawApplicationRequest, req.set_reason(reason));
}
#undef BIOPOLIS_APPLICATION_ACT

Result<v1::Application> Applications::SignAgreement(v1::SignAgreementRequest req) {
  EnsureRequestId(req);
  return t_.Invoke<v1::Application>(
      [&](grpc::ClientContext* c, v1::Application* r) { return stub_->SignAgreement(c, req, r); });
}

// ---- Residents ----

Residents::Residents(Transport& t) : t_(t), stub_(v1::ResidentService::NewStub(t.channel())) {}

Result<v1::Resident> Residents::Get(const std::string& name) {
  v1::GetResidentRequest req;
  req.set_name(name);
  return t_.Invoke<v1::Resident>(
      [&](grpc::ClientContext* c, v1::Resident* r) { return stub_->GetResident(c, req, r); });
}

Result<v1::ListResidentsResponse> Residents::ListPage(const ListOptions& o, const std::string& token) {
  v1::ListResidentsRequest req;
  SetListOptions(req, o, token);
  return t_.Invoke<v1::ListResidentsResponse>(
      [&](grpc::ClientContext* c, v1::ListResidentsResponse* r) { return stub_->ListResidents(c, req, r); });
}

Pager<v1::Resident> Residents::List(const ListOptions& o) {
  return MakePager<v1::Resident, v1::ListResidentsResponse>(
      [this, o](const std::string& token) { return ListPage(o, token); },
      [](const v1::ListResidentsResponse& r) -> const auto& { return r.residents(); });
}

Result<v1::Resident> Residents::IssueViolationNotice(v1::IssueViolationNoticeRequest req) {
  EnsureRequestId(req);
  return t_.Invoke<v1::Resident>(
      [&](grpc::ClientContext* c, v1::Resident* r) { return stub_->IssueViolationNotice(c, req, r); });
}

Result<v1::Resident> Residents::CureViolation(const std::string& name, const std::string& note, const std::string& etag,
                                              std::string request_id) {
  v1::CureViolationRequest req;
  req.set_name(name);
  req.set_note(note);
  req.set_etag(etag);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Resident>(
      [&](grpc::ClientContext* c, v1::Resident* r) { return stub_->CureViolation(c, req, r); });
}

Result<v1::Resident> Residents::Terminate(v1::TerminateResidentRequest req) {
  EnsureRequestId(req);
  return t_.Invoke<v1::Resident>(
      [&](grpc::ClientContext* c, v1::Resident* r) { return stub_->TerminateResident(c, req, r); });
}

// ---- Policies ----

Policies::Policies(Transport& t) : t_(t), stub_(v1::PolicyService::NewStub(t.channel())) {}

Result<v1::ZonePolicy> Policies::Get(const std::string& name) {
  v1::GetZonePolicyRequest req;
  req.set_name(name);
  return t_.Invoke<v1::ZonePolicy>(
      [&](grpc::ClientContext* c, v1::ZonePolicy* r) { return stub_->GetZonePolicy(c, req, r); });
}

Pager<v1::ZonePolicy> Policies::List(const ListOptions& o) {
  return MakePager<v1::ZonePolicy, v1::ListZonePoliciesResponse>(
      [this, o](const std::string& token) {
        v1::ListZonePoliciesRequest req;
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListZonePoliciesResponse>([&](grpc::ClientContext* c, v1::ListZonePoliciesResponse* r) {
          return stub_->ListZonePolicies(c, req, r);
        });
      },
      [](const v1::ListZonePoliciesResponse& r) -> const auto& { return r.policies(); });
}

Result<v1::ZonePolicy> Policies::Create(const v1::ZonePolicy& policy, std::string request_id) {
  v1::CreateZonePolicyRequest req;
  *req.mutable_policy() = policy;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::ZonePolicy>(
      [&](grpc::ClientContext* c, v1::ZonePolicy* r) { return stub_->CreateZonePolicy(c, req, r); });
}

// ---- ApiKeys ----

ApiKeys::ApiKeys(Transport& t) : t_(t), stub_(v1::AdminService::NewStub(t.channel())) {}

Result<v1::CreateApiKeyResponse> ApiKeys::Create(const v1::ApiKey& key, std::string request_id) {
  v1::CreateApiKeyRequest req;
  *req.mutable_api_key() = key;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::CreateApiKeyResponse>(
      [&](grpc::ClientContext* c, v1::CreateApiKeyResponse* r) { return stub_->CreateApiKey(c, req, r); });
}

Result<v1::ApiKey> ApiKeys::Get(const std::string& name) {
  v1::GetApiKeyRequest req;
  req.set_name(name);
  return t_.Invoke<v1::ApiKey>([&](grpc::ClientContext* c, v1::ApiKey* r) { return stub_->GetApiKey(c, req, r); });
}

Pager<v1::ApiKey> ApiKeys::List(const ListOptions& o) {
  return MakePager<v1::ApiKey, v1::ListApiKeysResponse>(
      [this, o](const std::string& token) {
        v1::ListApiKeysRequest req;
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListApiKeysResponse>(
            [&](grpc::ClientContext* c, v1::ListApiKeysResponse* r) { return stub_->ListApiKeys(c, req, r); });
      },
      [](const v1::ListApiKeysResponse& r) -> const auto& { return r.api_keys(); });
}

Result<v1::ApiKey> ApiKeys::Revoke(const std::string& name, std::string request_id) {
  v1::RevokeApiKeyRequest req;
  req.set_name(name);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::ApiKey>([&](grpc::ClientContext* c, v1::ApiKey* r) { return stub_->RevokeApiKey(c, req, r); });
}

Result<v1::Backup> ApiKeys::CreateBackup(const std::string& path) {
  v1::CreateBackupRequest req;
  req.set_destination_path(path);
  // No request_id to deduplicate a retry with, and a second backup to the
  // same path is refused: one attempt only.
  return t_.Invoke<v1::Backup>([&](grpc::ClientContext* c, v1::Backup* r) { return stub_->CreateBackup(c, req, r); },
                               /*idempotent=*/false);
}

// ---- Audit ----

Audit::Audit(Transport& t) : t_(t), stub_(v1::AuditService::NewStub(t.channel())) {}

Pager<v1::AuditRecord> Audit::List(const ListOptions& o) {
  return MakePager<v1::AuditRecord, v1::ListAuditRecordsResponse>(
      [this, o](const std::string& token) {
        v1::ListAuditRecordsRequest req;
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListAuditRecordsResponse>([&](grpc::ClientContext* c, v1::ListAuditRecordsResponse* r) {
          return stub_->ListAuditRecords(c, req, r);
        });
      },
      [](const v1::ListAuditRecordsResponse& r) -> const auto& { return r.audit_records(); });
}

Result<v1::ListAuditCheckpointsResponse> Audit::ListCheckpointsPage(const ListOptions& o, const std::string& token) {
  v1::ListAuditCheckpointsRequest req;
  SetListOptions(req, o, token);
  return t_.Invoke<v1::ListAuditCheckpointsResponse>([&](grpc::ClientContext* c, v1::ListAuditCheckpointsResponse* r) {
    return stub_->ListAuditCheckpoints(c, req, r);
  });
}

// ---- Land ----

Land::Land(Transport& t) : t_(t), stub_(v1::LandService::NewStub(t.channel())) {}

Result<v1::Plot> Land::GetPlot(const std::string& name) {
  v1::GetPlotRequest req;
  req.set_name(name);
  return t_.Invoke<v1::Plot>([&](grpc::ClientContext* c, v1::Plot* r) { return stub_->GetPlot(c, req, r); });
}

Result<v1::ListPlotsResponse> Land::ListPlotsPage(const ListOptions& o, const std::string& token) {
  v1::ListPlotsRequest req;
  SetListOptions(req, o, token);
  return t_.Invoke<v1::ListPlotsResponse>(
      [&](grpc::ClientContext* c, v1::ListPlotsResponse* r) { return stub_->ListPlots(c, req, r); });
}

Pager<v1::Plot> Land::ListPlots(const ListOptions& o) {
  return MakePager<v1::Plot, v1::ListPlotsResponse>(
      [this, o](const std::string& token) { return ListPlotsPage(o, token); },
      [](const v1::ListPlotsResponse& r) -> const auto& { return r.plots(); });
}

Result<v1::Plot> Land::CreatePlot(const v1::Plot& plot, std::string request_id) {
  v1::CreatePlotRequest req;
  *req.mutable_plot() = plot;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Plot>([&](grpc::ClientContext* c, v1::Plot* r) { return stub_->CreatePlot(c, req, r); });
}

Result<v1::Plot> Land::UpdatePlot(const v1::Plot& plot, const std::vector<std::string>& paths, std::string request_id) {
  v1::UpdatePlotRequest req;
  *req.mutable_plot() = plot;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Plot>([&](grpc::ClientContext* c, v1::Plot* r) { return stub_->UpdatePlot(c, req, r); });
}

Result<v1::Plot> Land::BlockPlot(const std::string& name, const std::string& reason, const std::string& etag,
                                 std::string request_id) {
  return Act<v1::Plot, v1::BlockPlotRequest>(
      t_, name, etag, std::move(request_id), [&](auto& r) { r.set_reason(reason); },
      [&](grpc::ClientContext* c, const auto& req, v1::Plot* r) { return stub_->BlockPlot(c, req, r); });
}

Result<v1::Plot> Land::UnblockPlot(const std::string& name, const std::string& etag, std::string request_id) {
  return Act<v1::Plot, v1::UnblockPlotRequest>(
      t_, name, etag, std::move(request_id), [](auto&) {},
      [&](grpc::ClientContext* c, const auto& req, v1::Plot* r) { return stub_->UnblockPlot(c, req, r); });
}

Result<v1::Plot> Land::RetirePlot(const std::string& name, const std::string& reason,
                                  const std::vector<std::string>& successors, const std::string& etag,
                                  std::string request_id) {
  return Act<v1::Plot, v1::RetirePlotRequest>(
      t_, name, etag, std::move(request_id),
      [&](auto& r) {
        r.set_reason(reason);
        for (const auto& s : successors) r.add_successors(s);
      },
      [&](grpc::ClientContext* c, const auto& req, v1::Plot* r) { return stub_->RetirePlot(c, req, r); });
}

Result<v1::Plot> Land::ReservePlot(const std::string& name, const std::string& application, const std::string& etag,
                                   std::string request_id) {
  return Act<v1::Plot, v1::ReservePlotRequest>(
      t_, name, etag, std::move(request_id), [&](auto& r) { r.set_application(application); },
      [&](grpc::ClientContext* c, const auto& req, v1::Plot* r) { return stub_->ReservePlot(c, req, r); });
}

Result<v1::Plot> Land::ReleasePlotReservation(const std::string& name, const std::string& reason,
                                              const std::string& etag, std::string request_id) {
  return Act<v1::Plot, v1::ReleasePlotReservationRequest>(
      t_, name, etag, std::move(request_id), [&](auto& r) { r.set_reason(reason); },
      [&](grpc::ClientContext* c, const auto& req, v1::Plot* r) { return stub_->ReleasePlotReservation(c, req, r); });
}

Result<v1::Lease> Land::GetLease(const std::string& name) {
  v1::GetLeaseRequest req;
  req.set_name(name);
  return t_.Invoke<v1::Lease>([&](grpc::ClientContext* c, v1::Lease* r) { return stub_->GetLease(c, req, r); });
}

Pager<v1::Lease> Land::ListLeases(const ListOptions& o) {
  return MakePager<v1::Lease, v1::ListLeasesResponse>(
      [this, o](const std::string& token) {
        v1::ListLeasesRequest req;
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListLeasesResponse>(
            [&](grpc::ClientContext* c, v1::ListLeasesResponse* r) { return stub_->ListLeases(c, req, r); });
      },
      [](const v1::ListLeasesResponse& r) -> const auto& { return r.leases(); });
}

Result<v1::Lease> Land::CreateLease(const v1::Lease& lease, std::string request_id) {
  v1::CreateLeaseRequest req;
  *req.mutable_lease() = lease;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Lease>([&](grpc::ClientContext* c, v1::Lease* r) { return stub_->CreateLease(c, req, r); });
}

Result<v1::Lease> Land::TerminateLease(const std::string& name, const std::string& reason, const std::string& etag,
                                       std::string request_id) {
  v1::TerminateLeaseRequest req;
  req.set_name(name);
  req.set_reason(reason);
  req.set_etag(etag);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Lease>([&](grpc::ClientContext* c, v1::Lease* r) { return stub_->TerminateLease(c, req, r); });
}

Result<v1::LandUtilisation> Land::GetUtilisation() {
  v1::GetLandUtilisationRequest req;
  return t_.Invoke<v1::LandUtilisation>(
      [&](grpc::ClientContext* c, v1::LandUtilisation* r) { return stub_->GetLandUtilisation(c, req, r); });
}

// ---- Support ----

Support::Support(Transport& t) : t_(t), stub_(v1::SupportService::NewStub(t.channel())) {}

Result<v1::SupportMeasure> Support::GetMeasure(const std::string& name) {
  v1::GetSupportMeasureRequest req;
  req.set_name(name);
  return t_.Invoke<v1::SupportMeasure>(
      [&](grpc::ClientContext* c, v1::SupportMeasure* r) { return stub_->GetSupportMeasure(c, req, r); });
}

Pager<v1::SupportMeasure> Support::ListMeasures(const ListOptions& o) {
  return MakePager<v1::SupportMeasure, v1::ListSupportMeasuresResponse>(
      [this, o](const std::string& token) {
        v1::ListSupportMeasuresRequest req;
        SetListOptions(req, o, token);
        req.set_open_only(o.open_only);
        return t_.Invoke<v1::ListSupportMeasuresResponse>(
            [&](grpc::ClientContext* c, v1::ListSupportMeasuresResponse* r) {
              return stub_->ListSupportMeasures(c, req, r);
            });
      },
      [](const v1::ListSupportMeasuresResponse& r) -> const auto& { return r.measures(); });
}

Result<v1::SupportMeasure> Support::CreateMeasure(const v1::SupportMeasure& measure, std::string request_id) {
  v1::CreateSupportMeasureRequest req;
  *req.mutable_measure() = measure;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::SupportMeasure>(
      [&](grpc::ClientContext* c, v1::SupportMeasure* r) { return stub_->CreateSupportMeasure(c, req, r); });
}

Result<v1::SupportMeasure> Support::UpdateMeasure(const v1::SupportMeasure& measure,
                                                  const std::vector<std::string>& paths, std::string request_id) {
  v1::UpdateSupportMeasureRequest req;
  *req.mutable_measure() = measure;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::SupportMeasure>(
      [&](grpc::ClientContext* c, v1::SupportMeasure* r) { return stub_->UpdateSupportMeasure(c, req, r); });
}

Result<v1::CheckSupportEligibilityResponse> Support::CheckEligibility(const std::string& measure,
                                                                      const std::string& resident) {
  v1::CheckSupportEligibilityRequest req;
  req.set_measure(measure);
  req.set_resident(resident);
  return t_.Invoke<v1::CheckSupportEligibilityResponse>(
      [&](grpc::ClientContext* c, v1::CheckSupportEligibilityResponse* r) {
        return stub_->CheckSupportEligibility(c, req, r);
      });
}

Result<v1::SupportMeasureStatistics> Support::Statistics(const std::string& measure) {
  v1::GetSupportMeasureStatisticsRequest req;
  req.set_measure(measure);
  return t_.Invoke<v1::SupportMeasureStatistics>([&](grpc::ClientContext* c, v1::SupportMeasureStatistics* r) {
    return stub_->GetSupportMeasureStatistics(c, req, r);
  });
}

Result<v1::SupportRequest> Support::GetRequest(const std::string& name) {
  v1::GetSupportRequestRequest req;
  req.set_name(name);
  return t_.Invoke<v1::SupportRequest>(
      [&](grpc::ClientContext* c, v1::SupportRequest* r) { return stub_->GetSupportRequest(c, req, r); });
}

Pager<v1::SupportRequest> Support::ListRequests(const ListOptions& o) {
  return MakePager<v1::SupportRequest, v1::ListSupportRequestsResponse>(
      [this, o](const std::string& token) {
        v1::ListSupportRequestsRequest req;
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListSupportRequestsResponse>(
            [&](grpc::ClientContext* c, v1::ListSupportRequestsResponse* r) {
              return stub_->ListSupportRequests(c, req, r);
            });
      },
      [](const v1::ListSupportRequestsResponse& r) -> const auto& { return r.requests(); });
}

Result<v1::SupportRequest> Support::CreateRequest(const v1::SupportRequest& request, std::string request_id) {
  v1::CreateSupportRequestRequest req;
  *req.mutable_request() = request;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::SupportRequest>(
      [&](grpc::ClientContext* c, v1::SupportRequest* r) { return stub_->CreateSupportRequest(c, req, r); });
}

Result<v1::SupportRequest> Support::UpdateRequest(const v1::SupportRequest& request,
                                                  const std::vector<std::string>& paths, std::string request_id) {
  v1::UpdateSupportRequestRequest req;
  *req.mutable_request() = request;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::SupportRequest>(
      [&](grpc::ClientContext* c, v1::SupportRequest* r) { return stub_->UpdateSupportRequest(c, req, r); });
}

#define BIOPOLIS_SUPPORT_ACT(Request, Method, fill)                     \
  return Act<v1::SupportRequest, Request>(                              \
      t_, name, etag, std::move(request_id), [&](Request& r) { fill; }, \
      [&](grpc::ClientContext* c, const Request& req, v1::SupportRequest* r) { return stub_->Method(c, req, r); })

Result<v1::SupportRequest> Support::Submit(const std::string& name, const std::string& etag, std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::SubmitSupportRequestRequest, SubmitSupportRequest, (void)r);
}
Result<v1::SupportRequest> Support::Accept(const std::string& name, const std::string& etag, std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::AcceptSupportRequestRequest, AcceptSupportRequest, (void)r);
}
Result<v1::SupportRequest> Support::RequestInformation(const std::string& name, const std::string& text,
                                                       const std::string& etag, std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::RequestSupportInformationRequest, RequestSupportInformation, r.set_text(text));
}
Result<v1::SupportRequest> Support::Respond(const std::string& name, const std::string& response,
                                            const std::string& etag, std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::RespondToSupportInformationRequestRequest, RespondToSupportInformationRequest,
                       r.set_response(response));
}
Result<v1::SupportRequest> Support::Approve(const std::string& name, std::int64_t granted_kopecks,
                                            const std::string& etag, std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::ApproveSupportRequestRequest, ApproveSupportRequest, r.set_granted_kopecks(granted_kopecks));
}
Result<v1::SupportRequest> Support::Reject(const std::string& name, const std::string& reason, const std::string& etag,
                                           std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::RejectSupportRequestRequest, RejectSupportRequest, r.set_reason(reason));
}
Result<v1::SupportRequest> Support::Withdraw(const std::string& name, const std::string& reason,
                                             const std::string& etag, std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::WithdrawSupportRequestRequest, WithdrawSupportRequest, r.set_reason(reason));
}
Result<v1::SupportRequest> Support::Disburse(const std::string& name,
                                             const v1::SupportRequest::Disbursement& disbursement,
                                             const std::string& etag, std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::RecordDisbursementRequest, RecordDisbursement, *r.mutable_disbursement() = disbursement);
}
Result<v1::SupportRequest> Support::Close(const std::string& name, const std::string& reason, const std::string& etag,
                                          std::string request_id) {
  BIOPOLIS_SUPPORT_ACT(v1::CloseSupportRequestRequest, CloseSupportRequest, r.set_reason(reason));
}
#undef BIOPOLIS_SUPPORT_ACT

// ---- ServiceDesk ----

ServiceDesk::ServiceDesk(Transport& t) : t_(t), stub_(v1::ServiceDeskService::NewStub(t.channel())) {}

Result<v1::ServiceType> ServiceDesk::GetType(const std::string& name) {
  v1::GetServiceTypeRequest req;
  req.set_name(name);
  return t_.Invoke<v1::ServiceType>(
      [&](grpc::ClientContext* c, v1::ServiceType* r) { return stub_->GetServiceType(c, req, r); });
}

Pager<v1::ServiceType> ServiceDesk::ListTypes(const ListOptions& o) {
  return MakePager<v1::ServiceType, v1::ListServiceTypesResponse>(
      [this, o](const std::string& token) {
        v1::ListServiceTypesRequest req;
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListServiceTypesResponse>([&](grpc::ClientContext* c, v1::ListServiceTypesResponse* r) {
          return stub_->ListServiceTypes(c, req, r);
        });
      },
      [](const v1::ListServiceTypesResponse& r) -> const auto& { return r.service_types(); });
}

Result<v1::ServiceType> ServiceDesk::CreateType(const v1::ServiceType& type, std::string request_id) {
  v1::CreateServiceTypeRequest req;
  *req.mutable_service_type() = type;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::ServiceType>(
      [&](grpc::ClientContext* c, v1::ServiceType* r) { return stub_->CreateServiceType(c, req, r); });
}

Result<v1::ServiceType> ServiceDesk::UpdateType(const v1::ServiceType& type, const std::vector<std::string>& paths,
                                                std::string request_id) {
  v1::UpdateServiceTypeRequest req;
  *req.mutable_service_type() = type;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::ServiceType>(
      [&](grpc::ClientContext* c, v1::ServiceType* r) { return stub_->UpdateServiceType(c, req, r); });
}

Result<v1::ServiceRequest> ServiceDesk::GetRequest(const std::string& name) {
  v1::GetServiceRequestRequest req;
  req.set_name(name);
  return t_.Invoke<v1::ServiceRequest>(
      [&](grpc::ClientContext* c, v1::ServiceRequest* r) { return stub_->GetServiceRequest(c, req, r); });
}

Pager<v1::ServiceRequest> ServiceDesk::ListRequests(const ListOptions& o) {
  return MakePager<v1::ServiceRequest, v1::ListServiceRequestsResponse>(
      [this, o](const std::string& token) {
        v1::ListServiceRequestsRequest req;
        SetListOptions(req, o, token);
        req.set_overdue_only(o.overdue_only);
        return t_.Invoke<v1::ListServiceRequestsResponse>(
            [&](grpc::ClientContext* c, v1::ListServiceRequestsResponse* r) {
              return stub_->ListServiceRequests(c, req, r);
            });
      },
      [](const v1::ListServiceRequestsResponse& r) -> const auto& { return r.requests(); });
}

Result<v1::ServiceRequest> ServiceDesk::CreateRequest(const v1::ServiceRequest& request, std::string request_id) {
  v1::CreateServiceRequestRequest req;
  *req.mutable_service_request() = request;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::ServiceRequest>(
      [&](grpc::ClientContext* c, v1::ServiceRequest* r) { return stub_->CreateServiceRequest(c, req, r); });
}

#define BIOPOLIS_DESK_ACT(Request, Method, fill)                        \
  return Act<v1::ServiceRequest, Request>(                              \
      t_, name, etag, std::move(request_id), [&](Request& r) { fill; }, \
      [&](grpc::ClientContext* c, const Request& req, v1::ServiceRequest* r) { return stub_->Method(c, req, r); })

Result<v1::ServiceRequest> ServiceDesk::Take(const std::string& name, const std::string& etag, std::string request_id) {
  BIOPOLIS_DESK_ACT(v1::TakeServiceRequestRequest, TakeServiceRequest, (void)r);
}
Result<v1::ServiceRequest> ServiceDesk::AskResident(const std::string& name, const std::string& text,
                                                    const std::string& etag, std::string request_id) {
  BIOPOLIS_DESK_ACT(v1::AskResidentRequest, AskResident, r.set_text(text));
}
Result<v1::ServiceRequest> ServiceDesk::Respond(const std::string& name, const std::string& text,
                                                const std::string& etag, std::string request_id) {
  BIOPOLIS_DESK_ACT(v1::RespondToServiceRequestRequest, RespondToServiceRequest, r.set_text(text));
}
Result<v1::ServiceRequest> ServiceDesk::Resolve(const std::string& name, const std::string& outcome,
                                                const std::string& etag, std::string request_id) {
  BIOPOLIS_DESK_ACT(v1::ResolveServiceRequestRequest, ResolveServiceRequest, r.set_outcome(outcome));
}
Result<v1::ServiceRequest> ServiceDesk::Confirm(const std::string& name, const std::string& etag,
                                                std::string request_id) {
  BIOPOLIS_DESK_ACT(v1::ConfirmServiceRequestRequest, ConfirmServiceRequest, (void)r);
}
Result<v1::ServiceRequest> ServiceDesk::Reopen(const std::string& name, const std::string& reason,
                                               const std::string& etag, std::string request_id) {
  BIOPOLIS_DESK_ACT(v1::ReopenServiceRequestRequest, ReopenServiceRequest, r.set_reason(reason));
}
Result<v1::ServiceRequest> ServiceDesk::Cancel(const std::string& name, const std::string& reason,
                                               const std::string& etag, std::string request_id) {
  BIOPOLIS_DESK_ACT(v1::CancelServiceRequestRequest, CancelServiceRequest, r.set_reason(reason));
}
#undef BIOPOLIS_DESK_ACT

Result<v1::ServiceMessage> ServiceDesk::AddMessage(const std::string& parent, const std::string& text,
                                                   std::string request_id) {
  v1::CreateServiceMessageRequest req;
  req.set_parent(parent);
  req.mutable_message()->set_text(text);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::ServiceMessage>(
      [&](grpc::ClientContext* c, v1::ServiceMessage* r) { return stub_->CreateServiceMessage(c, req, r); });
}

Pager<v1::ServiceMessage> ServiceDesk::ListMessages(const std::string& parent, const ListOptions& o) {
  return MakePager<v1::ServiceMessage, v1::ListServiceMessagesResponse>(
      [this, parent, o](const std::string& token) {
        v1::ListServiceMessagesRequest req;
        req.set_parent(parent);
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListServiceMessagesResponse>(
            [&](grpc::ClientContext* c, v1::ListServiceMessagesResponse* r) {
              return stub_->ListServiceMessages(c, req, r);
            });
      },
      [](const v1::ListServiceMessagesResponse& r) -> const auto& { return r.messages(); });
}

Result<v1::ServiceDeskStatistics> ServiceDesk::Statistics() {
  v1::GetServiceDeskStatisticsRequest req;
  return t_.Invoke<v1::ServiceDeskStatistics>(
      [&](grpc::ClientContext* c, v1::ServiceDeskStatistics* r) { return stub_->GetServiceDeskStatistics(c, req, r); });
}

// ---- Reporting ----

Reporting::Reporting(Transport& t)
    : t_(t),
      stub_(v1::ReportingService::NewStub(t.channel())),
      statistics_(v1::StatisticsService::NewStub(t.channel())) {}

Result<v1::Report> Reporting::Get(const std::string& name) {
  v1::GetReportRequest req;
  req.set_name(name);
  return t_.Invoke<v1::Report>([&](grpc::ClientContext* c, v1::Report* r) { return stub_->GetReport(c, req, r); });
}

Pager<v1::Report> Reporting::List(const ListOptions& o) {
  return MakePager<v1::Report, v1::ListReportsResponse>(
      [this, o](const std::string& token) {
        v1::ListReportsRequest req;
        SetListOptions(req, o, token);
        return t_.Invoke<v1::ListReportsResponse>(
            [&](grpc::ClientContext* c, v1::ListReportsResponse* r) { return stub_->ListReports(c, req, r); });
      },
      [](const v1::ListReportsResponse& r) -> const auto& { return r.reports(); });
}

Result<v1::Report> Reporting::Create(const v1::Report& report, std::string request_id) {
  v1::CreateReportRequest req;
  *req.mutable_report() = report;
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Report>([&](grpc::ClientContext* c, v1::Report* r) { return stub_->CreateReport(c, req, r); });
}

Result<v1::Report> Reporting::Update(const v1::Report& report, const std::vector<std::string>& paths,
                                     std::string request_id) {
  v1::UpdateReportRequest req;
  *req.mutable_report() = report;
  for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Report>([&](grpc::ClientContext* c, v1::Report* r) { return stub_->UpdateReport(c, req, r); });
}

Result<v1::Report> Reporting::Submit(const std::string& name, const std::string& etag, std::string request_id) {
  return Act<v1::Report, v1::SubmitReportRequest>(
      t_, name, etag, std::move(request_id), [](auto&) {},
      [&](grpc::ClientContext* c, const auto& req, v1::Report* r) { return stub_->SubmitReport(c, req, r); });
}

Result<v1::Report> Reporting::Accept(const std::string& name, const std::string& etag, std::string request_id) {
  return Act<v1::Report, v1::AcceptReportRequest>(
      t_, name, etag, std::move(request_id), [](auto&) {},
      [&](grpc::ClientContext* c, const auto& req, v1::Report* r) { return stub_->AcceptReport(c, req, r); });
}

Result<v1::Report> Reporting::Return(const std::string& name, const std::string& comment, const std::string& etag,
                                     std::string request_id) {
  return Act<v1::Report, v1::ReturnReportRequest>(
      t_, name, etag, std::move(request_id), [&](auto& r) { r.set_comment(comment); },
      [&](grpc::ClientContext* c, const auto& req, v1::Report* r) { return stub_->ReturnReport(c, req, r); });
}

Result<v1::Report> Reporting::Correct(const std::string& name, std::string request_id) {
  v1::CorrectReportRequest req;
  req.set_name(name);
  req.set_request_id(std::move(request_id));
  EnsureRequestId(req);
  return t_.Invoke<v1::Report>([&](grpc::ClientContext* c, v1::Report* r) { return stub_->CorrectReport(c, req, r); });
}

Result<v1::ListOverdueReportsResponse> Reporting::ListOverduePage(const ListOptions& options,
                                                                  const std::string& page_token) {
  v1::ListOverdueReportsRequest req;
  req.set_page_size(options.page_size);
  req.set_page_token(page_token);
  return t_.Invoke<v1::ListOverdueReportsResponse>(
      [&](grpc::ClientContext* c, v1::ListOverdueReportsResponse* r) { return stub_->ListOverdueReports(c, req, r); });
}

Pager<v1::OverdueReport> Reporting::ListOverdue(const ListOptions& options) {
  return MakePager<v1::OverdueReport, v1::ListOverdueReportsResponse>(
      [this, options](const std::string& token) { return ListOverduePage(options, token); },
      [](const v1::ListOverdueReportsResponse& r) -> const auto& { return r.overdue(); });
}

Result<v1::ResidentCompliance> Reporting::Compliance(const std::string& resident) {
  v1::GetResidentComplianceRequest req;
  req.set_resident(resident);
  return t_.Invoke<v1::ResidentCompliance>(
      [&](grpc::ClientContext* c, v1::ResidentCompliance* r) { return stub_->GetResidentCompliance(c, req, r); });
}

Pager<v1::ResidentCompliance> Reporting::ListCompliance(v1::ComplianceStatus only, const ListOptions& o) {
  return MakePager<v1::ResidentCompliance, v1::ListResidentComplianceResponse>(
      [this, only, o](const std::string& token) {
        v1::ListResidentComplianceRequest req;
        SetListOptions(req, o, token);
        req.set_status(only);
        return t_.Invoke<v1::ListResidentComplianceResponse>(
            [&](grpc::ClientContext* c, v1::ListResidentComplianceResponse* r) {
              return stub_->ListResidentCompliance(c, req, r);
            });
      },
      [](const v1::ListResidentComplianceResponse& r) -> const auto& { return r.residents(); });
}

Result<v1::ZoneStatistics> Reporting::ZoneStatistics(const google::type::Date* as_of) {
  v1::GetZoneStatisticsRequest req;
  if (as_of != nullptr) *req.mutable_as_of() = *as_of;
  return t_.Invoke<v1::ZoneStatistics>(
      [&](grpc::ClientContext* c, v1::ZoneStatistics* r) { return statistics_->GetZoneStatistics(c, req, r); });
}

// ---- Events ----

Events::Events(Transport& t) : t_(t), stub_(v1::EventService::NewStub(t.channel())) {}

std::unique_ptr<EventStream> Events::Watch(WatchOptions options) {
  return std::make_unique<EventStream>(t_, *stub_, std::move(options));
}

EventStream::EventStream(Transport& transport, v1::EventService::Stub& stub, WatchOptions options)
    : transport_(transport), stub_(stub), options_(std::move(options)), last_sequence_(options_.after_sequence) {}

EventStream::~EventStream() {
  Cancel();
  if (reader_) reader_->Finish();
}

bool EventStream::Open() {
  std::lock_guard<std::mutex> lock(mu_);
  if (cancelled_) return false;  // a Cancel() before the first Next() holds
  context_ = std::make_unique<grpc::ClientContext>();
  if (!transport_.options().api_key.empty()) {
    context_->AddMetadata("authorization", "Bearer " + transport_.options().api_key);
  }
  v1::WatchEventsRequest req;
  // On a reconnection, resume after the last delivered event (start_at_now only the first time).
  req.set_after_sequence(last_sequence_);
  req.set_start_at_now(!opened_ && options_.start_at_now);
  learn_start_ = req.start_at_now();
  awaiting_open_ = true;
  opened_ = true;
  for (const auto& t : options_.resource_types) req.add_resource_types(t);
  reader_ = stub_.WatchEvents(context_.get(), req);
  return true;
}

bool EventStream::AwaitOpened() {
  awaiting_open_ = false;
  reader_->WaitForInitialMetadata();  // returns at once, or when the call ends
  const auto& metadata = context_->GetServerInitialMetadata();
  auto it = metadata.find("biopolis-start-after");
  if (it == metadata.end()) return false;  // refused, or an older server
  if (learn_start_) {
    learn_start_ = false;
    std::int64_t after = 0;
    const std::string value(it->second.data(), it->second.size());
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), after);
    if (ec == std::errc() && end == value.data() + value.size() && after >= 0) last_sequence_ = after;
  }
  return true;
}

bool EventStream::Cancelled() {
  std::lock_guard<std::mutex> lock(mu_);
  return cancelled_;
}

bool EventStream::SleepUnlessCancelled(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mu_);
  return !cancel_cv_.wait_for(lock, d, [this] { return cancelled_; });
}

namespace {

// Ends a watch for good: errors a reconnection cannot cure.
bool Permanent(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::OUT_OF_RANGE:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool EventStream::Next(v1::Event* event) {
  const Error cancelled(grpc::StatusCode::CANCELLED, "the watch was cancelled by its caller", kCancelledByCaller);
  const RetryPolicy& retry = transport_.options().retry;
  int failed_reconnects = 0;
  while (true) {
    if (Cancelled()) {
      error_ = cancelled;
      return false;
    }
    if (!reader_ && !Open()) {
      error_ = cancelled;
      return false;
    }
    if (awaiting_open_ && AwaitOpened()) {
      // A successful (re)open: the next failure starts its backoff afresh.
      backoff_ = std::chrono::milliseconds(0);
      failed_reconnects = 0;
    }
    if (reader_->Read(event)) {
      last_sequence_ = event->sequence();
      backoff_ = std::chrono::milliseconds(0);
      return true;
    }
    grpc::Status status = reader_->Finish();
    {
      std::lock_guard<std::mutex> lock(mu_);
      reader_.reset();
      context_.reset();
      if (cancelled_) {
        error_ = cancelled;
        return false;
      }
    }
    if (Permanent(status.error_code())) {
      error_ = Error::FromStatus(status);
      return false;
    }
    if (options_.max_reconnects > 0 && ++failed_reconnects > options_.max_reconnects) {
      error_ = Error::FromStatus(status);
      return false;
    }
    // Jittered exponential backoff between reconnections (not reset by Next
    // calls, only by a successful reopen), at least the server's RetryInfo.
    backoff_ = backoff_.count() == 0 ? retry.initial_backoff : std::min(retry.max_backoff, backoff_ * 2);
    std::uniform_int_distribution<long long> jitter(backoff_.count() / 2, backoff_.count());
    auto sleep = std::max(Error::FromStatus(status).retry_delay(), std::chrono::milliseconds(jitter(ThreadRng())));
    if (!SleepUnlessCancelled(sleep)) {
      error_ = cancelled;
      return false;
    }
  }
}

void EventStream::Cancel() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    if (context_) context_->TryCancel();
  }
  cancel_cv_.notify_all();
}

// ---- Client ----

Client::Client(ClientOptions options)
    : transport_(options, MakeChannel(options)),
      organizations_(transport_),
      applications_(transport_),
      residents_(transport_),
      policies_(transport_),
      api_keys_(transport_),
      audit_(transport_),
      land_(transport_),
      support_(transport_),
      service_desk_(transport_),
      reporting_(transport_),
      events_(transport_) {}

Client::~Client() = default;

}  // namespace biopolis::client
