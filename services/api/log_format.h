// biopolisd's log lines: text (the default, `2026-12-03T04:50:00.000+00:00 warning rpc method=... code=...`)
// or JSON for log shippers (`log_format = json`): one object per line with the same fields,
// {"time":..., "level":..., "method":..., "code":..., "duration_ms":..., "caller":..., "request_id":...,
// "reason":..., "message":...}; a line that is not a call's is {"time", "level", "message"}. Both go to
// standard error (journald under systemd).
// Thread-safety: SetLogFormat once at start-up, before logging; the rest is safe from any thread.
#pragma once

#include <spdlog/formatter.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace biopolis {

enum class LogFormat { kText, kJson };

// Chooses the format and installs the matching spdlog formatter.
void SetLogFormat(LogFormat format);
LogFormat CurrentLogFormat();

// The facts of one finished call, logged once (by the call gate).
struct CallLogLine {
  std::string_view method;
  std::string_view caller;  // "apiKeys/3", or "-" when unknown
  std::string_view peer;    // logged for an unknown caller
  std::string_view request_id;
  double duration_ms = 0;
  const Status* status = nullptr;
};
// Logs it: debug when OK, warn on an error, error for INTERNAL, UNKNOWN and DATA_LOSS.
void LogCallLine(const CallLogLine& line);

// A formatter that writes each record as one JSON object (exposed for tests).
std::unique_ptr<spdlog::formatter> MakeJsonLogFormatter();

}  // namespace biopolis
