// Support measures and residents' requests for them. gRPC-free.
//
// Money: granted amounts are committed against the measure's budget and the
// organization's cap in the same transaction as the approval; disbursements
// are booked against the grant; closing returns an undisbursed remainder. The
// single writer serializes approvals, so the remaining budget a rule reads is
// the one it books against; CHECK constraints and a trigger in the database
// refuse an overrun even if a rule were wrong.
//
// Visibility: the catalogue is public to authenticated callers; a resident
// sees only its own requests (others are NOT_FOUND).
// Thread-safety: safe for concurrent use.
#pragma once

#include <string>
#include <vector>

#include "services/domain/domain_env.h"
#include "services/support/support_rules.h"

namespace biopolis {

struct SupportActionArgs {
  std::string text;  // information request, response, rejection/withdrawal/closing reason
  std::int64_t granted_kopecks = 0;
  DisbursementRecord disbursement;
};

struct SupportMeasureBooks {
  SupportMeasureRecord measure;
  std::vector<std::int64_t> requests_by_state;  // index = SupportRequestState
};

class SupportOffice {
 public:
  explicit SupportOffice(DomainEnv env) : env_(env) {}

  Result<SupportMeasureRecord> GetMeasure(std::int64_t id);
  Result<Page<SupportMeasureRecord>> ListMeasures(const Caller& caller, const ListParams& params, bool open_only);
  void CreateMeasure(const Caller& caller, CommandMeta meta, SupportMeasureRecord measure,
                     Encoder<SupportMeasureRecord> encode, Reply reply);
  void UpdateMeasure(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                     SupportMeasureRecord patch, std::vector<std::string> paths, Encoder<SupportMeasureRecord> encode,
                     Reply reply);
  // `resident_id` 0: the caller's own registry entry (resident keys).
  Result<std::vector<FieldViolation>> CheckEligibility(const Caller& caller, std::int64_t measure_id,
                                                       std::int64_t resident_id);
  Result<SupportMeasureBooks> Books(std::int64_t measure_id);

  Result<SupportRequestRecord> GetRequest(const Caller& caller, std::int64_t id);
  Result<Page<SupportRequestRecord>> ListRequests(const Caller& caller, const ListParams& params);
  void CreateRequest(const Caller& caller, CommandMeta meta, SupportRequestRecord request,
                     Encoder<SupportRequestRecord> encode, Reply reply);
  void UpdateRequest(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                     SupportRequestRecord patch, std::vector<std::string> paths, Encoder<SupportRequestRecord> encode,
                     Reply reply);
  void Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, SupportAction action,
           SupportActionArgs args, Encoder<SupportRequestRecord> encode, Reply reply);

 private:
  DomainEnv env_;
};

}  // namespace biopolis
