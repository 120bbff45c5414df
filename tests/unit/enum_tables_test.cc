// Every enum table (core/enum_table.h) against the public proto enum it
// mirrors: the same names with the same numbers, and no proto value missing.
// The handlers convert records to messages by value (static_cast), so this is
// what keeps the two numberings equal.
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "biopolis/v1/admin.pb.h"
#include "biopolis/v1/application.pb.h"
#include "biopolis/v1/common.pb.h"
#include "biopolis/v1/land.pb.h"
#include "biopolis/v1/organization.pb.h"
#include "biopolis/v1/reporting.pb.h"
#include "biopolis/v1/resident.pb.h"
#include "biopolis/v1/service_desk.pb.h"
#include "biopolis/v1/support.pb.h"
#include "model/application.h"
#include "model/land.h"
#include "model/organization.h"
#include "model/reporting.h"
#include "model/resident.h"
#include "model/service_desk.h"
#include "model/support.h"
#include "services/reporting/report_rules.h"
#include "storage/sql/state_sql.h"

namespace biopolis {
namespace {

template <typename E, std::size_t N>
void ExpectSameAsProto(const EnumTable<E, N>& table, const google::protobuf::EnumDescriptor* proto) {
  SCOPED_TRACE(proto->full_name());
  const auto* zero = proto->FindValueByNumber(0);
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(table.unspecified, zero->name());
  for (const auto& e : table.entries) {
    const auto* v = proto->FindValueByName(e.name);
    ASSERT_NE(v, nullptr) << e.name << " is not a value of the proto enum";
    EXPECT_EQ(v->number(), static_cast<int>(e.value)) << e.name;
    EXPECT_STREQ(table.Name(e.value), e.name);
  }
  EXPECT_EQ(static_cast<std::size_t>(proto->value_count()), N + 1) << "a proto value is missing from the table";
}

TEST(EnumTablesTest, EveryTableMatchesItsProtoEnum) {
  ExpectSameAsProto(kOrganizationKinds, v1::Organization_Kind_descriptor());
  ExpectSameAsProto(kApplicationStates, v1::Application_State_descriptor());
  ExpectSameAsProto(kExpertOpinions, v1::Application_ExpertOpinion_descriptor());
  ExpectSameAsProto(kRejectionGrounds, v1::Application_RejectionGround_descriptor());
  ExpectSameAsProto(kResidentStates, v1::Resident_State_descriptor());
  ExpectSameAsProto(kTerminationGrounds, v1::Resident_TerminationGround_descriptor());
  ExpectSameAsProto(kPlotStates, v1::Plot_State_descriptor());
  ExpectSameAsProto(kPermittedUses, v1::PermittedUse_descriptor());
  ExpectSameAsProto(kLeaseStates, v1::Lease_State_descriptor());
  ExpectSameAsProto(kSupportKinds, v1::SupportMeasure_Kind_descriptor());
  ExpectSameAsProto(kSupportRequestStates, v1::SupportRequest_State_descriptor());
  ExpectSameAsProto(kServiceCategories, v1::ServiceCategory_descriptor());
  ExpectSameAsProto(kServiceRequestStates, v1::ServiceRequest_State_descriptor());
  ExpectSameAsProto(kReportStates, v1::Report_State_descriptor());
  ExpectSameAsProto(kComplianceStatuses, v1::ComplianceStatus_descriptor());
  ExpectSameAsProto(kRoles, v1::Role_descriptor());
}

TEST(EnumTablesTest, UnknownValuesAreNamedUnspecifiedAndTransitionsReadFromTo) {
  EXPECT_STREQ(kPlotStates.Name(static_cast<PlotState>(99)), "STATE_UNSPECIFIED");
  EXPECT_EQ(kPlotStates.Transition(PlotState::kReserved, PlotState::kAvailable), "STATE_RESERVED -> STATE_AVAILABLE");
  const auto filter = kLeaseStates.FilterValues();
  EXPECT_EQ(filter.size(), 3u);
  EXPECT_EQ(filter.at("STATE_EXPIRED"), 3);
}

TEST(EnumTablesTest, NamedStateSetsAgreeWithTheRules) {
  EXPECT_TRUE(IsOneOf(ApplicationState::kApproved, kLiveApplicationStates));
  EXPECT_FALSE(IsOneOf(ApplicationState::kRejected, kLiveApplicationStates));
  EXPECT_FALSE(IsOneOf(ApplicationState::kRegistered, kLiveApplicationStates));
  EXPECT_TRUE(IsOneOf(SupportRequestState::kDisbursed, kOpenSupportRequestStates));
  EXPECT_FALSE(IsOneOf(SupportRequestState::kRejected, kOpenSupportRequestStates));
  EXPECT_FALSE(IsOneOf(ServiceRequestState::kWaitingForResident, kSlaRunningStates));
}

// The SQL spelling keeps the partial indexes' predicates (migrations.cc) word for word.
TEST(EnumTablesTest, StateSetsSpellTheirSqlAsTheIndexesDo) {
  EXPECT_EQ(StateIn("state", kLiveApplicationStates), "state BETWEEN 1 AND 6");
  EXPECT_EQ(StateIn("state", kOpenSupportRequestStates), "state IN (1, 2, 3, 4, 5, 7)");
  EXPECT_EQ(StateIn("state", kFiledReportStates), "state IN (2, 3)");
  EXPECT_EQ(StateIs("l.state", LeaseState::kActive), "l.state = 1");
  EXPECT_EQ(StateIsNot("state", PlotState::kRetired), "state <> 5");
}

}  // namespace
}  // namespace biopolis
