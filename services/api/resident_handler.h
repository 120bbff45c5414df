// gRPC adapter of ResidentService over ResidentRegistry.
#pragma once

#include "biopolis/v1/resident.grpc.pb.h"
#include "services/api/call_gate.h"
#include "services/residents/resident_registry.h"

namespace biopolis {

class ResidentHandler final : public v1::ResidentService::CallbackService {
 public:
  explicit ResidentHandler(CallGate& gate) : gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* GetResident(Ctx* ctx, const v1::GetResidentRequest* req, v1::Resident* resp) override;
  Reactor* ListResidents(Ctx* ctx, const v1::ListResidentsRequest* req, v1::ListResidentsResponse* resp) override;
  Reactor* ListResidentVersions(Ctx* ctx, const v1::ListResidentVersionsRequest* req,
                                v1::ListResidentVersionsResponse* resp) override;
  Reactor* IssueViolationNotice(Ctx* ctx, const v1::IssueViolationNoticeRequest* req, v1::Resident* resp) override;
  Reactor* CureViolation(Ctx* ctx, const v1::CureViolationRequest* req, v1::Resident* resp) override;
  Reactor* TerminateResident(Ctx* ctx, const v1::TerminateResidentRequest* req, v1::Resident* resp) override;

 private:
  template <typename Request>
  Reactor* Act(Ctx* ctx, const char* method, const Request& req, v1::Resident* resp, ResidentAction action,
               ResidentActionArgs args);

  CallGate& gate_;
};

}  // namespace biopolis
