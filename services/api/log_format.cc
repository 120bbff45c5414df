#include "services/api/log_format.h"

#include <spdlog/details/log_msg.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <ctime>

#include "core/bounded_text.h"
#include "core/canonical_json.h"
#include "services/api/status_mapping.h"

namespace biopolis {
namespace {

std::atomic<LogFormat> g_format{LogFormat::kText};

// A structured record's message starts with this byte, then the JSON members
// (without braces) that the formatter puts after time and level.
constexpr char kStructured = '\x1e';

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string line = "{\"time\":";
    const auto since_epoch = msg.time.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
    std::time_t t = static_cast<std::time_t>(seconds.count());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[96];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
    AppendJsonString(line, stamp);
    line += ",\"level\":";
    const auto level = spdlog::level::to_string_view(msg.level);
    AppendJsonString(line, std::string_view(level.data(), level.size()));
    std::string_view payload(msg.payload.data(), msg.payload.size());
    if (!payload.empty() && payload.front() == kStructured) {
      line += ',';
      line += payload.substr(1);
    } else {
      line += ",\"message\":";
      AppendJsonString(line, payload);
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

}  // namespace

std::unique_ptr<spdlog::formatter> MakeJsonLogFormatter() { return std::make_unique<JsonFormatter>(); }

void SetLogFormat(LogFormat format) {
  g_format = format;
  if (format == LogFormat::kJson) {
    spdlog::set_formatter(MakeJsonLogFormatter());
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  }
}

LogFormat CurrentLogFormat() { return g_format; }

void LogCallLine(const CallLogLine& line) {
  const Status& status = *line.status;
  const auto level = status.ok() ? spdlog::level::debug
                     : status.code() == StatusCode::kInternal || status.code() == StatusCode::kUnknown ||
                             status.code() == StatusCode::kDataLoss
                         ? spdlog::level::err
                         : spdlog::level::warn;
  if (!spdlog::should_log(level)) return;
  // Messages may quote callers' input: escaped and cut, so a line stays one printable line.
  const std::string message = status.ok() ? "" : BoundText(status.message(), kMaxErrorMessageBytes);
  const std::string reason = BoundText(status.reason(), 64);
  const std::string request_id = BoundText(line.request_id, 64);
  if (CurrentLogFormat() == LogFormat::kJson) {
    std::string fields(1, kStructured);
    fields += "\"method\":";
    AppendJsonString(fields, line.method);
    fields += ",\"code\":";
    AppendJsonString(fields, StatusCodeName(status.code()));
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", line.duration_ms);
    fields += ",\"duration_ms\":";
    fields += ms;
    fields += ",\"caller\":";
    AppendJsonString(fields, line.caller);
    if (line.caller == "-") {
      fields += ",\"peer\":";
      AppendJsonString(fields, line.peer);
    }
    if (!request_id.empty()) {
      fields += ",\"request_id\":";
      AppendJsonString(fields, request_id);
    }
    if (!status.ok()) {
      fields += ",\"reason\":";
      AppendJsonString(fields, reason);
      fields += ",\"message\":";
      AppendJsonString(fields, message);
    }
    spdlog::log(level, "{}", fields);
    return;
  }
  std::string rid = request_id.empty() ? "" : " request_id=" + request_id;
  if (status.ok()) {
    spdlog::log(level, "rpc method={} caller={} code=OK ms={:.2f}{}", line.method, line.caller, line.duration_ms, rid);
  } else {
    spdlog::log(level, "rpc method={} caller={} peer={} code={} reason={} ms={:.2f}{} message=\"{}\"", line.method,
                line.caller, line.caller == "-" ? line.peer : "-", StatusCodeName(status.code()), reason,
                line.duration_ms, rid, message);
  }
}

}  // namespace biopolis
