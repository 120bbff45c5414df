#include "services/applications/application_workflow.h"

#include <cstdio>

#include "core/etag.h"
#include "core/resource_name.h"
#include "core/text_limits.h"
#include "services/documents/document_rules.h"
#include "services/documents/document_seam.h"
#include "services/land/land_seam.h"
#include "services/policy/policy_seam.h"

namespace biopolis {
namespace {

constexpr char kCollection[] = "applications";

// The state a reader sees: an unanswered request past its deadline has lapsed.
ApplicationRecord Effective(ApplicationRecord app, TimeMicros now) {
  if (app.state == ApplicationState::kInfoRequested && app.info_request_deadline < now) {
    app.state = ApplicationState::kLapsed;
  }
  return app;
}

Status CheckText(const std::string& field, const std::string& text, bool required, std::size_t max) {
  FieldErrors errors;
  errors.CheckText(field, text, max, required);
  return errors.ToStatus();
}

// Validates the arguments of an action before anything is read.
Status ValidateArgs(ApplicationAction action, const ApplicationActionArgs& args, TimeMicros now) {
  switch (action) {
    case ApplicationAction::kRequestInformation:
      return CheckText("text", args.text, true, text_limits::kReason);
    case ApplicationAction::kRespond:
      return CheckText("response", args.text, true, text_limits::kText);
    case ApplicationAction::kRecordExpertOpinion: {
      FieldErrors errors;
      if (args.opinion == ExpertOpinion::kUnspecified) {
        errors.Add("opinion", "must be EXPERT_OPINION_POSITIVE or EXPERT_OPINION_NEGATIVE", "FIELD_REQUIRED");
      }
      errors.CheckText("summary", args.text, text_limits::kText, true);
      return errors.ToStatus();
    }
    case ApplicationAction::kApprove:
      return CheckText("comment", args.text, false, text_limits::kReason);
    case ApplicationAction::kReject: {
      FieldErrors errors;
      if (args.ground == RejectionGround::kUnspecified) {
        errors.Add("ground", "a rejection ground is required", "FIELD_REQUIRED");
      }
      errors.CheckText("explanation", args.text, text_limits::kText, true);
      return errors.ToStatus();
    }
    case ApplicationAction::kWithdraw:
      return CheckText("reason", args.text, false, text_limits::kReason);
    case ApplicationAction::kSignAgreement: {
      FieldErrors errors;
      errors.CheckText("agreement_number", args.agreement_number, text_limits::kCode, true);
      if (!args.agreement_date.IsValid()) {
        errors.Add("agreement_date", "is required and must be a valid date", "INVALID_DATE");
      } else if (ZoneDateOf(now) < args.agreement_date) {
        errors.Add("agreement_date", "is in the future", "DATE_IN_FUTURE");
      }
      errors.Append(ValidateCommitments(args.commitments, "commitments"));
      return errors.ToStatus();
    }
    default:
      return Status::Ok();
  }
}

std::string EventType(ApplicationAction action) {
  switch (action) {
    case ApplicationAction::kSubmit:
      return "application.submitted";
    case ApplicationAction::kAccept:
      return "application.accepted";
    case ApplicationAction::kRequestInformation:
      return "application.info_requested";
    case ApplicationAction::kRespond:
      return "application.info_provided";
    case ApplicationAction::kReferToExpertCouncil:
      return "application.referred";
    case ApplicationAction::kRecordExpertOpinion:
      return "application.opinion_recorded";
    case ApplicationAction::kApprove:
      return "application.approved";
    case ApplicationAction::kReject:
      return "application.rejected";
    case ApplicationAction::kWithdraw:
      return "application.withdrawn";
    case ApplicationAction::kSignAgreement:
      return "application.registered";
    case ApplicationAction::kLapse:
      return "application.lapsed";
    case ApplicationAction::kEdit:
      return "application.updated";
  }
  return "application.changed";
}

std::string RegistryNumber(int year, std::int64_t serial) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "43-%04d-%04lld", year, static_cast<long long>(serial));
  return buf;
}

// Every plot an application asks for must exist and not be retired.
Status CheckRequestedPlots(Transaction& tx, const ApplicationRecord& app) {
  FieldErrors errors;
  for (std::size_t i = 0; i < app.requested_plot_ids.size(); ++i) {
    auto plot = tx.plots().Get(app.requested_plot_ids[i]);
    if (!plot || plot->state == PlotState::kRetired) {
      errors.Add("application.requested_plots[" + std::to_string(i) + "]",
                 FormatName("plots", app.requested_plot_ids[i]) + " is not a plot of the zone", "PLOT_NOT_FOUND");
    }
  }
  return errors.ToStatus();
}

// Loads an application the caller may see, in its effective state.
Result<ApplicationRecord> LoadVisible(Transaction& tx, const Caller& caller, std::int64_t id, TimeMicros now) {
  auto app = tx.applications().Get(id);
  if (!app || !caller.MaySee(app->organization_id)) return Status::NotFound(FormatName(kCollection, id));
  return Effective(*app, now);
}

}  // namespace

const ListSpec& ApplicationWorkflow::ListSpecification() {
  static const ListSpec kSpec{{{"state", FieldType::kEnum, kApplicationStates.FilterValues(), ""},
                               {"organization", FieldType::kReference, {}, "organizations"},
                               {"planned_investment_kopecks", FieldType::kInt, {}, ""},
                               {"planned_jobs", FieldType::kInt, {}, ""},
                               {"policy_version", FieldType::kInt, {}, ""}},
                              {"create_time", "update_time", "planned_investment_kopecks", "planned_jobs"},
                              "create_time",
                              true};
  return kSpec;
}

Result<ApplicationRecord> ApplicationWorkflow::Get(const Caller& caller, std::int64_t id) {
  TimeMicros now = env_.clock.Now();
  return ReadValue<ApplicationRecord>(env_.store, [&](Transaction& tx) { return LoadVisible(tx, caller, id, now); });
}

Result<Page<ApplicationRecord>> ApplicationWorkflow::List(const Caller& caller, const ListParams& params) {
  const TimeMicros now = env_.clock.Now();
  return ReadPage<ApplicationRecord>(env_, caller, "ListApplications", ListSpecification(), params,
                                     ListVisibility::kOwnOrganization, [&](Transaction& tx, const ListQuery& q) {
                                       auto p = tx.applications().List(q);
                                       for (auto& app : p.items) app = Effective(std::move(app), now);
                                       return p;
                                     });
}

void ApplicationWorkflow::Create(const Caller& caller, CommandMeta meta, ApplicationRecord draft,
                                 Encoder<ApplicationRecord> encode, Reply reply) {
  FieldErrors errors;
  if (draft.organization_id != 0 && draft.organization_id != caller.organization_id) {
    errors.Add("application.organization", "must be empty or your own organization", "ORGANIZATION_MISMATCH");
  }
  errors.Append(ValidateApplicationDraft(draft, "application"));
  if (!errors.empty()) {
    reply(errors.ToStatus());
    return;
  }
  env_.commands.Run<ApplicationRecord>(
      caller, std::move(meta),
      [caller, draft](CommandContext& ctx) mutable -> Result<ApplicationRecord> {
        BIOPOLIS_RETURN_IF_ERROR(CheckApplicationTransition("a new application", ApplicationState::kDraft,
                                                            ApplicationAction::kEdit, caller.role));
        auto& tx = ctx.tx();
        if (!tx.organizations().Get(caller.organization_id)) {
          return Status::NotFound(FormatName("organizations", caller.organization_id));
        }
        if (auto live = tx.applications().FindLive(caller.organization_id)) {
          std::string name = FormatName(kCollection, live->id);
          return Status::FailedPrecondition(
              "the organization already has an open application " + name, "APPLICATION_ALREADY_OPEN",
              {"STATE", name, std::string("open application in ") + ApplicationStateName(live->state)});
        }
        if (auto resident = tx.residents().FindCurrent(caller.organization_id)) {
          std::string name = FormatName("residents", resident->id);
          return Status::FailedPrecondition("the organization is already a resident (" + name + ")", "ALREADY_RESIDENT",
                                            {"STATE", name, "registered resident"});
        }
        BIOPOLIS_RETURN_IF_ERROR(CheckRequestedPlots(tx, draft));
        ApplicationRecord app = draft;
        app.organization_id = caller.organization_id;
        app.state = ApplicationState::kDraft;
        app.create_time = app.update_time = ctx.now();
        app.version = 1;
        app.id = tx.applications().Insert(app);
        ctx.Record(FormatName(kCollection, app.id), app.organization_id, "application.created",
                   "draft created: " + app.project_name);
        return app;
      },
      std::move(encode), std::move(reply));
}

void ApplicationWorkflow::Update(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                                 ApplicationRecord patch, std::vector<std::string> paths,
                                 Encoder<ApplicationRecord> encode, Reply reply) {
  Status mask = CheckUpdateMask(paths, ApplicationMaskRules());
  if (!mask.ok()) {
    reply(mask);
    return;
  }
  env_.commands.Run<ApplicationRecord>(
      caller, std::move(meta),
      [caller, id, etag, patch, paths](CommandContext& ctx) -> Result<ApplicationRecord> {
        const std::string name = FormatName(kCollection, id);
        BIOPOLIS_ASSIGN_OR_RETURN(auto loaded, LoadVisible(ctx.tx(), caller, id, ctx.now()));
        ApplicationRecord app = loaded;
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, app.version, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckApplicationTransition(name, app.state, ApplicationAction::kEdit, caller.role));
        ApplyApplicationPatch(patch, paths, app);
        auto violations = ValidateApplicationDraft(app, "application");
        if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
        BIOPOLIS_RETURN_IF_ERROR(CheckRequestedPlots(ctx.tx(), app));
        app.update_time = ctx.now();
        app.version += 1;
        ctx.tx().applications().Update(app);
        std::string fields;
        for (const auto& p : paths) fields += (fields.empty() ? "" : ", ") + p;
        ctx.Record(name, app.organization_id, "application.updated", "changed " + fields);
        return app;
      },
      std::move(encode), std::move(reply));
}

void ApplicationWorkflow::Delete(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                                 Encoder<ApplicationRecord> encode, Reply reply) {
  env_.commands.Run<ApplicationRecord>(
      caller, std::move(meta),
      [caller, id, etag](CommandContext& ctx) -> Result<ApplicationRecord> {
        const std::string name = FormatName(kCollection, id);
        BIOPOLIS_ASSIGN_OR_RETURN(auto loaded, LoadVisible(ctx.tx(), caller, id, ctx.now()));
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, loaded.version, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckApplicationTransition(name, loaded.state, ApplicationAction::kEdit, caller.role));
        document_seam::DeleteDocumentsOf(ctx, {DocumentParentType::kApplication, id});
        ctx.tx().applications().Delete(id);
        ctx.Record(name, loaded.organization_id, "application.deleted", "draft deleted");
        return loaded;
      },
      std::move(encode), std::move(reply));
}

Result<EligibilityReport> ApplicationWorkflow::CheckEligibility(const Caller& caller, std::int64_t id) {
  TimeMicros now = env_.clock.Now();
  return ReadValue<EligibilityReport>(env_.store, [&](Transaction& tx) -> Result<EligibilityReport> {
    BIOPOLIS_ASSIGN_OR_RETURN(auto app, LoadVisible(tx, caller, id, now));
    BIOPOLIS_ASSIGN_OR_RETURN(auto policy, policy_seam::InForce(tx, now));
    auto violations = CheckApplicationEligibility(app, policy, "application");
    auto missing =
        document_seam::MissingKinds(tx, {DocumentParentType::kApplication, id}, policy.required_application_documents);
    for (auto& v : MissingDocumentViolations(missing)) violations.push_back(std::move(v));
    return EligibilityReport{std::move(violations), policy.version};
  });
}

void ApplicationWorkflow::Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                              ApplicationAction action, ApplicationActionArgs args, Encoder<ApplicationRecord> encode,
                              Reply reply) {
  Status valid = ValidateArgs(action, args, env_.clock.Now());
  if (!valid.ok()) {
    reply(valid);
    return;
  }
  env_.commands.Run<ApplicationRecord>(
      caller, std::move(meta),
      [caller, id, etag, action, args](CommandContext& ctx) -> Result<ApplicationRecord> {
        Transaction& tx = ctx.tx();
        const std::string name = FormatName(kCollection, id);
        BIOPOLIS_ASSIGN_OR_RETURN(auto loaded, LoadVisible(tx, caller, id, ctx.now()));
        ApplicationRecord app = loaded;
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, app.version, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckApplicationTransition(name, app.state, action, caller.role));
        std::string summary = std::string(ApplicationStateName(app.state)) + " -> " +
                              ApplicationStateName(ApplicationStateAfter(action, app.state));
        switch (action) {
          case ApplicationAction::kSubmit: {
            BIOPOLIS_ASSIGN_OR_RETURN(auto policy, policy_seam::InForce(tx, ctx.now()));
            auto violations = CheckApplicationEligibility(app, policy, "application");
            if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
            auto missing = document_seam::MissingKinds(tx, {DocumentParentType::kApplication, id},
                                                       policy.required_application_documents);
            if (!missing.empty()) return MissingDocuments(name, missing);
            app.policy_version = policy.version;
            app.submit_time = ctx.now();
            summary += " under policy version " + std::to_string(policy.version);
            break;
          }
          case ApplicationAction::kRequestInformation: {
            BIOPOLIS_ASSIGN_OR_RETURN(auto policy, policy_seam::InForce(tx, ctx.now()));
            app.info_request_text = args.text;
            app.info_response_text.clear();
            app.info_request_deadline = ctx.now() + policy.info_request_days * kMicrosPerDay;
            summary += ", respond by " + FormatTimestamp(app.info_request_deadline);
            break;
          }
          case ApplicationAction::kRespond:
            app.info_response_text = args.text;
            break;
          case ApplicationAction::kRecordExpertOpinion:
            app.expert_opinion = args.opinion;
            app.expert_opinion_summary = args.text;
            summary += args.opinion == ExpertOpinion::kPositive ? ", opinion positive" : ", opinion negative";
            break;
          case ApplicationAction::kApprove:
            app.approval_comment = args.text;
            break;
          case ApplicationAction::kReject:
            app.rejection_ground = args.ground;
            app.rejection_explanation = args.text;
            land_seam::ReleaseReservationsOf(ctx, app.id, name + " was rejected");
            break;
          case ApplicationAction::kWithdraw:
            app.withdrawal_reason = args.text;
            land_seam::ReleaseReservationsOf(ctx, app.id, name + " was withdrawn");
            break;
          case ApplicationAction::kSignAgreement: {
            if (auto current = tx.residents().FindCurrent(app.organization_id)) {
              std::string rname = FormatName("residents", current->id);
              return Status::FailedPrecondition("the organization is already a resident (" + rname + ")",
                                                "ALREADY_RESIDENT", {"STATE", rname, "registered resident"});
            }
            ResidentRecord resident;
            resident.organization_id = app.organization_id;
            resident.application_id = app.id;
            resident.registration_date = ZoneDateOf(ctx.now());
            resident.registry_number =
                RegistryNumber(resident.registration_date.year,
                               tx.residents().CountRegisteredInYear(resident.registration_date.year) + 1);
            resident.agreement_number = args.agreement_number;
            resident.agreement_date = args.agreement_date;
            resident.commitments = args.commitments;
            resident.state = ResidentState::kActive;
            resident.create_time = resident.update_time = ctx.now();
            resident.version = 1;
            resident.id = tx.residents().Insert(resident);
            app.resident_id = resident.id;
            const std::string rname = FormatName("residents", resident.id);
            ctx.Record(
                rname, resident.organization_id, "resident.registered",
                "entered in the registry as " + resident.registry_number + ", agreement " + resident.agreement_number);
            summary += ", registered as " + rname;
            break;
          }
          default:
            break;
        }
        app.state = ApplicationStateAfter(action, app.state);
        app.update_time = ctx.now();
        app.version += 1;
        tx.applications().Update(app);
        ctx.Record(name, app.organization_id, EventType(action), summary);
        return app;
      },
      std::move(encode), std::move(reply));
}

Result<int> ApplicationWorkflow::LapseOverdue() {
  auto count = std::make_shared<int>(0);
  const Clock& clock = env_.clock;
  Status st = env_.store.WriteAndWait([count, &clock](Transaction& tx) -> Status {
    Caller system = Caller::System();
    CommandMeta meta{"LapseOverdueApplications", "", ""};
    CommandContext ctx(tx, system, clock.Now(), meta);
    for (auto app : tx.applications().ListOverdueInfoRequests(ctx.now(), 500)) {
      const std::string name = FormatName(kCollection, app.id);
      BIOPOLIS_RETURN_IF_ERROR(
          CheckApplicationTransition(name, app.state, ApplicationAction::kLapse, system.role, /*system=*/true));
      app.state = ApplicationState::kLapsed;
      app.update_time = ctx.now();
      app.version += 1;
      tx.applications().Update(app);
      land_seam::ReleaseReservationsOf(ctx, app.id, name + " lapsed");
      ctx.Record(name, app.organization_id, "application.lapsed",
                 kApplicationStates.Transition(ApplicationState::kInfoRequested, ApplicationState::kLapsed) +
                     ": no answer by " + FormatTimestamp(app.info_request_deadline));
      ++*count;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return *count;
}

}  // namespace biopolis
