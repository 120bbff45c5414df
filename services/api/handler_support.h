// Small helpers that keep every handler a mechanical adapter: list
// parameters out of a List request, and record encoders for the command runner.
#pragma once

#include <optional>
#include <string>

#include "core/list_query.h"
#include "services/api/proto_convert.h"
#include "services/domain/command_runner.h"

namespace biopolis {

template <typename Request>
ListParams ListParamsOf(const Request& r) {
  ListParams p;
  p.page_size = r.page_size();
  p.page_token = r.page_token();
  if constexpr (requires { r.filter(); }) p.filter = r.filter();
  if constexpr (requires { r.order_by(); }) p.order_by = r.order_by();
  return p;
}

// A request's optional `as_of` (a history read): nullopt when unset,
// INVALID_ARGUMENT on `as_of` when it is not a valid timestamp.
template <typename Request>
Result<std::optional<TimeMicros>> AsOfOf(const Request& r) {
  if (!r.has_as_of()) return std::optional<TimeMicros>();
  BIOPOLIS_ASSIGN_OR_RETURN(TimeMicros t, ParseTimestamp(r.as_of(), "as_of"));
  return std::optional<TimeMicros>(t);
}

// Encodes a record as the proto message `Proto` (ToProto(record, &proto)).
template <typename Proto, typename Record>
Encoder<Record> EncodeAs() {
  return [](const Record& record) {
    Proto proto;
    ToProto(record, &proto);
    return proto.SerializeAsString();
  };
}

// Fills a List response from a page: `add` appends one item.
template <typename Response, typename Record, typename AddFn>
Status FillPage(const Result<Page<Record>>& page, Response* response, AddFn add) {
  if (!page.ok()) return page.status();
  for (const auto& item : page->items) add(item);
  response->set_next_page_token(page->next_page_token);
  return Status::Ok();
}

}  // namespace biopolis
