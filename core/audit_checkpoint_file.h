// The server's file of signed audit checkpoints (core/audit_checkpoint.h):
// one line per checkpoint, appended with fsync. Thread-compatible: one
// writer (the audit log) per file.
#pragma once

#include <string>
#include <vector>

#include "core/audit_checkpoint.h"
#include "core/status.h"

namespace biopolis {

// Appends one line to `path` (created 0644) and fsyncs it.
Status AppendCheckpoint(const std::string& path, const AuditCheckpoint& checkpoint);
// Every well-formed line of `path`, oldest first (none when it does not exist).
std::vector<AuditCheckpoint> ReadCheckpoints(const std::string& path);

}  // namespace biopolis
