#include "services/domain/command_runner.h"

namespace biopolis {

void CommandContext::Record(const std::string& resource, std::int64_t organization_id, const std::string& event_type,
                            const std::string& summary) {
  Write(caller_, resource, organization_id, event_type, summary);
}

void CommandContext::RecordBySystem(const std::string& resource, std::int64_t organization_id,
                                    const std::string& event_type, const std::string& summary) {
  Write(Caller::System(), resource, organization_id, event_type, summary);
}

void CommandContext::Write(const Caller& actor, const std::string& resource, std::int64_t organization_id,
                           const std::string& event_type, const std::string& summary) {
  AuditRecord audit;
  audit.actor = actor.principal;
  audit.actor_role = actor.role;
  audit.action = meta_.action;
  audit.resource = resource;
  audit.request_id = meta_.request_id;
  audit.summary = summary;
  audit.create_time = now_;
  tx_.journal().AppendAudit(audit);

  EventRecord event;
  event.type = event_type;
  event.resource = resource;
  event.organization_id = organization_id;
  event.summary = summary;
  event.create_time = now_;
  tx_.journal().AppendEvent(event);
}

void CommandRunner::RunErased(const Caller& caller, CommandMeta meta,
                              std::function<Result<std::string>(CommandContext&)> produce, Reply reply) {
  if (!meta.request_id.empty() && !IsUuid(meta.request_id)) {
    reply(Status::InvalidField("request_id", "must be a UUID, e.g. 123e4567-e89b-42d3-a456-426614174000",
                               "INVALID_REQUEST_ID"));
    return;
  }
  auto response = std::make_shared<std::string>();
  auto shared_meta = std::make_shared<CommandMeta>(std::move(meta));
  store_.Write(
      [this, caller, shared_meta, produce = std::move(produce), response](Transaction& tx) -> Status {
        const CommandMeta& m = *shared_meta;
        CommandContext ctx(tx, caller, clock_.Now(), m);
        if (!m.request_id.empty()) {
          auto prior = tx.journal().FindRequest(caller.principal, m.request_id);
          if (prior) {
            if (prior->fingerprint != m.fingerprint) {
              return Status::InvalidField("request_id", "was already used for a different request; use a new UUID",
                                          "REQUEST_ID_REUSED");
            }
            *response = prior->response;
            return Status::Ok();
          }
        }
        Result<std::string> produced = produce(ctx);
        if (!produced.ok()) return produced.status();
        *response = std::move(*produced);
        if (!m.request_id.empty()) {
          tx.journal().SaveRequest(
              IdempotencyRecord{caller.principal, m.request_id, m.fingerprint, *response, ctx.now()});
        }
        return Status::Ok();
      },
      [response, reply = std::move(reply)](const Status& st) {
        if (st.ok()) {
          reply(std::move(*response));
        } else {
          reply(st);
        }
      });
}

}  // namespace biopolis
