#include "services/core/audit_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "services/core/signing_keys.h"

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
  return SigningKeyring::Verify(SignedText(c), c.signature_hex, c.public_key_hex);
}

Status AppendCheckpoint(const std::string& path, const AuditCheckpoint& c) {
  const std::string line = FormatCheckpointLine(c) + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Internal("cannot open the checkpoint file " + path);
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::Internal("cannot write the checkpoint file " + path);
  return Status::Ok();
}

std::vector<AuditCheckpoint> ReadCheckpoints(const std::string& path) {
  std::vector<AuditCheckpoint> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (auto c = ParseCheckpointLine(line)) out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace biopolis
