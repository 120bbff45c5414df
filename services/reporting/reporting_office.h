// Periodic reports, overdue reports, and compliance with commitments. gRPC-free.
//
// Visibility: a resident sees only its own reports and compliance (others
// are NOT_FOUND). Accepted report versions never change (a database trigger
// refuses it); a correction is a new version.
// Thread-safety: safe for concurrent use.
#pragma once

#include <string>
#include <vector>

#include "services/domain/domain_env.h"
#include "services/reporting/report_rules.h"

namespace biopolis {

struct OverdueQuarter {
  std::int64_t resident_id = 0;
  int year = 0;
  int quarter = 0;
  Date due_date;
};

struct ResidentCompliance {
  std::int64_t resident_id = 0;
  Compliance compliance;
};

class ReportingOffice {
 public:
  explicit ReportingOffice(DomainEnv env) : env_(env) {}

  Result<ReportRecord> Get(const Caller& caller, std::int64_t id);
  Result<Page<ReportRecord>> List(const Caller& caller, const ListParams& params);
  void Create(const Caller& caller, CommandMeta meta, ReportRecord report, Encoder<ReportRecord> encode, Reply reply);
  void Update(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ReportRecord patch,
              std::vector<std::string> paths, Encoder<ReportRecord> encode, Reply reply);
  void Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ReportAction action,
           std::string comment, Encoder<ReportRecord> encode, Reply reply);
  // A new draft version of an accepted report.
  void Correct(const Caller& caller, CommandMeta meta, std::int64_t id, Encoder<ReportRecord> encode, Reply reply);

  // Quarters whose report is past due and not filed, of residents not
  // terminated: oldest quarter first, then by resident; paged like every List.
  Result<Page<OverdueQuarter>> Overdue(const Caller& caller, const ListParams& params);
  Result<ResidentCompliance> ComplianceOf(const Caller& caller, std::int64_t resident_id);
  // Residents not terminated, in registry order, optionally of one status.
  Result<Page<ResidentCompliance>> ListCompliance(const Caller& caller, const ListParams& params,
                                                  ComplianceStatus only);

 private:
  DomainEnv env_;
};

}  // namespace biopolis
