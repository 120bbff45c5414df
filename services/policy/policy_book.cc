#include "services/policy/policy_book.h"

#include "core/bounded_text.h"
#include "core/identifiers.h"
#include "core/resource_name.h"
#include "core/text_limits.h"
#include "core/value_limits.h"
#include "services/documents/document_rules.h"
#include "services/policy/policy_seam.h"

namespace biopolis {

std::vector<FieldViolation> ValidatePolicy(const PolicyRecord& p, const Date& today, const std::string& prefix) {
  FieldErrors errors;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  if (!p.effective_from.IsValid()) {
    errors.Add(f + "effective_from", "is required and must be a valid date", "INVALID_DATE");
  } else if (p.effective_from < today) {
    errors.Add(f + "effective_from", "is in the past; a version takes effect today or later", "DATE_IN_PAST");
  }
  if (p.min_investment_kopecks < 0 || p.min_investment_kopecks > value_limits::kMaxKopecks) {
    errors.Add(f + "min_investment_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
  }
  if (p.min_investment_3y_kopecks < 0 || p.min_investment_3y_kopecks > value_limits::kMaxKopecks) {
    errors.Add(f + "min_investment_3y_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
  } else if (p.min_investment_3y_kopecks > p.min_investment_kopecks && p.min_investment_kopecks >= 0) {
    errors.Add(f + "min_investment_3y_kopecks", "cannot exceed min_investment_kopecks", "INCONSISTENT_INVESTMENT");
  }
  if (p.allowed_okved_prefixes.empty()) {
    errors.Add(f + "allowed_okved_prefixes", "at least one prefix is required", "FIELD_REQUIRED");
  }
  for (std::size_t i = 0; i < p.allowed_okved_prefixes.size(); ++i) {
    if (CheckOkved(p.allowed_okved_prefixes[i]) != IdCheck::kOk) {
      errors.Add(f + "allowed_okved_prefixes[" + std::to_string(i) + "]",
                 "`" + QuoteInput(p.allowed_okved_prefixes[i]) + "` is not an OKVED2 code or prefix",
                 "INVALID_OKVED_CODE");
    }
  }
  if (p.info_request_days < 1 || p.info_request_days > 365) {
    errors.Add(f + "info_request_days", "must be between 1 and 365", "VALUE_OUT_OF_RANGE");
  }
  if (p.reservation_days < 1 || p.reservation_days > 730) {
    errors.Add(f + "reservation_days", "must be between 1 and 730", "VALUE_OUT_OF_RANGE");
  }
  errors.CheckText(f + "description", p.description, text_limits::kReason);
  errors.Append(CheckRequiredKinds(p.required_application_documents, f + "required_application_documents"));
  return errors.violations();
}

Result<PolicyRecord> PolicyBook::Get(std::int64_t version) {
  return ReadValue<PolicyRecord>(env_.store, [&](Transaction& tx) -> Result<PolicyRecord> {
    auto p = tx.policies().Get(version);
    if (!p) return Status::NotFound(FormatName("policies", version));
    return *p;
  });
}

Result<PolicyRecord> PolicyBook::Current() {
  const TimeMicros now = env_.clock.Now();
  return ReadValue<PolicyRecord>(
      env_.store, [&](Transaction& tx) -> Result<PolicyRecord> { return policy_seam::InForce(tx, now); });
}

Result<Page<PolicyRecord>> PolicyBook::List(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{}, {"version"}, "version", true};
  return ReadPage<PolicyRecord>(env_, caller, "ListZonePolicies", kSpec, params, ListVisibility::kEveryone,
                                [](Transaction& tx, const ListQuery& q) { return tx.policies().List(q); });
}

void PolicyBook::Create(const Caller& caller, CommandMeta meta, PolicyRecord policy, Encoder<PolicyRecord> encode,
                        Reply reply) {
  auto violations = ValidatePolicy(policy, ZoneDateOf(env_.clock.Now()), "policy");
  if (!violations.empty()) {
    reply(Status::InvalidArgument(std::move(violations)));
    return;
  }
  env_.commands.Run<PolicyRecord>(
      caller, std::move(meta),
      [policy](CommandContext& ctx) mutable -> Result<PolicyRecord> {
        policy.create_time = ctx.now();
        policy.version = ctx.tx().policies().Insert(policy);
        ctx.Record(FormatName("policies", policy.version), 0, "policy.created",
                   "version " + std::to_string(policy.version) + " effective from " + policy.effective_from.ToString());
        return policy;
      },
      std::move(encode), std::move(reply));
}

Status PolicyBook::Seed(const PolicyRecord& policy) {
  const Clock& clock = env_.clock;
  return env_.store.WriteAndWait([seed = policy, &clock](Transaction& tx) -> Status {
    PolicyRecord policy = seed;
    Caller system = Caller::System();
    CommandMeta meta{"SeedZonePolicy", "", ""};
    CommandContext ctx(tx, system, clock.Now(), meta);
    policy.create_time = ctx.now();
    policy.version = tx.policies().Insert(policy);
    ctx.Record(FormatName("policies", policy.version), 0, "policy.created",
               "version " + std::to_string(policy.version) + " effective from " + policy.effective_from.ToString());
    return Status::Ok();
  });
}

namespace policy_seam {

Result<PolicyRecord> InForce(Transaction& tx, TimeMicros now) {
  const Date today = ZoneDateOf(now);
  auto policy = tx.policies().InForceOn(today);
  if (!policy) {
    return Status::FailedPrecondition(
        "no zone policy is in force on " + today.ToString() + "; an administrator must publish one",
        "NO_POLICY_IN_FORCE", {"POLICY", "policies/current", "none in force"});
  }
  return *policy;
}

}  // namespace policy_seam

}  // namespace biopolis
