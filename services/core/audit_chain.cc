#include "services/core/audit_chain.h"

#include "services/core/crypto.h"

namespace biopolis {
namespace {

void Field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string AuditHash(const AuditContent& c) {
  std::string material = "biopolis-audit-v1;";
  Field(material, std::to_string(c.sequence));
  Field(material, c.actor);
  Field(material, std::to_string(c.actor_role));
  Field(material, c.action);
  Field(material, c.resource);
  Field(material, c.request_id);
  Field(material, c.summary);
  Field(material, std::to_string(c.create_time_micros));
  Field(material, c.previous_hash);
  return Sha256Hex(material);
}

std::optional<AuditChainBreak> VerifyAuditChain(const std::vector<AuditContent>& records) {
  std::string previous;
  std::int64_t previous_sequence = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const AuditContent& r = records[i];
    if (r.sequence <= previous_sequence) {
      return AuditChainBreak{i, r.sequence, "sequence does not increase (records reordered)"};
    }
    if (r.previous_hash != previous) {
      return AuditChainBreak{i, r.sequence,
                             "does not link to the record before it (a record was removed, inserted or moved)"};
    }
    if (AuditHash(r) != r.hash) {
      return AuditChainBreak{i, r.sequence, "content does not match its hash (the record was altered)"};
    }
    previous = r.hash;
    previous_sequence = r.sequence;
  }
  return std::nullopt;
}

}  // namespace biopolis
