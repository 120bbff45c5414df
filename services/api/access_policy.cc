#include "services/api/access_policy.h"

#include "biopolis/v1/method_paths.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {

constexpr Role A = Role::kAdmin;
constexpr Role O = Role::kOfficer;
constexpr Role R = Role::kResident;
constexpr Role U = Role::kAuditor;
constexpr Role P = Role::kPublic;

}  // namespace

const std::map<std::string, std::set<Role>, std::less<>>& MethodRoles() {
  static const std::map<std::string, std::set<Role>, std::less<>> kTable = {
      // Organizations: the intake desk registers; residents keep contacts current.
      {methods::kGetOrganization, {A, O, R, U}},
      {methods::kListOrganizations, {A, O, R, U}},
      {methods::kCreateOrganization, {O}},
      {methods::kUpdateOrganization, {O, R}},
      // Applications: the company drafts, submits, answers, withdraws; officers decide.
      {methods::kGetApplication, {O, R, U}},
      {methods::kListApplications, {O, R, U}},
      {methods::kCreateApplication, {R}},
      {methods::kUpdateApplication, {R}},
      {methods::kDeleteApplication, {R}},
      {methods::kCheckApplicationEligibility, {O, R}},
      {methods::kSubmitApplication, {R}},
      {methods::kAcceptApplication, {O}},
      {methods::kRequestApplicationInformation, {O}},
      {methods::kRespondToInformationRequest, {R}},
      {methods::kReferApplicationToExpertCouncil, {O}},
      {methods::kRecordExpertOpinion, {O}},
      {methods::kApproveApplication, {O}},
      {methods::kRejectApplication, {O}},
      {methods::kWithdrawApplication, {R}},
      {methods::kSignAgreement, {O}},
      // The registry: public to authenticated callers; officers manage status.
      {methods::kGetResident, {A, O, R, U}},
      {methods::kListResidents, {A, O, R, U}},
      {methods::kListResidentVersions, {A, O, R, U}},
      // Registry extracts: officers issue any; a resident for itself; auditors read.
      {methods::kIssueRegistryExtract, {O, R}},
      {methods::kGetRegistryExtract, {O, R, U}},
      {methods::kListRegistryExtracts, {O, R, U}},
      // The public registry: anyone, with or without a key.
      {methods::kListPublicResidents, {A, O, R, U, P}},
      {methods::kGetPublicResident, {A, O, R, U, P}},
      {methods::kGetSigningKeys, {A, O, R, U, P}},
      // The whole registry in one call: for keys only, so nobody anonymous can
      // make the server build it over and over (the files themselves are public).
      {methods::kExportPublicRegistry, {A, O, R, U}},
      {methods::kIssueViolationNotice, {O}},
      {methods::kCureViolation, {O}},
      {methods::kTerminateResident, {O}},
      // Zone policy: everyone reads; administrators publish versions.
      {methods::kGetZonePolicy, {A, O, R, U}},
      {methods::kListZonePolicies, {A, O, R, U}},
      {methods::kCreateZonePolicy, {A}},
      // Keys: administrators only.
      {methods::kCreateApiKey, {A}},
      {methods::kGetApiKey, {A}},
      {methods::kListApiKeys, {A}},
      {methods::kRevokeApiKey, {A}},
      {methods::kCreateBackup, {A}},
      {methods::kRotateSigningKey, {A}},
      {methods::kRevokeSigningKey, {A}},
      // Land: everyone authenticated searches plots; officers manage plots and leases.
      {methods::kGetPlot, {A, O, R, U}},
      {methods::kListPlots, {A, O, R, U}},
      {methods::kCreatePlot, {O}},
      {methods::kUpdatePlot, {O}},
      {methods::kBlockPlot, {O}},
      {methods::kUnblockPlot, {O}},
      {methods::kRetirePlot, {O}},
      {methods::kReservePlot, {O}},
      {methods::kReleasePlotReservation, {O}},
      {methods::kGetLease, {O, R, U}},
      {methods::kListLeases, {O, R, U}},
      {methods::kCreateLease, {O}},
      {methods::kTerminateLease, {O}},
      {methods::kGetLandUtilisation, {O, U}},
      // Support measures: a public catalogue kept by officers; residents request, officers decide.
      {methods::kGetSupportMeasure, {A, O, R, U}},
      {methods::kListSupportMeasures, {A, O, R, U}},
      {methods::kCreateSupportMeasure, {O}},
      {methods::kUpdateSupportMeasure, {O}},
      {methods::kCheckSupportEligibility, {O, R}},
      {methods::kGetSupportMeasureStatistics, {O, U}},
      {methods::kGetSupportRequest, {O, R, U}},
      {methods::kListSupportRequests, {O, R, U}},
      {methods::kCreateSupportRequest, {R}},
      {methods::kUpdateSupportRequest, {R}},
      {methods::kSubmitSupportRequest, {R}},
      {methods::kAcceptSupportRequest, {O}},
      {methods::kRequestSupportInformation, {O}},
      {methods::kRespondToSupportInformationRequest, {R}},
      {methods::kApproveSupportRequest, {O}},
      {methods::kRejectSupportRequest, {O}},
      {methods::kWithdrawSupportRequest, {R}},
      {methods::kRecordDisbursement, {O}},
      {methods::kCloseSupportRequest, {O}},
      // One-stop shop: administrators keep the catalogue; residents open requests; officers work them.
      {methods::kGetServiceType, {A, O, R, U}},
      {methods::kListServiceTypes, {A, O, R, U}},
      {methods::kCreateServiceType, {A}},
      {methods::kUpdateServiceType, {A}},
      {methods::kGetServiceRequest, {O, R, U}},
      {methods::kListServiceRequests, {O, R, U}},
      {methods::kCreateServiceRequest, {R}},
      {methods::kTakeServiceRequest, {O}},
      {methods::kAskResident, {O}},
      {methods::kRespondToServiceRequest, {R}},
      {methods::kResolveServiceRequest, {O}},
      {methods::kConfirmServiceRequest, {R}},
      {methods::kReopenServiceRequest, {R}},
      {methods::kCancelServiceRequest, {R}},
      {methods::kCreateServiceMessage, {O, R}},
      {methods::kListServiceMessages, {O, R, U}},
      {methods::kGetServiceDeskStatistics, {O, U}},
      // Reports: residents file, officers decide; compliance and statistics for the ministry.
      {methods::kGetReport, {O, R, U}},
      {methods::kListReports, {O, R, U}},
      {methods::kCreateReport, {R}},
      {methods::kUpdateReport, {R}},
      {methods::kSubmitReport, {R}},
      {methods::kAcceptReport, {O}},
      {methods::kReturnReport, {O}},
      {methods::kCorrectReport, {R}},
      {methods::kListOverdueReports, {O, U}},
      {methods::kGetResidentCompliance, {O, R, U}},
      {methods::kListResidentCompliance, {O, U}},
      {methods::kGetZoneStatistics, {O, U}},
      // The change feed: everyone authenticated; residents see their own organization's events.
      {methods::kWatchEvents, {A, O, R, U}},
      {methods::kListEvents, {A, O, R, U}},
      // Documents: the parent's organization attaches and removes its
      // evidence; officers and auditors read it (a resident only its own).
      {methods::kUploadDocument, {R}},
      {methods::kDownloadDocument, {O, R, U}},
      {methods::kGetDocument, {O, R, U}},
      {methods::kListDocuments, {O, R, U}},
      {methods::kListDocumentVersions, {O, R, U}},
      {methods::kDeleteDocument, {R}},
      // Audit log: auditors and administrators.
      {methods::kListAuditRecords, {A, U}},
      {methods::kListAuditCheckpoints, {A, U}},
  };
  return kTable;
}

bool IsPublicMethod(std::string_view method) {
  const auto& table = MethodRoles();
  auto it = table.find(method);
  return it != table.end() && it->second.count(Role::kPublic) > 0;
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
