// The one-stop shop: the service catalogue, residents' service requests with
// their SLA clock, and the conversation on each request. gRPC-free.
//
// Visibility: the catalogue is public to authenticated callers; a resident
// sees only its own requests and their messages (others are NOT_FOUND).
// Thread-safety: safe for concurrent use.
#pragma once

#include <string>
#include <vector>

#include "services/domain/domain_env.h"
#include "services/service_desk/service_desk_rules.h"

namespace biopolis {

class OneStopShop {
 public:
  explicit OneStopShop(DomainEnv env) : env_(env) {}

  Result<ServiceTypeRecord> GetType(std::int64_t id);
  Result<Page<ServiceTypeRecord>> ListTypes(const Caller& caller, const ListParams& params);
  void CreateType(const Caller& caller, CommandMeta meta, ServiceTypeRecord type, Encoder<ServiceTypeRecord> encode,
                  Reply reply);
  void UpdateType(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ServiceTypeRecord patch,
                  std::vector<std::string> paths, Encoder<ServiceTypeRecord> encode, Reply reply);

  Result<ServiceRequestRecord> GetRequest(const Caller& caller, std::int64_t id);
  Result<Page<ServiceRequestRecord>> ListRequests(const Caller& caller, const ListParams& params, bool overdue_only);
  void CreateRequest(const Caller& caller, CommandMeta meta, ServiceRequestRecord request,
                     Encoder<ServiceRequestRecord> encode, Reply reply);
  // A transition; `text` goes into the conversation (question, answer,
  // outcome, reopening or cancelling reason) when not empty.
  void Act(const Caller& caller, CommandMeta meta, std::int64_t id, std::string etag, ServiceAction action,
           std::string text, Encoder<ServiceRequestRecord> encode, Reply reply);

  void AddMessage(const Caller& caller, CommandMeta meta, std::int64_t request_id, std::string text,
                  Encoder<ServiceMessageRecord> encode, Reply reply);
  Result<Page<ServiceMessageRecord>> ListMessages(const Caller& caller, std::int64_t request_id,
                                                  const ListParams& params);

  Result<ServiceDeskTotals> Totals();
  TimeMicros Now() const { return env_.clock.Now(); }

 private:
  DomainEnv env_;
};

}  // namespace biopolis
