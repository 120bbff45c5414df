#include "services/organizations/organization_registry.h"

#include <algorithm>

#include "core/etag.h"
#include "core/resource_name.h"
#include "services/domain/as_of.h"
#include "services/organizations/organization_rules.h"

namespace biopolis {
namespace {

constexpr char kCollection[] = "organizations";

}  // namespace

const ListSpec& OrganizationRegistry::ListSpecification() {
  static const ListSpec kSpec{
      {{"inn", FieldType::kString, {}, ""}, {"kind", FieldType::kEnum, kOrganizationKinds.FilterValues(), ""}},
      {"create_time", "full_name", "inn"},
      "create_time",
      false};
  return kSpec;
}

Result<OrganizationRecord> OrganizationRegistry::Get(const Caller& caller, std::int64_t id) {
  return ReadValue<OrganizationRecord>(env_.store, [&](Transaction& tx) -> Result<OrganizationRecord> {
    auto org = tx.organizations().Get(id);
    if (!org || !caller.MaySee(org->id)) return Status::NotFound(FormatName(kCollection, id));
    return *org;
  });
}

Result<OrganizationRecord> OrganizationRegistry::GetAsOf(const Caller& caller, std::int64_t id, TimeMicros as_of) {
  BIOPOLIS_RETURN_IF_ERROR(CheckAsOf(as_of, env_.clock.Now()));
  return ReadValue<OrganizationRecord>(env_.store, [&](Transaction& tx) -> Result<OrganizationRecord> {
    const std::string name = FormatName(kCollection, id);
    if (!caller.MaySee(id)) return Status::NotFound(name);
    auto then = tx.organizations().GetAsOf(id, as_of);
    if (then) return *then;
    if (!tx.organizations().Get(id)) return Status::NotFound(name);
    return Status(StatusCode::kNotFound, name + " was not yet registered at " + FormatTimestamp(as_of), "NOT_FOUND");
  });
}

Result<Page<OrganizationRecord>> OrganizationRegistry::List(const Caller& caller, const ListParams& params) {
  return ReadPage<OrganizationRecord>(env_, caller, "ListOrganizations", ListSpecification(), params,
                                      ListVisibility::kOwnOrganization,
                                      [](Transaction& tx, const ListQuery& q) { return tx.organizations().List(q); });
}

void OrganizationRegistry::Create(const Caller& caller, CommandMeta meta, OrganizationRecord record,
                                  Encoder<OrganizationRecord> encode, Reply reply) {
  std::vector<FieldViolation> violations = ValidateOrganization(record, "organization");
  if (!violations.empty()) {
    reply(Status::InvalidArgument(std::move(violations)));
    return;
  }
  env_.commands.Run<OrganizationRecord>(
      caller, std::move(meta),
      [record](CommandContext& ctx) mutable -> Result<OrganizationRecord> {
        if (auto existing = ctx.tx().organizations().FindByInn(record.inn)) {
          return Status::AlreadyExists(
              "an organization with INN " + record.inn + " is registered as " + FormatName(kCollection, existing->id),
              "ORGANIZATION_EXISTS");
        }
        if (auto existing = ctx.tx().organizations().FindByOgrn(record.ogrn)) {
          return Status::AlreadyExists(
              "an organization with OGRN " + record.ogrn + " is registered as " + FormatName(kCollection, existing->id),
              "ORGANIZATION_EXISTS");
        }
        record.create_time = record.update_time = ctx.now();
        record.version = 1;
        record.id = ctx.tx().organizations().Insert(record);
        ctx.Record(FormatName(kCollection, record.id), record.id, "organization.created",
                   "registered " + record.full_name + " (INN " + record.inn + ")");
        return record;
      },
      std::move(encode), std::move(reply));
}

void OrganizationRegistry::Update(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag,
                                  OrganizationRecord patch, std::vector<std::string> paths,
                                  std::optional<Date> effective_date, Encoder<OrganizationRecord> encode, Reply reply) {
  Status mask = CheckUpdateMask(paths, OrganizationMaskRules(caller.role));
  if (!mask.ok()) {
    reply(mask);
    return;
  }
  if (effective_date) {
    const Date today = ZoneDateOf(env_.clock.Now());
    Status bad;
    if (caller.role != Role::kOfficer) {
      bad = Status::InvalidField("effective_date", "is for officers' corrections of the register's data",
                                 "FIELD_NOT_UPDATABLE");
    } else if (!effective_date->IsValid()) {
      bad = Status::InvalidField("effective_date", "is not a valid date", "INVALID_DATE");
    } else if (today < *effective_date) {
      bad = Status::InvalidField("effective_date", "is in the future (today is " + today.ToString() + ")",
                                 "DATE_IN_FUTURE");
    }
    if (!bad.ok()) {
      reply(bad);
      return;
    }
  }
  env_.commands.Run<OrganizationRecord>(
      caller, std::move(meta),
      [caller, id, etag, patch, paths, effective_date](CommandContext& ctx) -> Result<OrganizationRecord> {
        const std::string name = FormatName(kCollection, id);
        auto org = ctx.tx().organizations().Get(id);
        if (!org || !caller.MaySee(org->id)) return Status::NotFound(name);
        BIOPOLIS_RETURN_IF_ERROR(CheckEtag(etag, org->version, name));
        OrganizationRecord updated = *org;
        ApplyOrganizationPatch(patch, paths, updated);
        std::vector<FieldViolation> violations = ValidateOrganization(updated, "organization");
        if (!violations.empty()) return Status::InvalidArgument(std::move(violations));
        updated.update_time = ctx.now();
        updated.version = org->version + 1;
        if (effective_date) {
          if (*effective_date < ZoneDateOf(org->create_time)) {
            return Status::InvalidField(
                "effective_date",
                "is before the organization's registration on " + ZoneDateOf(org->create_time).ToString(),
                "INVALID_DATE_RANGE");
          }
          updated.effective_time = std::max(ZoneStartOf(*effective_date), org->create_time);
        }
        ctx.tx().organizations().Update(updated);
        std::string fields;
        for (const auto& p : paths) fields += (fields.empty() ? "" : ", ") + p;
        ctx.Record(name, id, "organization.updated", "changed " + fields);
        return updated;
      },
      std::move(encode), std::move(reply));
}

}  // namespace biopolis
