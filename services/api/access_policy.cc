#include "services/api/access_policy.h"

namespace biopolis {
namespace {

constexpr Role A = Role::kAdmin;
constexpr Role O = Role::kOfficer;
constexpr Role R = Role::kResident;
constexpr Role U = Role::kAuditor;

}  // namespace

const std::map<std::string, std::set<Role>, std::less<>>& MethodRoles() {
  static const std::map<std::string, std::set<Role>, std::less<>> kTable = {
      // Organizations: the intake desk registers; residents keep contacts current.
      {"/biopolis.v1.OrganizationService/GetOrganization", {A, O, R, U}},
      {"/biopolis.v1.OrganizationService/ListOrganizations", {A, O, R, U}},
      {"/biopolis.v1.OrganizationService/CreateOrganization", {O}},
      {"/biopolis.v1.OrganizationService/UpdateOrganization", {O, R}},
      // Applications: the company drafts, submits, answers, withdraws; officers decide.
      {"/biopolis.v1.ApplicationService/GetApplication", {O, R, U}},
      {"/biopolis.v1.ApplicationService/ListApplications", {O, R, U}},
      {"/biopolis.v1.ApplicationService/CreateApplication", {R}},
      {"/biopolis.v1.ApplicationService/UpdateApplication", {R}},
      {"/biopolis.v1.ApplicationService/DeleteApplication", {R}},
      {"/biopolis.v1.ApplicationService/CheckApplicationEligibility", {O, R}},
      {"/biopolis.v1.ApplicationService/SubmitApplication", {R}},
      {"/biopolis.v1.ApplicationService/AcceptApplication", {O}},
      {"/biopolis.v1.ApplicationService/RequestApplicationInformation", {O}},
      {"/biopolis.v1.ApplicationService/RespondToInformationRequest", {R}},
      {"/biopolis.v1.ApplicationService/ReferApplicationToExpertCouncil", {O}},
      {"/biopolis.v1.ApplicationService/RecordExpertOpinion", {O}},
      {"/biopolis.v1.ApplicationService/ApproveApplication", {O}},
      {"/biopolis.v1.ApplicationService/RejectApplication", {O}},
      {"/biopolis.v1.ApplicationService/WithdrawApplication", {R}},
      {"/biopolis.v1.ApplicationService/SignAgreement", {O}},
      // The registry: public to authenticated callers; officers manage status.
      {"/biopolis.v1.ResidentService/GetResident", {A, O, R, U}},
      {"/biopolis.v1.ResidentService/ListResidents", {A, O, R, U}},
      {"/biopolis.v1.ResidentService/IssueViolationNotice", {O}},
      {"/biopolis.v1.ResidentService/CureViolation", {O}},
      {"/biopolis.v1.ResidentService/TerminateResident", {O}},
      // Zone policy: everyone reads; administrators publish versions.
      {"/biopolis.v1.PolicyService/GetZonePolicy", {A, O, R, U}},
      {"/biopolis.v1.PolicyService/ListZonePolicies", {A, O, R, U}},
      {"/biopolis.v1.PolicyService/CreateZonePolicy", {A}},
      // Keys: administrators only.
      {"/biopolis.v1.AdminService/CreateApiKey", {A}},
      {"/biopolis.v1.AdminService/GetApiKey", {A}},
      {"/biopolis.v1.AdminService/ListApiKeys", {A}},
      {"/biopolis.v1.AdminService/RevokeApiKey", {A}},
      {"/biopolis.v1.AdminService/CreateBackup", {A}},
      // Land: everyone authenticated searches plots; officers manage plots and leases.
      {"/biopolis.v1.LandService/GetPlot", {A, O, R, U}},
      {"/biopolis.v1.LandService/ListPlots", {A, O, R, U}},
      {"/biopolis.v1.LandService/CreatePlot", {O}},
      {"/biopolis.v1.LandService/UpdatePlot", {O}},
      {"/biopolis.v1.LandService/BlockPlot", {O}},
      {"/biopolis.v1.LandService/UnblockPlot", {O}},
      {"/biopolis.v1.LandService/RetirePlot", {O}},
      {"/biopolis.v1.LandService/ReservePlot", {O}},
      {"/biopolis.v1.LandService/ReleasePlotReservation", {O}},
      {"/biopolis.v1.LandService/GetLease", {O, R, U}},
      {"/biopolis.v1.LandService/ListLeases", {O, R, U}},
      {"/biopolis.v1.LandService/CreateLease", {O}},
      {"/biopolis.v1.LandService/TerminateLease", {O}},
      {"/biopolis.v1.LandService/GetLandUtilisation", {O, U}},
      // Support measures: a public catalogue kept by officers; residents request, officers decide.
      {"/biopolis.v1.SupportService/GetSupportMeasure", {A, O, R, U}},
      {"/biopolis.v1.SupportService/ListSupportMeasures", {A, O, R, U}},
      {"/biopolis.v1.SupportService/CreateSupportMeasure", {O}},
      {"/biopolis.v1.SupportService/UpdateSupportMeasure", {O}},
      {"/biopolis.v1.SupportService/CheckSupportEligibility", {O, R}},
      {"/biopolis.v1.SupportService/GetSupportMeasureStatistics", {O, U}},
      {"/biopolis.v1.SupportService/GetSupportRequest", {O, R, U}},
      {"/biopolis.v1.SupportService/ListSupportRequests", {O, R, U}},
      {"/biopolis.v1.SupportService/CreateSupportRequest", {R}},
      {"/biopolis.v1.SupportService/UpdateSupportRequest", {R}},
      {"/biopolis.v1.SupportService/SubmitSupportRequest", {R}},
      {"/biopolis.v1.SupportService/AcceptSupportRequest", {O}},
      {"/biopolis.v1.SupportService/RequestSupportInformation", {O}},
      {"/biopolis.v1.SupportService/RespondToSupportInformationRequest", {R}},
      {"/biopolis.v1.SupportService/ApproveSupportRequest", {O}},
      {"/biopolis.v1.SupportService/RejectSupportRequest", {O}},
      {"/biopolis.v1.SupportService/WithdrawSupportRequest", {R}},
      {"/biopolis.v1.SupportService/RecordDisbursement", {O}},
      {"/biopolis.v1.SupportService/CloseSupportRequest", {O}},
      // One-stop shop: administrators keep the catalogue; residents open requests; officers work them.
      {"/biopolis.v1.ServiceDeskService/GetServiceType", {A, O, R, U}},
      {"/biopolis.v1.ServiceDeskService/ListServiceTypes", {A, O, R, U}},
      {"/biopolis.v1.ServiceDeskService/CreateServiceType", {A}},
      {"/biopolis.v1.ServiceDeskService/UpdateServiceType", {A}},
      {"/biopolis.v1.ServiceDeskService/GetServiceRequest", {O, R, U}},
      {"/biopolis.v1.ServiceDeskService/ListServiceRequests", {O, R, U}},
      {"/biopolis.v1.ServiceDeskService/CreateServiceRequest", {R}},
      {"/biopolis.v1.ServiceDeskService/TakeServiceRequest", {O}},
      {"/biopolis.v1.ServiceDeskService/AskResident", {O}},
      {"/biopolis.v1.ServiceDeskService/RespondToServiceRequest", {R}},
      {"/biopolis.v1.ServiceDeskService/ResolveServiceRequest", {O}},
      {"/biopolis.v1.ServiceDeskService/ConfirmServiceRequest", {R}},
      {"/biopolis.v1.ServiceDeskService/ReopenServiceRequest", {R}},
      {"/biopolis.v1.ServiceDeskService/CancelServiceRequest", {R}},
      {"/biopolis.v1.ServiceDeskService/CreateServiceMessage", {O, R}},
      {"/biopolis.v1.ServiceDeskService/ListServiceMessages", {O, R, U}},
      {"/biopolis.v1.ServiceDeskService/GetServiceDeskStatistics", {O, U}},
      // Reports: residents file, officers decide; compliance and statistics for the ministry.
      {"/biopolis.v1.ReportingService/GetReport", {O, R, U}},
      {"/biopolis.v1.ReportingService/ListReports", {O, R, U}},
      {"/biopolis.v1.ReportingService/CreateReport", {R}},
      {"/biopolis.v1.ReportingService/UpdateReport", {R}},
      {"/biopolis.v1.ReportingService/SubmitReport", {R}},
      {"/biopolis.v1.ReportingService/AcceptReport", {O}},
      {"/biopolis.v1.ReportingService/ReturnReport", {O}},
      {"/biopolis.v1.ReportingService/CorrectReport", {R}},
      {"/biopolis.v1.ReportingService/ListOverdueReports", {O, U}},
      {"/biopolis.v1.ReportingService/GetResidentCompliance", {O, R, U}},
      {"/biopolis.v1.ReportingService/ListResidentCompliance", {O, U}},
      {"/biopolis.v1.StatisticsService/GetZoneStatistics", {O, U}},
      // The change feed: everyone authenticated; residents see their own organization's events.
      {"/biopolis.v1.EventService/WatchEvents", {A, O, R, U}},
      // Audit log: auditors and administrators.
      {"/biopolis.v1.AuditService/ListAuditRecords", {A, U}},
      {"/biopolis.v1.AuditService/ListAuditCheckpoints", {A, U}},
  };
  return kTable;
}

Status AuthorizeMethod(std::string_view method, Role role) {
  const auto& table = MethodRoles();
  auto it = table.find(method);
  if (it == table.end() || it->second.count(role) == 0) {
    return Status::PermissionDenied(std::string(RoleName(role)) + " may not call " + std::string(method));
  }
  return Status::Ok();
}

}  // namespace biopolis
