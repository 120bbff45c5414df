// Resident applications from draft to the registry of residents.
// gRPC-free: the service layer decodes requests into these calls.
//
// Visibility: a resident key sees and acts on its own organization's
// applications only; any other is NOT_FOUND. Every transition is checked
// against the table in application_rules.h, audited and emitted as an event
// in the same transaction as the change.
//
// Timed transitions: an information request not answered by its deadline
// lapses. Reads show such an application as STATE_LAPSED at once; the server's
// scheduler calls LapseOverdue() to persist the transition (audited as "system").
//
// Thread-safety: safe for concurrent use.
#pragma once

#include <string>
#include <vector>

#include "services/applications/application_rules.h"
#include "services/domain/domain_env.h"

namespace biopolis {

// Arguments of the custom methods; each action reads the ones it needs.
struct ApplicationActionArgs {
  std::string text;  // information request, response, comment, explanation, reason
  ExpertOpinion opinion = ExpertOpinion::kUnspecified;
  RejectionGround ground = RejectionGround::kUnspecified;
  std::string agreement_number;
  Date agreement_date;
  std::vector<CommitmentRecord> commitments;
};

struct EligibilityReport {
  std::vector<FieldViolation> violations;
  std::int64_t policy_version = 0;
};

class ApplicationWorkflow {
 public:
  explicit ApplicationWorkflow(DomainEnv env) : env_(env) {}

  Result<ApplicationRecord> Get(const Caller& caller, std::int64_t id);
  Result<Page<ApplicationRecord>> List(const Caller& caller, const ListParams& params);
  // Creates a draft for the caller's organization.
  void Create(const Caller& caller, CommandMeta meta, ApplicationRecord draft, Encoder<ApplicationRecord> encode,
              Reply reply);
  void Update(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ApplicationRecord patch,
              std::vector<std::string> paths, Encoder<ApplicationRecord> encode, Reply reply);
  // Deletes a draft; the reply carries the deleted record's encoding.
  void Delete(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
              Encoder<ApplicationRecord> encode, Reply reply);
  // The submission checks against the policy in force today, without a change.
  Result<EligibilityReport> CheckEligibility(const Caller& caller, std::int64_t id);
  // A custom method (submit, accept, ..., sign the agreement).
  void Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ApplicationAction action,
           ApplicationActionArgs args, Encoder<ApplicationRecord> encode, Reply reply);
  // Persists every overdue lapse; returns how many lapsed. Blocks until durable.
  Result<int> LapseOverdue();

  static const ListSpec& ListSpecification();

 private:
  DomainEnv env_;
};

}  // namespace biopolis
