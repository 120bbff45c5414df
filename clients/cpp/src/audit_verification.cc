#include "biopolis/audit_verification.h"

#include <map>

#include "core/audit_chain.h"
#include "core/audit_checkpoint.h"

namespace biopolis::client {
namespace {

AuditContent ContentOf(const v1::AuditRecord& r) {
  return AuditContent{
      .sequence = r.sequence(),
      .actor = r.actor(),
      .actor_role = static_cast<int>(r.actor_role()),
      .action = r.action(),
      .resource = r.resource(),
      .request_id = r.request_id(),
      .summary = r.summary(),
      .create_time_micros = r.create_time().seconds() * 1'000'000 + r.create_time().nanos() / 1000,
      .previous_hash = r.previous_hash(),
      .hash = r.hash(),
  };
}

// The checkpoints to hold the log to, and the keys they must be signed with
// (empty: any valid signature, for saved lines the auditor vouches for).
struct Checkpoints {
  std::vector<AuditCheckpoint> list;
  std::map<std::string, std::string> published_keys;
};

Result<Checkpoints> LoadCheckpoints(const Audit& audit, const AuditVerifyOptions& options) {
  Checkpoints out;
  if (options.saved_checkpoints) {
    for (const auto& line : *options.saved_checkpoints) {
      if (line.empty()) continue;
      auto cp = ParseCheckpointLine(line);
      if (!cp) return Error(StatusCode::INVALID_ARGUMENT, "not a checkpoint line: " + line.substr(0, 80));
      out.list.push_back(std::move(*cp));
    }
    return out;
  }
  std::string token;
  do {
    auto page = audit.ListCheckpointsPage(ListOptions().PageSize(options.page_size), token);
    if (!page.ok()) return page.error();
    for (const auto& k : page->signing_keys()) out.published_keys[k.key_id()] = k.public_key();
    for (const auto& cp : page->checkpoints()) {
      auto parsed = ParseCheckpointLine(cp.line());
      if (!parsed) {
        return Error(StatusCode::INVALID_ARGUMENT,
                     "the server published a malformed checkpoint: " + cp.line().substr(0, 80));
      }
      out.list.push_back(std::move(*parsed));
    }
    token = page->next_page_token();
  } while (!token.empty());
  return out;
}

}  // namespace

Result<AuditVerification> VerifyAuditLog(const Audit& audit, const AuditVerifyOptions& options) {
  auto checkpoints = LoadCheckpoints(audit, options);
  if (!checkpoints.ok()) return checkpoints.error();
  AuditVerification result;
  result.checkpoints = checkpoints->list.size();
  AuditChainVerifier verifier;
  for (const auto& cp : checkpoints->list) {
    const auto& keys = checkpoints->published_keys;
    auto key = keys.find(cp.key_id);
    const bool key_known = keys.empty() || (key != keys.end() && key->second == cp.public_key_hex);
    if (!CheckpointSignatureValid(cp) || !key_known) {
      result.problem = "the checkpoint at sequence " + std::to_string(cp.sequence) + " has a bad signature (key " +
                       cp.key_id + (key_known ? ")" : ", not one of the zone's published keys)");
      return result;
    }
    verifier.ExpectHead(cp.sequence, cp.hash);
  }
  // Page by page: the chain is checked as it arrives, holding one hash.
  auto pager = audit.List(ListOptions().PageSize(options.page_size));
  for (const auto& item : pager) {
    if (!item) return item.error();
    const auto& record = *item;
    if (verifier.Add(ContentOf(record))) break;
  }
  result.records_checked = static_cast<std::int64_t>(verifier.checked());
  result.last_hash = verifier.last_hash();
  if (auto broken = verifier.Finish()) {
    result.broken_sequence = broken->sequence;
    result.problem = "auditRecords/" + std::to_string(broken->sequence) + ": " + broken->reason;
    return result;
  }
  result.intact = true;
  return result;
}

}  // namespace biopolis::client
