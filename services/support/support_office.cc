#include "services/support/support_office.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "core/text_limits.h"
#include "core/value_limits.h"
#include "services/documents/document_rules.h"
#include "services/documents/document_seam.h"
#include "services/reporting/reporting_seam.h"
#include "services/support/support_seam.h"

namespace biopolis {
namespace {

constexpr char kMeasures[] = "supportMeasures";
constexpr char kRequests[] = "supportRequests";

// The facts the eligibility rules need about a resident.
SupportApplicant ApplicantOf(Transaction& tx, const std::optional<ResidentRecord>& resident, const Date& today) {
  SupportApplicant a;
  if (!resident) return a;
  a.resident = &*resident;
  if (auto app = tx.applications().Get(resident->application_id)) a.okved_codes = app->okved_codes;
  // Investment made: the accepted periodic reports of quarters ended by today.
  a.investment_made_kopecks = reporting_seam::FiguresAsOf(tx, resident->id, today).investment_kopecks;
  return a;
}

std::string Money(std::int64_t kopecks) { return std::to_string(kopecks) + " kopecks"; }

}  // namespace

Result<SupportMeasureRecord> SupportOffice::GetMeasure(std::int64_t id) {
  return ReadValue<SupportMeasureRecord>(env_.store, [&](Transaction& tx) -> Result<SupportMeasureRecord> {
    auto m = tx.support().GetMeasure(id);
    if (!m) return Status::NotFound(FormatName(kMeasures, id));
    return *m;
  });
}

Result<Page<SupportMeasureRecord>> SupportOffice::ListMeasures(const Caller& caller, const ListParams& params,
                                                               bool open_only) {
  static const ListSpec kSpec{
      {{"kind", FieldType::kEnum, kSupportKinds.FilterValues(), ""}}, {"create_time", "title"}, "create_time", false};
  std::optional<Date> open_on;
  if (open_only) open_on = ZoneDateOf(env_.clock.Now());
  return ReadPage<SupportMeasureRecord>(
      env_, caller, open_only ? "ListSupportMeasures|open" : "ListSupportMeasures", kSpec, params,
      ListVisibility::kEveryone,
      [&](Transaction& tx, const ListQuery& q) { return tx.support().ListMeasures(q, open_on); });
}

void SupportOffice::CreateMeasure(const Caller& caller, CommandMeta meta, SupportMeasureRecord measure,
                                  Encoder<SupportMeasureRecord> encode, Reply reply) {
  auto violations = ValidateSupportMeasure(measure, "measure");
  if (!violations.empty()) return reply(Status::InvalidArgument(std::move(violations)));
  env_.commands.Run<SupportMeasureRecord>(
      caller, std::move(meta),
      [measure](CommandContext& ctx) mutable -> Result<SupportMeasureRecord> {
        measure.committed_kopecks = measure.disbursed_kopecks = 0;
        measure.create_time = measure.update_time = ctx.now();
        measure.version = 1;
        measure.id = ctx.tx().support().InsertMeasure(measure);
        ctx.Record(FormatName(kMeasures, measure.id), 0, "support_measure.created",
                   measure.title + ", budget " + Money(measure.total_budget_kopecks));
        return measure;
      },
      std::move(encode), std::move(reply));
}

void SupportOffice::UpdateMeasure(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                                  SupportMeasureRecord patch, std::vector<std::string> paths,
                                  Encoder<SupportMeasureRecord> encode, Reply reply) {
  Status mask = CheckUpdateMask(paths, SupportMeasureMaskRules());
  if (!mask.ok()) return reply(mask);
  env_.commands.Run<SupportMeasureRecord>(
      caller, std::move(meta),
      [id, etag, patch, paths](CommandContext& ctx) -> Result<SupportMeasureRecord> {
        const std::string name = FormatName(kMeasures, id);
        auto m = ctx.tx().support().GetMeasure(id);
        if (!m) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, m->version, name));
        SupportMeasureRecord updated = *m;
        ApplySupportMeasurePatch(patch, paths, updated);
        auto violations = ValidateSupportMeasure(updated, "measure");
        if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
        if (updated.total_budget_kopecks < updated.committed_kopecks) {
          return Status::FailedPrecondition(
              "the budget cannot go below what is already committed (" + Money(updated.committed_kopecks) + ")",
              "BUDGET_BELOW_COMMITTED", {"BUDGET", name, "committed " + Money(updated.committed_kopecks)});
        }
        updated.update_time = ctx.now();
        updated.version += 1;
        ctx.tx().support().UpdateMeasure(updated);
        std::string fields;
        for (const auto& p : paths) fields += (fields.empty() ? "" : ", ") + p;
        ctx.Record(name, 0, "support_measure.updated", "changed " + fields);
        return *ctx.tx().support().GetMeasure(id);
      },
      std::move(encode), std::move(reply));
}

Result<std::vector<FieldViolation>> SupportOffice::CheckEligibility(const Caller& caller, std::int64_t measure_id,
                                                                    std::int64_t resident_id) {
  Date today = ZoneDateOf(env_.clock.Now());
  return ReadValue<std::vector<FieldViolation>>(
      env_.store, [&](Transaction& tx) -> Result<std::vector<FieldViolation>> {
        auto measure = tx.support().GetMeasure(measure_id);
        if (!measure) return Status::NotFound(FormatName(kMeasures, measure_id));
        std::optional<ResidentRecord> resident;
        if (caller.is_resident()) {
          resident = tx.residents().FindCurrent(caller.organization_id);
        } else {
          if (resident_id == 0) {
            return Status::InvalidField("resident", "name the resident to check", "FIELD_REQUIRED");
          }
          resident = tx.residents().Get(resident_id);
          if (!resident) return Status::NotFound(FormatName("residents", resident_id));
        }
        return CheckSupportEligibility(*measure, ApplicantOf(tx, resident, today), today);
      });
}

Result<SupportMeasureBooks> SupportOffice::Books(std::int64_t measure_id) {
  return ReadValue<SupportMeasureBooks>(env_.store, [&](Transaction& tx) -> Result<SupportMeasureBooks> {
    auto measure = tx.support().GetMeasure(measure_id);
    if (!measure) return Status::NotFound(FormatName(kMeasures, measure_id));
    return SupportMeasureBooks{*measure, tx.support().CountRequestsByState(measure_id)};
  });
}

Result<SupportRequestRecord> SupportOffice::GetRequest(const Caller& caller, std::int64_t id) {
  return ReadValue<SupportRequestRecord>(env_.store, [&](Transaction& tx) -> Result<SupportRequestRecord> {
    auto r = tx.support().GetRequest(id);
    if (!r || !caller.MaySee(r->organization_id)) return Status::NotFound(FormatName(kRequests, id));
    return *r;
  });
}

Result<Page<SupportRequestRecord>> SupportOffice::ListRequests(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{{"state", FieldType::kEnum, kSupportRequestStates.FilterValues(), ""},
                               {"measure", FieldType::kReference, {}, kMeasures},
                               {"resident", FieldType::kReference, {}, "residents"}},
                              {"create_time"},
                              "create_time",
                              true};
  return ReadPage<SupportRequestRecord>(
      env_, caller, "ListSupportRequests", kSpec, params, ListVisibility::kOwnOrganization,
      [](Transaction& tx, const ListQuery& q) { return tx.support().ListRequests(q); });
}

void SupportOffice::CreateRequest(const Caller& caller, CommandMeta meta, SupportRequestRecord request,
                                  Encoder<SupportRequestRecord> encode, Reply reply) {
  auto violations = ValidateSupportRequestDraft(request, "request");
  if (!violations.empty()) return reply(Status::InvalidArgument(std::move(violations)));
  env_.commands.Run<SupportRequestRecord>(
      caller, std::move(meta),
      [request](CommandContext& ctx) mutable -> Result<SupportRequestRecord> {
        Transaction& tx = ctx.tx();
        BIOPOLIS_RETURN_IF_ERROR(CheckSupportTransition("a new support request", SupportRequestState::kDraft,
                                                        SupportAction::kEdit, ctx.caller().role));
        if (!tx.support().GetMeasure(request.measure_id)) {
          return Status::InvalidField("request.measure", FormatName(kMeasures, request.measure_id) + " does not exist",
                                      "MEASURE_NOT_FOUND");
        }
        auto resident = tx.residents().FindCurrent(ctx.caller().organization_id);
        if (!resident) {
          return Status::FailedPrecondition(
              "only a registered resident of the zone may request support", "NOT_A_RESIDENT",
              {"STATE", FormatName("organizations", ctx.caller().organization_id), "not in the registry of residents"});
        }
        request.resident_id = resident->id;
        request.organization_id = resident->organization_id;
        request.state = SupportRequestState::kDraft;
        request.create_time = request.update_time = ctx.now();
        request.version = 1;
        request.id = tx.support().InsertRequest(request);
        ctx.Record(FormatName(kRequests, request.id), request.organization_id, "support_request.created",
                   "draft for " + FormatName(kMeasures, request.measure_id) + ", " + Money(request.requested_kopecks));
        return request;
      },
      std::move(encode), std::move(reply));
}

void SupportOffice::UpdateRequest(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                                  SupportRequestRecord patch, std::vector<std::string> paths,
                                  Encoder<SupportRequestRecord> encode, Reply reply) {
  Status mask = CheckUpdateMask(paths, SupportRequestMaskRules());
  if (!mask.ok()) return reply(mask);
  env_.commands.Run<SupportRequestRecord>(
      caller, std::move(meta),
      [id, etag, patch, paths](CommandContext& ctx) -> Result<SupportRequestRecord> {
        const std::string name = FormatName(kRequests, id);
        auto r = ctx.tx().support().GetRequest(id);
        if (!r || !ctx.caller().MaySee(r->organization_id)) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, r->version, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckSupportTransition(name, r->state, SupportAction::kEdit, ctx.caller().role));
        ApplySupportRequestPatch(patch, paths, *r);
        auto violations = ValidateSupportRequestDraft(*r, "request");
        if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
        r->update_time = ctx.now();
        r->version += 1;
        ctx.tx().support().UpdateRequest(*r);
        ctx.Record(name, r->organization_id, "support_request.updated", "draft changed");
        return *r;
      },
      std::move(encode), std::move(reply));
}

namespace {

Status ValidateActionArgs(SupportAction action, const SupportActionArgs& args, const Date& today) {
  FieldErrors errors;
  auto text = [&](const char* field, bool required) {
    errors.CheckText(field, args.text, text_limits::kText, required);
  };
  switch (action) {
    case SupportAction::kRequestInformation:
      text("text", true);
      break;
    case SupportAction::kRespond:
      text("response", true);
      break;
    case SupportAction::kReject:
      text("reason", true);
      break;
    case SupportAction::kWithdraw:
    case SupportAction::kClose:
      text("reason", false);
      break;
    case SupportAction::kApprove:
      if (args.granted_kopecks < 0 || args.granted_kopecks > value_limits::kMaxKopecks) {
        errors.Add("granted_kopecks", "must be between 0 and 10^15", "VALUE_OUT_OF_RANGE");
      }
      break;
    case SupportAction::kDisburse:
      if (args.disbursement.amount_kopecks <= 0 || args.disbursement.amount_kopecks > value_limits::kMaxKopecks) {
        errors.Add("disbursement.amount_kopecks", "must be positive", "VALUE_OUT_OF_RANGE");
      }
      if (!args.disbursement.date.IsValid()) {
        errors.Add("disbursement.date", "is required and must be a valid date", "INVALID_DATE");
      } else if (today < args.disbursement.date) {
        errors.Add("disbursement.date", "is in the future", "DATE_IN_FUTURE");
      }
      errors.CheckText("disbursement.reference", args.disbursement.reference, text_limits::kLabel);
      break;
    default:
      break;
  }
  return errors.ToStatus();
}

// Returns an approved request's undisbursed remainder to the budget.
void ReturnRemainder(CommandContext& ctx, const SupportRequestRecord& r) {
  std::int64_t remainder = r.granted_kopecks - r.disbursed_kopecks;
  if (remainder > 0) ctx.tx().support().Book(r.measure_id, r.organization_id, -remainder, 0);
}

}  // namespace

void SupportOffice::Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, SupportAction action,
                        SupportActionArgs args, Encoder<SupportRequestRecord> encode, Reply reply) {
  Status valid = ValidateActionArgs(action, args, ZoneDateOf(env_.clock.Now()));
  if (!valid.ok()) return reply(valid);
  env_.commands.Run<SupportRequestRecord>(
      caller, std::move(meta),
      [id, etag, action, args](CommandContext& ctx) -> Result<SupportRequestRecord> {
        Transaction& tx = ctx.tx();
        const std::string name = FormatName(kRequests, id);
        auto loaded = tx.support().GetRequest(id);
        if (!loaded || !ctx.caller().MaySee(loaded->organization_id)) return Status::NotFound(name);
        SupportRequestRecord r = *loaded;
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, r.version, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckSupportTransition(name, r.state, action, ctx.caller().role));
        auto measure = tx.support().GetMeasure(r.measure_id);
        if (!measure) return Status::Internal("support measure vanished");
        const std::string measure_name = FormatName(kMeasures, measure->id);
        std::string summary = std::string(SupportRequestStateName(r.state)) + " -> " +
                              SupportRequestStateName(SupportStateAfter(action, r.state));
        switch (action) {
          case SupportAction::kSubmit: {
            FieldErrors errors;
            errors.Append(CheckSupportRequestComplete(r, *measure, "request"));
            auto resident = tx.residents().Get(r.resident_id);
            errors.Append(CheckSupportEligibility(*measure, ApplicantOf(tx, resident, ZoneDateOf(ctx.now())),
                                                  ZoneDateOf(ctx.now())));
            if (!errors.empty()) return errors.ToStatus();
            auto missing = document_seam::MissingKinds(tx, {DocumentParentType::kSupportRequest, r.id},
                                                       measure->required_documents);
            if (!missing.empty()) return MissingDocuments(name, missing);
            r.submit_time = ctx.now();
            break;
          }
          case SupportAction::kRequestInformation:
            r.info_request = args.text;
            r.info_response.clear();
            break;
          case SupportAction::kRespond:
            r.info_response = args.text;
            break;
          case SupportAction::kApprove: {
            std::int64_t grant = args.granted_kopecks;
            if (measure->total_budget_kopecks == 0) {
              if (grant != 0) {
                return Status::InvalidField("granted_kopecks", "this measure gives no money; leave it 0",
                                            "NON_MONETARY_MEASURE");
              }
            } else {
              if (grant <= 0) return Status::InvalidField("granted_kopecks", "is required", "FIELD_REQUIRED");
              if (grant > r.requested_kopecks) {
                return Status::InvalidField("granted_kopecks",
                                            "exceeds the amount requested (" + Money(r.requested_kopecks) + ")",
                                            "GRANT_ABOVE_REQUESTED");
              }
              std::int64_t remaining = measure->total_budget_kopecks - measure->committed_kopecks;
              if (grant > remaining) {
                return Status::FailedPrecondition(
                    measure_name + " has " + Money(remaining) + " left; " + Money(grant) + " cannot be granted",
                    "BUDGET_EXHAUSTED", {"BUDGET", measure_name, "remaining " + Money(remaining)});
              }
              std::int64_t held = tx.support().CommittedTo(measure->id, r.organization_id);
              if (measure->cap_per_resident_kopecks > 0 && held + grant > measure->cap_per_resident_kopecks) {
                return Status::FailedPrecondition("the resident already holds " + Money(held) + " of " + measure_name +
                                                      "; the cap is " + Money(measure->cap_per_resident_kopecks),
                                                  "RESIDENT_CAP_EXCEEDED",
                                                  {"BUDGET", measure_name, "resident holds " + Money(held)});
              }
              tx.support().Book(measure->id, r.organization_id, grant, 0);
            }
            r.granted_kopecks = grant;
            summary += ", granted " + Money(grant);
            break;
          }
          case SupportAction::kReject:
          case SupportAction::kWithdraw:
            r.decision_reason = args.text;
            break;
          case SupportAction::kDisburse: {
            if (r.disbursed_kopecks + args.disbursement.amount_kopecks > r.granted_kopecks) {
              return Status::FailedPrecondition(
                  "disbursing " + Money(args.disbursement.amount_kopecks) + " would exceed the grant (" +
                      Money(r.granted_kopecks) + ", " + Money(r.disbursed_kopecks) + " already paid)",
                  "DISBURSEMENT_EXCEEDS_GRANT",
                  {"BUDGET", name, "undisbursed " + Money(r.granted_kopecks - r.disbursed_kopecks)});
            }
            r.disbursed_kopecks += args.disbursement.amount_kopecks;
            tx.support().AddDisbursement(r.id, args.disbursement, ctx.now());
            tx.support().Book(measure->id, r.organization_id, 0, args.disbursement.amount_kopecks);
            summary += ", paid " + Money(args.disbursement.amount_kopecks) + " (" + args.disbursement.reference + ")";
            break;
          }
          case SupportAction::kClose:
            ReturnRemainder(ctx, r);
            r.decision_reason = args.text;
            summary += ", returned " + Money(r.granted_kopecks - r.disbursed_kopecks) + " to the budget";
            break;
          default:
            break;
        }
        r.state = SupportStateAfter(action, r.state);
        r.update_time = ctx.now();
        r.version += 1;
        tx.support().UpdateRequest(r);
        ctx.Record(name, r.organization_id,
                   "support_request." + std::string(SupportRequestStateName(r.state)).substr(6), summary);
        return *tx.support().GetRequest(id);
      },
      std::move(encode), std::move(reply));
}

namespace support_seam {

void CloseRequestsOf(CommandContext& ctx, std::int64_t organization_id, const std::string& why) {
  for (auto r : ctx.tx().support().ListOpenRequestsOf(organization_id)) {
    std::string from = SupportRequestStateName(r.state);
    if (r.state == SupportRequestState::kApproved || r.state == SupportRequestState::kDisbursed) {
      ReturnRemainder(ctx, r);
      r.state = SupportRequestState::kClosed;
    } else {
      r.state = SupportRequestState::kWithdrawn;
    }
    r.decision_reason = why;
    r.update_time = ctx.now();
    r.version += 1;
    ctx.tx().support().UpdateRequest(r);
    ctx.Record(FormatName(kRequests, r.id), organization_id, "support_request.closed",
               from + " -> " + SupportRequestStateName(r.state) + ": " + why);
  }
}

}  // namespace support_seam

}  // namespace biopolis
