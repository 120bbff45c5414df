// Conversions between the domain's records and the public proto messages.
// Decoding never trusts input: names and enum numbers are checked and bad
// ones answered as field violations.
#pragma once

#include <string>
#include <vector>

#include "biopolis/v1/admin.pb.h"
#include "biopolis/v1/application.pb.h"
#include "biopolis/v1/audit.pb.h"
#include "biopolis/v1/land.pb.h"
#include "biopolis/v1/organization.pb.h"
#include "biopolis/v1/policy.pb.h"
#include "biopolis/v1/reporting.pb.h"
#include "biopolis/v1/resident.pb.h"
#include "biopolis/v1/service_desk.pb.h"
#include "biopolis/v1/support.pb.h"
#include "core/status.h"
#include "model/api_key.h"
#include "model/application.h"
#include "model/journal.h"
#include "model/land.h"
#include "model/organization.h"
#include "model/policy.h"
#include "model/reporting.h"
#include "model/resident.h"
#include "model/service_desk.h"
#include "model/support.h"
#include "services/admin/api_key_manager.h"
#include "services/reporting/reporting_office.h"

namespace biopolis {

void SetTimestamp(TimeMicros t, google::protobuf::Timestamp* out);
TimeMicros FromTimestamp(const google::protobuf::Timestamp& t);
void SetDate(const Date& d, google::type::Date* out);
Date FromDate(const google::type::Date& d);

void ToProto(const OrganizationRecord& r, v1::Organization* out);
OrganizationRecord FromProto(const v1::Organization& p);

void ToProto(const ApplicationRecord& r, v1::Application* out);
// Decodes the client-settable fields; `prefix` names the message in violations.
Result<ApplicationRecord> FromProto(const v1::Application& p, const std::string& prefix);

void ToProto(const ResidentRecord& r, v1::Resident* out);
std::vector<CommitmentRecord> FromProto(const google::protobuf::RepeatedPtrField<v1::Commitment>& commitments);

void ToProto(const PolicyRecord& r, v1::ZonePolicy* out);
PolicyRecord FromProto(const v1::ZonePolicy& p);

void ToProto(const ApiKeyRecord& r, TimeMicros now, v1::ApiKey* out);
Result<ApiKeyRecord> FromProto(const v1::ApiKey& p, const std::string& prefix);

void ToProto(const AuditRecord& r, v1::AuditRecord* out);

void ToProto(const PlotRecord& r, v1::Plot* out);
PlotRecord FromProto(const v1::Plot& p);
void ToProto(const LeaseRecord& r, v1::Lease* out);
Result<LeaseRecord> FromProto(const v1::Lease& p, const std::string& prefix);
void ToProto(const std::vector<LandTotals>& totals, v1::LandUtilisation* out);

void ToProto(const SupportMeasureRecord& r, v1::SupportMeasure* out);
SupportMeasureRecord FromProto(const v1::SupportMeasure& p);
void ToProto(const SupportRequestRecord& r, v1::SupportRequest* out);
Result<SupportRequestRecord> FromProto(const v1::SupportRequest& p, const std::string& prefix);
DisbursementRecord FromProto(const v1::SupportRequest::Disbursement& p);

void ToProto(const ServiceTypeRecord& r, v1::ServiceType* out);
ServiceTypeRecord FromProto(const v1::ServiceType& p);
// `now` decides `overdue`.
void ToProto(const ServiceRequestRecord& r, TimeMicros now, v1::ServiceRequest* out);
Result<ServiceRequestRecord> FromProto(const v1::ServiceRequest& p, const std::string& prefix);
void ToProto(const ServiceMessageRecord& r, v1::ServiceMessage* out);

void ToProto(const ReportRecord& r, v1::Report* out);
ReportRecord FromProto(const v1::Report& p);
void ToProto(const ResidentCompliance& c, v1::ResidentCompliance* out);

// Parses repeated resource names of one collection into ids; violations name
// `field[i]`.
Result<std::vector<std::int64_t>> ParseNames(const google::protobuf::RepeatedPtrField<std::string>& names,
                                             std::string_view collection, const std::string& field);

void ToProto(const std::vector<FieldViolation>& violations,
             google::protobuf::RepeatedPtrField<v1::EligibilityViolation>* out);

}  // namespace biopolis
