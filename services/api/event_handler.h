// gRPC adapter of EventService.
#pragma once

#include "biopolis/v1/events.grpc.pb.h"
#include "services/api/call_gate.h"
#include "services/api/event_watch.h"

namespace biopolis {

class EventHandler final : public v1::EventService::CallbackService {
 public:
  EventHandler(CallGate& gate, EventHub& hub) : gate_(gate), hub_(hub) {}

  grpc::ServerWriteReactor<v1::Event>* WatchEvents(grpc::CallbackServerContext* ctx,
                                                   const v1::WatchEventsRequest* req) override;
  grpc::ServerUnaryReactor* ListEvents(grpc::CallbackServerContext* ctx, const v1::ListEventsRequest* req,
                                       v1::ListEventsResponse* resp) override;

 private:
  CallGate& gate_;
  EventHub& hub_;
};

}  // namespace biopolis
