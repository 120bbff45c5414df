// Online backups (administrators). gRPC-free; thread-safe. A backup runs on
// the calling thread while writes go on (SQLite's online backup API reads one
// snapshot), and is audited.
#pragma once

#include <string>

#include "services/domain/domain_env.h"

namespace biopolis {

struct BackupInfo {
  std::string path;
  std::int64_t size_bytes = 0;
  TimeMicros create_time = 0;
};

class Backups {
 public:
  explicit Backups(DomainEnv env) : env_(env) {}
  Result<BackupInfo> Create(const Caller& caller, const std::string& path);

 private:
  DomainEnv env_;
};

}  // namespace biopolis
