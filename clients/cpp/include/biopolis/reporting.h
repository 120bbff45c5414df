// Reporting (ReportingService, StatisticsService): residents' quarterly reports, compliance, zone statistics.
#pragma once

#include <string>
#include <vector>

#include "biopolis/service_client.h"
#include "biopolis/v1/reporting.pb.h"
#include "biopolis/v1/statistics.pb.h"

namespace biopolis::client {

class Reporting : public ServiceClient<Reporting> {
 public:
  using ServiceClient::ServiceClient;
  Result<v1::Report> Get(const std::string& name) const;
  Pager<v1::Report> List(const ListOptions& options = {}) const;
  Result<v1::Report> Create(const v1::Report& report, std::string request_id = "") const;
  Result<v1::Report> Update(const v1::Report& report, const std::vector<std::string>& paths,
                            std::string request_id = "") const;
  Result<v1::Report> Submit(const std::string& name, const std::string& etag = "", std::string request_id = "") const;
  Result<v1::Report> Accept(const std::string& name, const std::string& etag = "", std::string request_id = "") const;
  Result<v1::Report> Return(const std::string& name, const std::string& comment, const std::string& etag = "",
                            std::string request_id = "") const;
  Result<v1::Report> Correct(const std::string& name, std::string request_id = "") const;
  // Quarters whose report is past due and unfiled, oldest first (paged).
  Pager<v1::OverdueReport> ListOverdue(const ListOptions& options = {}) const;
  Result<v1::ListOverdueReportsResponse> ListOverduePage(const ListOptions& options = {},
                                                         const std::string& page_token = "") const;
  Result<v1::ResidentCompliance> Compliance(const std::string& resident) const;
  Pager<v1::ResidentCompliance> ListCompliance(v1::ComplianceStatus only = v1::COMPLIANCE_STATUS_UNSPECIFIED,
                                               const ListOptions& options = {}) const;
  // Zone statistics (StatisticsService); `as_of` unset: today.
  Result<v1::ZoneStatistics> ZoneStatistics(const google::type::Date* as_of = nullptr) const;
};

}  // namespace biopolis::client
