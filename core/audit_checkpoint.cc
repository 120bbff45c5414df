#include "core/audit_checkpoint.h"

#include <charconv>
#include <map>
#include <sstream>

#include "core/ed25519.h"

namespace biopolis {

std::string SignedText(const AuditCheckpoint& c) {
  return "biopolis-audit-checkpoint\nv1\nsequence=" + std::to_string(c.sequence) + "\nhash=" + c.hash +
         "\ntime=" + std::to_string(c.time_micros) + "\nkey_id=" + c.key_id + "\n";
}

std::string FormatCheckpointLine(const AuditCheckpoint& c) {
  return "v1 sequence=" + std::to_string(c.sequence) + " hash=" + c.hash + " time=" + std::to_string(c.time_micros) +
         " key_id=" + c.key_id + " public_key=" + c.public_key_hex + " signature=" + c.signature_hex;
}

std::optional<AuditCheckpoint> ParseCheckpointLine(const std::string& line) {
  std::istringstream in(line);
  std::string version;
  if (!(in >> version) || version != "v1") return std::nullopt;
  std::map<std::string, std::string> fields;
  std::string word;
  while (in >> word) {
    auto eq = word.find('=');
    if (eq == std::string::npos) return std::nullopt;
    fields[word.substr(0, eq)] = word.substr(eq + 1);
  }
  auto number = [&](const char* key, std::int64_t* out) {
    const std::string& v = fields[key];
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
    return ec == std::errc() && end == v.data() + v.size() && !v.empty();
  };
  AuditCheckpoint c;
  if (!number("sequence", &c.sequence) || !number("time", &c.time_micros)) return std::nullopt;
  c.hash = fields["hash"];
  c.key_id = fields["key_id"];
  c.public_key_hex = fields["public_key"];
  c.signature_hex = fields["signature"];
  if (c.key_id.empty() || c.signature_hex.empty() || c.public_key_hex.empty()) return std::nullopt;
  return c;
}

bool CheckpointSignatureValid(const AuditCheckpoint& c) {
  return Ed25519Verify(SignedText(c), c.signature_hex, c.public_key_hex);
}

}  // namespace biopolis
