#include "services/api/event_handler.h"

#include <spdlog/spdlog.h>

#include "biopolis/v1/method_paths.h"
#include "core/bounded_text.h"
#include "core/resource_name.h"
#include "services/api/event_convert.h"
#include "services/api/handler_support.h"
#include "services/api/status_mapping.h"

namespace biopolis {

namespace methods = ::biopolis::v1::methods;
namespace {

// Initial metadata naming the sequence a stream starts after (see events.proto).
constexpr char kStartAfterMetadata[] = "biopolis-start-after";

// A stream that ends at once with an error.
class RefusedStream final : public grpc::ServerWriteReactor<v1::Event> {
 public:
  explicit RefusedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<v1::Event>* EventHandler::WatchEvents(grpc::CallbackServerContext* ctx,
                                                               const v1::WatchEventsRequest* req) {
  constexpr const char* kMethod = methods::kWatchEvents;
  auto caller = gate_.Admit(ctx, kMethod, *req);
  Status refusal = caller.ok() ? Status::Ok() : caller.status();
  std::vector<std::string> collections(req->resource_types().begin(), req->resource_types().end());
  if (refusal.ok()) refusal = EventFeed::Validate(collections, req->after_sequence());
  std::int64_t after = req->after_sequence();
  if (refusal.ok() && req->start_at_now()) {
    auto last = hub_.feed().LastSequence();
    if (last.ok()) {
      after = *last;
    } else {
      refusal = last.status();
    }
  }
  if (!refusal.ok()) {
    spdlog::warn("rpc method={} code={} reason={} message=\"{}\"", kMethod, StatusCodeName(refusal.code()),
                 refusal.reason(), BoundText(refusal.message(), kMaxErrorMessageBytes));
    return new RefusedStream(ToGrpcStatus(refusal));
  }
  spdlog::debug("rpc method={} caller={} after={} (stream opened)", kMethod, caller->principal, after);
  ctx->AddInitialMetadata(std::string(kStartAfterMetadata), std::to_string(after));
  auto* watch = new EventWatch(hub_, *caller, gate_.RecheckFor(ctx, kMethod, *caller), after, std::move(collections));
  watch->Start();
  return watch;
}

grpc::ServerUnaryReactor* EventHandler::ListEvents(grpc::CallbackServerContext* ctx, const v1::ListEventsRequest* req,
                                                   v1::ListEventsResponse* resp) {
  return gate_.Read(ctx, methods::kListEvents, *req, [&](const Caller& caller) -> Status {
    EventQuery query;
    query.after_sequence = req->after_sequence();
    query.collections.assign(req->resource_types().begin(), req->resource_types().end());
    if (!req->organization().empty()) {
      BIOPOLIS_ASSIGN_OR_RETURN(query.organization_id, ParseName(req->organization(), "organizations", "organization"));
    }
    BIOPOLIS_ASSIGN_OR_RETURN(auto listed, hub_.feed().List(caller, query, ListParamsOf(*req)));
    for (const auto& e : listed.page.items) ToProto(e, resp->add_events());
    resp->set_next_page_token(listed.page.next_page_token);
    resp->set_last_sequence(listed.last_sequence);
    return Status::Ok();
  });
}

}  // namespace biopolis
