#include "core/audit_chain.h"

#include "core/crypto.h"

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

std::optional<AuditChainBreak> AuditChainVerifier::Add(const AuditContent& r) {
  const std::size_t index = checked_++;
  if (broken_) return broken_;
  if (r.sequence != last_sequence_ + 1) {
    broken_ = AuditChainBreak{
        index, r.sequence,
        r.sequence <= last_sequence_
            ? "sequence does not increase (records reordered)"
            : "sequence " + std::to_string(last_sequence_ + 1) +
                  (r.sequence == last_sequence_ + 2 ? " is missing"
                                                    : " to " + std::to_string(r.sequence - 1) + " are missing") +
                  " (records removed)"};
  } else if (r.previous_hash != last_hash_) {
    broken_ = AuditChainBreak{index, r.sequence,
                              "does not link to the record before it (a record was removed, inserted or moved)"};
  } else if (AuditHash(r) != r.hash) {
    broken_ = AuditChainBreak{index, r.sequence, "content does not match its hash (the record was altered)"};
  } else if (auto cp = expected_.find(r.sequence); cp != expected_.end() && cp->second != r.hash) {
    broken_ = AuditChainBreak{index, r.sequence,
                              "does not match the signed checkpoint of that sequence (the log was rewritten and "
                              "its hashes recomputed)"};
  } else {
    last_hash_ = r.hash;
    last_sequence_ = r.sequence;
  }
  return broken_;
}

std::optional<AuditChainBreak> AuditChainVerifier::Finish() const {
  if (broken_) return broken_;
  if (!expected_.empty() && expected_.rbegin()->first > last_sequence_) {
    return AuditChainBreak{checked_, last_sequence_ + 1,
                           "the log ends at sequence " + std::to_string(last_sequence_) +
                               " but a signed checkpoint names sequence " + std::to_string(expected_.rbegin()->first) +
                               " (records were removed from its tail)"};
  }
  return std::nullopt;
}

std::optional<AuditChainBreak> VerifyAuditChain(const std::vector<AuditContent>& records) {
  AuditChainVerifier verifier;
  for (const auto& r : records) {
    if (auto broken = verifier.Add(r)) return broken;
  }
  return std::nullopt;
}

}  // namespace biopolis
