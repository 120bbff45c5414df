// A typed, blocking way for in-process callers (demo data, tools, benchmarks)
// to run a domain command: the committed record itself, not its wire
// encoding captured through an encoder.
//
//   BIOPOLIS_ASSIGN_OR_RETURN(auto org, AwaitCommand<OrganizationRecord>([&](auto encode, auto reply) {
//     domain.organizations.Create(caller, {"CreateOrganization", "", ""}, record, encode, reply);
//   }));
//
// Blocks until the command has committed or failed: never call it from the
// store's writer thread (a command's own work). A command answered from its
// request_id (a replay) produces no record here and returns INTERNAL; in-process
// callers send no request_id.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/status.h"
#include "services/domain/command_runner.h"

namespace biopolis {

template <typename T>
Result<T> AwaitCommand(const std::function<void(Encoder<T>, Reply)>& start) {
  auto record = std::make_shared<std::optional<T>>();
  std::promise<Result<T>> done;
  auto future = done.get_future();
  start(
      [record](const T& committed) {
        *record = committed;
        return std::string();
      },
      [record, &done](Result<std::string> reply) {
        if (!reply.ok()) return done.set_value(reply.status());
        if (!record->has_value()) return done.set_value(Status::Internal("the command produced no record (a replay)"));
        done.set_value(std::move(**record));
      });
  return future.get();
}

}  // namespace biopolis
