#include "services/residents/resident_registry.h"

#include "core/etag.h"
#include "core/resource_name.h"
#include "services/domain/as_of.h"
#include "services/land/land_seam.h"
#include "services/support/support_seam.h"

namespace biopolis {
namespace {
constexpr char kCollection[] = "residents";
}  // namespace

const ListSpec& ResidentRegistry::ListSpecification() {
  static const ListSpec kSpec{{{"state", FieldType::kEnum, kResidentStates.FilterValues(), ""},
                               {"organization", FieldType::kReference, {}, "organizations"},
                               {"registry_number", FieldType::kString, {}, ""}},
                              {"registry_number", "create_time"},
                              "registry_number",
                              false};
  return kSpec;
}

Result<ResidentRecord> ResidentRegistry::Get(const Caller& caller, std::int64_t id) {
  return ReadValue<ResidentRecord>(env_.store, [&](Transaction& tx) -> Result<ResidentRecord> {
    auto r = tx.residents().Get(id);
    if (!r || !caller.MaySee(r->organization_id)) return Status::NotFound(FormatName(kCollection, id));
    return *r;
  });
}

const ListSpec& ResidentRegistry::VersionListSpecification() {
  static const ListSpec kSpec{{}, {"version"}, "version", false};
  return kSpec;
}

Result<ResidentVersionRecord> ResidentRegistry::GetAsOf(const Caller& caller, std::int64_t id, TimeMicros as_of) {
  BIOPOLIS_RETURN_IF_ERROR(CheckAsOf(as_of, env_.clock.Now()));
  return ReadValue<ResidentVersionRecord>(env_.store, [&](Transaction& tx) -> Result<ResidentVersionRecord> {
    const std::string name = FormatName(kCollection, id);
    // An entry's organization never changes: the version tells who may see it.
    auto then = tx.residents().GetAsOf(id, as_of);
    if (then) {
      if (!caller.MaySee(then->entry.organization_id)) return Status::NotFound(name);
      return *then;
    }
    auto current = tx.residents().Get(id);
    if (!current || !caller.MaySee(current->organization_id)) return Status::NotFound(name);
    return Status(StatusCode::kNotFound, name + " was not yet in the registry at " + FormatTimestamp(as_of),
                  "NOT_FOUND");
  });
}

Result<Page<ResidentRecord>> ResidentRegistry::List(const Caller& caller, const ListParams& params,
                                                    std::optional<TimeMicros> as_of) {
  if (!as_of) {
    return ReadPage<ResidentRecord>(env_, caller, "ListResidents", ListSpecification(), params,
                                    ListVisibility::kOwnOrganization,
                                    [](Transaction& tx, const ListQuery& q) { return tx.residents().List(q); });
  }
  BIOPOLIS_RETURN_IF_ERROR(CheckAsOf(*as_of, env_.clock.Now()));
  // The page token is bound to the as_of it was issued for.
  return ReadPage<ResidentRecord>(env_, caller, "ListResidents@" + std::to_string(*as_of), ListSpecification(), params,
                                  ListVisibility::kOwnOrganization, [t = *as_of](Transaction& tx, const ListQuery& q) {
                                    return tx.residents().ListAsOf(q, t);
                                  });
}

Result<Page<ResidentVersionRecord>> ResidentRegistry::ListVersions(const Caller& caller, std::int64_t id,
                                                                   const ListParams& params) {
  const std::string name = FormatName(kCollection, id);
  BIOPOLIS_RETURN_IF_ERROR(ReadValue<bool>(env_.store, [&](Transaction& tx) -> Result<bool> {
                             auto current = tx.residents().Get(id);
                             if (!current || !caller.MaySee(current->organization_id)) return Status::NotFound(name);
                             return true;
                           }).status());
  return ReadPage<ResidentVersionRecord>(
      env_, caller, "ListResidentVersions|" + name, VersionListSpecification(), params, ListVisibility::kEveryone,
      [id](Transaction& tx, const ListQuery& q) { return tx.residents().ListVersions(id, q); });
}

void ResidentRegistry::Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                           ResidentAction action, ResidentActionArgs args, Encoder<ResidentRecord> encode,
                           Reply reply) {
  Status valid = ValidateResidentArgs(action, args, ZoneDateOf(env_.clock.Now()));
  if (!valid.ok()) {
    reply(valid);
    return;
  }
  env_.commands.Run<ResidentRecord>(
      caller, std::move(meta),
      [caller, id, etag, action, args](CommandContext& ctx) -> Result<ResidentRecord> {
        const std::string name = FormatName(kCollection, id);
        auto loaded = ctx.tx().residents().Get(id);
        if (!loaded || !caller.MaySee(loaded->organization_id)) return Status::NotFound(name);
        ResidentRecord r = *loaded;
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, r.version, name));
        BIOPOLIS_RETURN_IF_ERROR(CheckResidentTransition(name, r.state, action, caller.role));
        std::string summary =
            std::string(ResidentStateName(r.state)) + " -> " + ResidentStateName(ResidentStateAfter(action));
        std::string event;
        switch (action) {
          case ResidentAction::kIssueViolationNotice:
            r.violation_description = args.text;
            r.violation_cure_by = args.date;
            r.violation_issue_time = ctx.now();
            r.violation_cure_time = 0;
            r.violation_cure_note.clear();
            summary += ", cure by " + args.date.ToString();
            event = "resident.violation_notice_issued";
            break;
          case ResidentAction::kCureViolation:
            r.violation_cure_time = ctx.now();
            r.violation_cure_note = args.text;
            event = "resident.violation_cured";
            break;
          case ResidentAction::kTerminate:
            if (args.date < r.registration_date) {
              return Status::InvalidField("effective_date",
                                          "is before the registration date " + r.registration_date.ToString(),
                                          "INVALID_DATE_RANGE");
            }
            r.termination_ground = args.ground;
            r.termination_date = args.date;
            r.termination_explanation = args.text;
            // A terminated resident's leases end with its status.
            land_seam::EndLeasesOf(ctx, r.id, args.date, name + " was terminated: " + args.text);
            // ... and its open support requests close.
            support_seam::CloseRequestsOf(ctx, r.organization_id, name + " was terminated");
            summary += ", effective " + args.date.ToString();
            event = "resident.terminated";
            break;
        }
        r.state = ResidentStateAfter(action);
        r.update_time = ctx.now();
        r.effective_time = EffectiveTimeOf(action, args, r.create_time, ctx.now());
        r.version += 1;
        ctx.tx().residents().Update(r);
        ctx.Record(name, r.organization_id, event, summary);
        return r;
      },
      std::move(encode), std::move(reply));
}

}  // namespace biopolis
