#include "services/extracts/registry_extracts.h"

#include "core/resource_name.h"
#include "services/domain/as_of.h"
#include "services/extracts/extract_content.h"
#include "services/extracts/extract_pdf.h"

namespace biopolis {
namespace {

constexpr char kCollection[] = "registryExtracts";

// The subject's organization and, for a registry entry, its id; NOT_FOUND
// for one that does not exist or that the caller may not see.
struct Subject {
  std::int64_t organization_id = 0;
  std::optional<std::int64_t> resident_id;
};

Result<Subject> ResolveSubject(Transaction& tx, const Caller& caller, const std::string& subject) {
  if (subject.starts_with("residents/")) {
    BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(subject, "residents", "subject"));
    auto entry = tx.residents().Get(id);
    if (!entry || !caller.MaySee(entry->organization_id)) return Status::NotFound(subject);
    return Subject{entry->organization_id, id};
  }
  BIOPOLIS_ASSIGN_OR_RETURN(auto id, ParseName(subject, "organizations", "subject"));
  if (!tx.organizations().Get(id) || !caller.MaySee(id)) return Status::NotFound(subject);
  return Subject{id, std::nullopt};
}

Status NotYet(const std::string& subject, TimeMicros as_of) {
  return Status(StatusCode::kNotFound, subject + " did not exist yet at " + FormatTimestamp(as_of), "NOT_FOUND");
}

// Gathers what the extract states: the organization then, its registry entry
// then (the subject's, or for an organization the one not terminated, else
// its latest), that entry's history up to then and the plots it leased then.
Result<ExtractFacts> GatherFacts(Transaction& tx, const std::string& subject_name, const Subject& subject,
                                 TimeMicros as_of) {
  ExtractFacts f;
  f.subject = subject_name;
  f.as_of = as_of;
  auto org = tx.organizations().GetAsOf(subject.organization_id, as_of);
  if (!org) return NotYet(subject_name, as_of);
  f.organization = *org;
  if (subject.resident_id) {
    auto then = tx.residents().GetAsOf(*subject.resident_id, as_of);
    if (!then) return NotYet(subject_name, as_of);
    f.entry = then->entry;
  } else {
    ListQuery q;
    q.order_field = "registry_number";
    q.page_size = 100;
    q.conditions = {{"organization", CompareOp::kEq, subject.organization_id}};
    for (auto& r : tx.residents().ListAsOf(q, as_of).items) {
      if (!f.entry || f.entry->state == ResidentState::kTerminated) f.entry = std::move(r);
    }
  }
  if (!f.entry) return f;
  ListQuery versions;
  versions.order_field = "version";
  versions.page_size = kMaxPageSize;
  for (auto& v : tx.residents().ListVersions(f.entry->id, versions).items) {
    if (v.effective_time <= as_of) f.history.push_back(std::move(v));
  }
  ListQuery leases;
  leases.order_field = "create_time";
  leases.page_size = kMaxPageSize;
  leases.conditions = {{"resident", CompareOp::kEq, f.entry->id}};
  const Date day = ZoneDateOf(as_of);
  for (auto& lease : tx.leases().List(leases).items) {
    if (!LeaseInUseOn(lease, day)) continue;
    auto plot = tx.plots().Get(lease.plot_id);
    if (plot) f.plots.push_back({std::move(lease), std::move(*plot)});
  }
  return f;
}

}  // namespace

const ListSpec& RegistryExtracts::ListSpecification() {
  static const ListSpec kSpec{
      {{"organization", FieldType::kReference, {}, "organizations"}}, {"issue_time"}, "issue_time", true};
  return kSpec;
}

void RegistryExtracts::Issue(const Caller& caller, CommandMeta meta, std::string subject,
                             std::optional<TimeMicros> as_of, Encoder<RegistryExtractRecord> encode, Reply reply) {
  if (!keys_) {
    reply(Status(StatusCode::kFailedPrecondition, "this server has no signing keys", "SIGNING_DISABLED"));
    return;
  }
  if (subject.empty()) {
    reply(Status::InvalidField("subject", "is required: organizations/{id} or residents/{id}", "FIELD_REQUIRED"));
    return;
  }
  if (as_of) {
    Status valid = CheckAsOf(*as_of, env_.clock.Now());
    if (!valid.ok()) {
      reply(valid);
      return;
    }
  }
  env_.commands.Run<RegistryExtractRecord>(
      caller, std::move(meta),
      [caller, subject, as_of, keys = keys_](CommandContext& ctx) -> Result<RegistryExtractRecord> {
        BIOPOLIS_ASSIGN_OR_RETURN(auto resolved, ResolveSubject(ctx.tx(), caller, subject));
        BIOPOLIS_ASSIGN_OR_RETURN(auto facts, GatherFacts(ctx.tx(), subject, resolved, as_of.value_or(ctx.now())));
        const auto ring = keys->Current();
        RegistryExtractRecord r;
        r.year = ZoneDateOf(ctx.now()).year;
        r.number = ExtractNumber(r.year, ctx.tx().extracts().CountIssuedInYear(r.year) + 1);
        r.subject = subject;
        r.organization_id = resolved.organization_id;
        r.as_of = facts.as_of;
        r.issue_time = ctx.now();
        r.issued_by = caller.principal;
        r.key_id = ring->active_key_id();
        facts.number = r.number;
        facts.issue_time = r.issue_time;
        facts.key_id = r.key_id;
        r.content = ExtractContent(facts).Serialize();
        r.signature = ring->Sign(r.content);
        r.id = ctx.tx().extracts().Insert(r);
        ctx.Record(
            FormatName(kCollection, r.id), r.organization_id, "registry_extract.issued",
            "extract " + r.number + " of " + subject + " as of " + FormatTimestamp(r.as_of) + ", key " + r.key_id);
        return r;
      },
      std::move(encode), std::move(reply));
}

Result<RegistryExtractRecord> RegistryExtracts::Get(const Caller& caller, std::int64_t id) {
  return ReadValue<RegistryExtractRecord>(env_.store, [&](Transaction& tx) -> Result<RegistryExtractRecord> {
    auto r = tx.extracts().Get(id);
    if (!r || !caller.MaySee(r->organization_id)) return Status::NotFound(FormatName(kCollection, id));
    return *r;
  });
}

Result<Page<RegistryExtractRecord>> RegistryExtracts::List(const Caller& caller, const ListParams& params) {
  return ReadPage<RegistryExtractRecord>(env_, caller, "ListRegistryExtracts", ListSpecification(), params,
                                         ListVisibility::kOwnOrganization,
                                         [](Transaction& tx, const ListQuery& q) { return tx.extracts().List(q); });
}

Result<std::string> RegistryExtracts::RenderPdf(const RegistryExtractRecord& extract) const {
  if (!keys_) return Status(StatusCode::kFailedPrecondition, "this server has no signing keys", "SIGNING_DISABLED");
  auto content = JsonValue::Parse(extract.content);
  if (!content) return Status::Internal("the stored extract " + extract.number + " is not canonical JSON");
  const auto ring = keys_->Current();
  return RenderExtractPdf(*content, ExtractDocument(extract.content, extract.key_id, extract.signature),
                          ring->active_key_id(), [&](std::string_view bytes) { return ring->Sign(bytes); });
}

namespace {
Status NoKeys() {
  return Status(StatusCode::kFailedPrecondition, "this server has no signing keys", "SIGNING_DISABLED");
}
}  // namespace

Result<std::vector<PublicKey>> RegistryExtracts::PublicKeys() const {
  if (!keys_) return NoKeys();
  return keys_->Current()->PublicKeys();
}

Result<std::string> RegistryExtracts::PublicKeysFile() const {
  BIOPOLIS_ASSIGN_OR_RETURN(auto keys, PublicKeys());
  JsonValue::Array list;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    list.push_back(JsonValue::Object{
        {"active", i + 1 == keys.size()},
        {"key_id", keys[i].key_id},
        {"public_key", keys[i].public_key_hex},
        {"revoke_time", keys[i].revoke_time != 0 ? JsonValue(FormatTimestamp(keys[i].revoke_time)) : JsonValue()}});
  }
  return JsonValue(JsonValue::Object{{"keys", std::move(list)}, {"type", "biopolis.signing_keys.v1"}}).Serialize();
}

Result<std::string> RegistryExtracts::SignDocument(const std::string& canonical_content) const {
  if (!keys_) return NoKeys();
  const auto ring = keys_->Current();
  return ExtractDocument(canonical_content, ring->active_key_id(), ring->Sign(canonical_content));
}

void RegistryExtracts::RotateKey(const Caller& caller, CommandMeta meta, Encoder<PublicKey> encode, Reply reply) {
  if (!keys_) return reply(NoKeys());
  env_.commands.Run<PublicKey>(
      caller, std::move(meta),
      [keys = keys_](CommandContext& ctx) -> Result<PublicKey> {
        BIOPOLIS_ASSIGN_OR_RETURN(auto key, keys->Rotate());
        ctx.Record("signingKeys/" + key.key_id, 0, "signing_key.rotated", key.key_id + " is the active signing key");
        return key;
      },
      std::move(encode), std::move(reply));
}

void RegistryExtracts::RevokeKey(const Caller& caller, CommandMeta meta, std::string key_id, Encoder<PublicKey> encode,
                                 Reply reply) {
  if (!keys_) return reply(NoKeys());
  if (key_id.empty()) {
    return reply(Status::InvalidField("key_id", "is required, e.g. k1", "FIELD_REQUIRED"));
  }
  env_.commands.Run<PublicKey>(
      caller, std::move(meta),
      [keys = keys_, key_id](CommandContext& ctx) -> Result<PublicKey> {
        BIOPOLIS_ASSIGN_OR_RETURN(auto key, keys->Revoke(key_id, ctx.now()));
        ctx.Record("signingKeys/" + key.key_id, 0, "signing_key.revoked", key.key_id + " revoked");
        return key;
      },
      std::move(encode), std::move(reply));
}

}  // namespace biopolis
