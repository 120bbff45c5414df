#include "core/audit_checkpoint_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

namespace biopolis {

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
