// The one path every mutation takes: request-id idempotency, the unit of work
// on the single writer, and the audit record and event written in the same
// transaction as the change.
//
// A command's work function runs on the writer thread inside BEGIN IMMEDIATE.
// It returns the resulting record or an error Status; on error everything it
// wrote is rolled back. On success the record is encoded by the caller's
// encoder (the service layer's proto serializer: the domain stays format-free)
// and, when the request carried a request_id, stored with the request's
// fingerprint, so that a retry returns the same bytes and changes nothing,
// while the same id with a different body is INVALID_ARGUMENT.
//
// Thread-safety: Run() may be called from any thread; `reply` is called
// exactly once, on the store's acknowledgement thread once the outcome is
// durable, or (for an invalid request id) inline.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/caller.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/status.h"
#include "storage/store.h"

namespace biopolis {

struct CommandMeta {
  // The RPC method name, e.g. "SubmitApplication"; the audit action.
  std::string action;
  // Optional UUID from the client.
  std::string request_id;
  // Digest of the request body without its request_id.
  std::string fingerprint;
};

// The serialized response, or why there is none.
using Reply = std::function<void(Result<std::string>)>;
template <typename T>
using Encoder = std::function<std::string(const T&)>;

// What a command's work function gets.
class CommandContext {
 public:
  CommandContext(Transaction& tx, const Caller& caller, TimeMicros now, const CommandMeta& meta)
      : tx_(tx), caller_(caller), now_(now), meta_(meta) {}

  Transaction& tx() { return tx_; }
  const Caller& caller() const { return caller_; }
  TimeMicros now() const { return now_; }

  // Writes the audit record and the event of one change. `organization_id`
  // says whose business the change is (0: zone-wide) for event filtering.
  void Record(const std::string& resource, std::int64_t organization_id, const std::string& event_type,
              const std::string& summary);
  // The same, attributed to the server itself: for what time caused (an
  // expiry settled inside this unit of work), not the caller.
  void RecordBySystem(const std::string& resource, std::int64_t organization_id, const std::string& event_type,
                      const std::string& summary);

 private:
  void Write(const Caller& actor, const std::string& resource, std::int64_t organization_id,
             const std::string& event_type, const std::string& summary);

  Transaction& tx_;
  const Caller& caller_;
  TimeMicros now_;
  const CommandMeta& meta_;
};

class CommandRunner {
 public:
  CommandRunner(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  template <typename T>
  void Run(const Caller& caller, CommandMeta meta, std::function<Result<T>(CommandContext&)> work, Encoder<T> encode,
           Reply reply);

 private:
  // Shared, type-erased part of Run: `produce` runs the work and encodes.
  void RunErased(const Caller& caller, CommandMeta meta, std::function<Result<std::string>(CommandContext&)> produce,
                 Reply reply);

  Store& store_;
  const Clock& clock_;
};

template <typename T>
void CommandRunner::Run(const Caller& caller, CommandMeta meta, std::function<Result<T>(CommandContext&)> work,
                        Encoder<T> encode, Reply reply) {
  RunErased(
      caller, std::move(meta),
      [work = std::move(work), encode = std::move(encode)](CommandContext& ctx) -> Result<std::string> {
        Result<T> result = work(ctx);
        if (!result.ok()) return result.status();
        return encode(*result);
      },
      std::move(reply));
}

}  // namespace biopolis
