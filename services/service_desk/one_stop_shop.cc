#include "services/service_desk/one_stop_shop.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "core/text_limits.h"
#include "core/working_calendar.h"

namespace biopolis {
namespace {

constexpr char kTypes[] = "serviceTypes";
constexpr char kRequests[] = "serviceRequests";

Status CheckText(const char* field, const std::string& text, bool required) {
  FieldErrors errors;
  errors.CheckText(field, text, text_limits::kText, required);
  return errors.ToStatus();
}

void AddToConversation(CommandContext& ctx, std::int64_t request_id, const std::string& text) {
  if (text.empty()) return;
  ServiceMessageRecord m;
  m.request_id = request_id;
  m.author = ctx.caller().principal;
  m.from_resident = ctx.caller().is_resident();
  m.text = text;
  m.create_time = ctx.now();
  ctx.tx().service_desk().AddMessage(m);
}

}  // namespace

Result<ServiceTypeRecord> OneStopShop::GetType(std::int64_t id) {
  return ReadValue<ServiceTypeRecord>(env_.store, [&](Transaction& tx) -> Result<ServiceTypeRecord> {
    auto t = tx.service_desk().GetType(id);
    if (!t) return Status::NotFound(FormatName(kTypes, id));
    return *t;
  });
}

Result<Page<ServiceTypeRecord>> OneStopShop::ListTypes(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{
      {{"category", FieldType::kEnum, kServiceCategories.FilterValues(), ""}}, {"create_time"}, "create_time", false};
  return ReadPage<ServiceTypeRecord>(
      env_, caller, "ListServiceTypes", kSpec, params, ListVisibility::kEveryone,
      [](Transaction& tx, const ListQuery& q) { return tx.service_desk().ListTypes(q); });
}

void OneStopShop::CreateType(const Caller& caller, CommandMeta meta, ServiceTypeRecord type,
                             Encoder<ServiceTypeRecord> encode, Reply reply) {
  auto violations = ValidateServiceType(type, "service_type");
  if (!violations.empty()) return reply(Status::InvalidArgument(std::move(violations)));
  env_.commands.Run<ServiceTypeRecord>(
      caller, std::move(meta),
      [type](CommandContext& ctx) mutable -> Result<ServiceTypeRecord> {
        type.create_time = type.update_time = ctx.now();
        type.version = 1;
        type.id = ctx.tx().service_desk().InsertType(type);
        ctx.Record(FormatName(kTypes, type.id), 0, "service_type.created",
                   type.title + ", SLA " + std::to_string(type.sla_working_days) + " working days");
        return type;
      },
      std::move(encode), std::move(reply));
}

void OneStopShop::UpdateType(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                             ServiceTypeRecord patch, std::vector<std::string> paths, Encoder<ServiceTypeRecord> encode,
                             Reply reply) {
  Status mask = CheckUpdateMask(paths, ServiceTypeMaskRules());
  if (!mask.ok()) return reply(mask);
  env_.commands.Run<ServiceTypeRecord>(
      caller, std::move(meta),
      [id, etag, patch, paths](CommandContext& ctx) -> Result<ServiceTypeRecord> {
        const std::string name = FormatName(kTypes, id);
        auto t = ctx.tx().service_desk().GetType(id);
        if (!t) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, t->version, name));
        ApplyServiceTypePatch(patch, paths, *t);
        auto violations = ValidateServiceType(*t, "service_type");
        if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
        t->update_time = ctx.now();
        t->version += 1;
        ctx.tx().service_desk().UpdateType(*t);
        std::string fields;
        for (const auto& p : paths) fields += (fields.empty() ? "" : ", ") + p;
        ctx.Record(name, 0, "service_type.updated", "changed " + fields);
        return *t;
      },
      std::move(encode), std::move(reply));
}

Result<ServiceRequestRecord> OneStopShop::GetRequest(const Caller& caller, std::int64_t id) {
  return ReadValue<ServiceRequestRecord>(env_.store, [&](Transaction& tx) -> Result<ServiceRequestRecord> {
    auto r = tx.service_desk().GetRequest(id);
    if (!r || !caller.MaySee(r->organization_id)) return Status::NotFound(FormatName(kRequests, id));
    return *r;
  });
}

Result<Page<ServiceRequestRecord>> OneStopShop::ListRequests(const Caller& caller, const ListParams& params,
                                                             bool overdue_only) {
  static const ListSpec kSpec{{{"state", FieldType::kEnum, kServiceRequestStates.FilterValues(), ""},
                               {"service_type", FieldType::kReference, {}, kTypes},
                               {"organization", FieldType::kReference, {}, "organizations"},
                               {"assignee", FieldType::kString, {}, ""}},
                              {"due_time", "create_time"},
                              "due_time",
                              false};
  std::optional<TimeMicros> overdue_at;
  if (overdue_only) overdue_at = env_.clock.Now();
  return ReadPage<ServiceRequestRecord>(
      env_, caller, overdue_only ? "ListServiceRequests|overdue" : "ListServiceRequests", kSpec, params,
      ListVisibility::kOwnOrganization,
      [&](Transaction& tx, const ListQuery& q) { return tx.service_desk().ListRequests(q, overdue_at); });
}

void OneStopShop::CreateRequest(const Caller& caller, CommandMeta meta, ServiceRequestRecord request,
                                Encoder<ServiceRequestRecord> encode, Reply reply) {
  Status text = CheckText("service_request.description", request.description, true);
  if (!text.ok()) return reply(text);
  env_.commands.Run<ServiceRequestRecord>(
      caller, std::move(meta),
      [request](CommandContext& ctx) mutable -> Result<ServiceRequestRecord> {
        if (!ctx.caller().is_resident()) {
          return Status::PermissionDenied("only a resident company opens service requests");
        }
        auto type = ctx.tx().service_desk().GetType(request.service_type_id);
        if (!type) {
          return Status::InvalidField("service_request.service_type",
                                      FormatName(kTypes, request.service_type_id) + " does not exist",
                                      "SERVICE_TYPE_NOT_FOUND");
        }
        if (type->inactive) {
          return Status::FailedPrecondition(FormatName(kTypes, type->id) + " accepts no new requests",
                                            "SERVICE_TYPE_INACTIVE",
                                            {"STATE", FormatName(kTypes, type->id), "inactive"});
        }
        request.organization_id = ctx.caller().organization_id;
        request.state = ServiceRequestState::kNew;
        request.due_time = AddWorkingDays(ctx.now(), type->sla_working_days);
        request.create_time = request.update_time = ctx.now();
        request.version = 1;
        request.id = ctx.tx().service_desk().InsertRequest(request);
        ctx.Record(FormatName(kRequests, request.id), request.organization_id, "service_request.created",
                   type->title + ", due " + FormatTimestamp(request.due_time));
        return request;
      },
      std::move(encode), std::move(reply));
}

void OneStopShop::Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ServiceAction action,
                      std::string text, Encoder<ServiceRequestRecord> encode, Reply reply) {
  bool required = action == ServiceAction::kAsk || action == ServiceAction::kRespond ||
                  action == ServiceAction::kResolve || action == ServiceAction::kReopen;
  const char* field = action == ServiceAction::kResolve                                      ? "outcome"
                      : action == ServiceAction::kReopen || action == ServiceAction::kCancel ? "reason"
                                                                                             : "text";
  Status valid = CheckText(field, text, required);
  if (!valid.ok()) return reply(valid);
  env_.commands.Run<ServiceRequestRecord>(
      caller, std::move(meta),
      [id, etag, action, text](CommandContext& ctx) -> Result<ServiceRequestRecord> {
        const std::string name = FormatName(kRequests, id);
        auto r = ctx.tx().service_desk().GetRequest(id);
        if (!r || !ctx.caller().MaySee(r->organization_id)) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, r->version, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckServiceTransition(name, r->state, action, ctx.caller().role));
        std::string summary = std::string(ServiceRequestStateName(r->state)) + " -> " +
                              ServiceRequestStateName(ServiceStateAfter(action));
        ApplySlaClock(*r, action, ctx.now());
        if (action == ServiceAction::kTake) {
          r->assignee = ctx.caller().principal;
          summary += ", assigned to " + r->assignee;
        }
        if (action == ServiceAction::kResolve) {
          r->outcome = text;
          summary += r->resolved_within_sla ? ", within the SLA" : ", after the due time";
        }
        if (action == ServiceAction::kRespond) summary += ", now due " + FormatTimestamp(r->due_time);
        AddToConversation(ctx, id, text);
        r->state = ServiceStateAfter(action);
        r->update_time = ctx.now();
        r->version += 1;
        ctx.tx().service_desk().UpdateRequest(*r);
        ctx.Record(name, r->organization_id,
                   "service_request." + std::string(ServiceRequestStateName(r->state)).substr(6), summary);
        return *r;
      },
      std::move(encode), std::move(reply));
}

void OneStopShop::AddMessage(const Caller& caller, CommandMeta meta, std::int64_t request_id, std::string text,
                             Encoder<ServiceMessageRecord> encode, Reply reply) {
  Status valid = CheckText("message.text", text, true);
  if (!valid.ok()) return reply(valid);
  env_.commands.Run<ServiceMessageRecord>(
      caller, std::move(meta),
      [request_id, text](CommandContext& ctx) -> Result<ServiceMessageRecord> {
        const std::string name = FormatName(kRequests, request_id);
        auto r = ctx.tx().service_desk().GetRequest(request_id);
        if (!r || !ctx.caller().MaySee(r->organization_id)) return Status::NotFound(name);
        if (!AcceptsMessages(r->state)) {
          return Status::WrongState(name, ServiceRequestStateName(r->state), "a closed request takes no messages");
        }
        ServiceMessageRecord m;
        m.request_id = request_id;
        m.author = ctx.caller().principal;
        m.from_resident = ctx.caller().is_resident();
        m.text = text;
        m.create_time = ctx.now();
        m.id = ctx.tx().service_desk().AddMessage(m);
        ctx.Record(name, r->organization_id, "service_request.message", "message from " + m.author);
        return m;
      },
      std::move(encode), std::move(reply));
}

Result<Page<ServiceMessageRecord>> OneStopShop::ListMessages(const Caller& caller, std::int64_t request_id,
                                                             const ListParams& params) {
  static const ListSpec kSpec{{}, {"id"}, "id", false};
  return ReadPage<ServiceMessageRecord>(env_, caller, "ListServiceMessages|" + std::to_string(request_id), kSpec,
                                        params, ListVisibility::kEveryone,
                                        [&](Transaction& tx, const ListQuery& q) -> Result<Page<ServiceMessageRecord>> {
                                          auto r = tx.service_desk().GetRequest(request_id);
                                          if (!r || !caller.MaySee(r->organization_id))
                                            return Status::NotFound(FormatName(kRequests, request_id));
                                          return tx.service_desk().ListMessages(request_id, q);
                                        });
}

Result<ServiceDeskTotals> OneStopShop::Totals() {
  TimeMicros now = env_.clock.Now();
  return ReadValue<ServiceDeskTotals>(
      env_.store, [&](Transaction& tx) -> Result<ServiceDeskTotals> { return tx.service_desk().Totals(now); });
}

}  // namespace biopolis
