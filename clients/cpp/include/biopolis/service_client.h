// The base of every service client (Applications, Land, ...): what they share
// — the connection, the client's options, per-call options, and the
// mechanics of a call (request ids, retries, decoding, paging) — written
// once. Include the service's own header, e.g. <biopolis/applications.h>.
//
// Construct a service client over a connection, or let it make a gRPC one:
//   biopolis::client::Applications apps({.target = "127.0.0.1:50051", .api_key = key});
//   auto fast = apps.With({.deadline = std::chrono::seconds(2)});   // per-call options
//
// Thread-safety: a service client is safe to share between threads; copies
// share the connection. Pagers and event streams keep the connection alive,
// so they may outlive the client that made them.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "biopolis/connection.h"
#include "biopolis/options.h"
#include "biopolis/pager.h"
#include "biopolis/result.h"
#include "biopolis/v1/method_paths.h"

namespace google::protobuf {
class Message;
class Timestamp;
}  // namespace google::protobuf

namespace biopolis::client {

namespace v1 = ::biopolis::v1;

namespace internal {
class CallRunner;
}

// A new random (version 4) UUID, for request ids.
std::string NewRequestId();

// Sets a google.protobuf.Timestamp (microsecond precision).
void SetTimestamp(std::chrono::system_clock::time_point t, google::protobuf::Timestamp* out);

class ServiceClientBase {
 public:
  // Calls go over `connection`; `options` gives the API key, deadline and
  // retry policy (its target and TLS fields are the connection's business).
  ServiceClientBase(std::shared_ptr<Connection> connection, ClientOptions options);
  // Calls go over a new gRPC connection to options.target.
  explicit ServiceClientBase(ClientOptions options);

 protected:
  // Sends `request` to `method` with this client's call options and fills
  // `response`: an empty request_id field is first filled with a new UUID,
  // kept across retries; `retry` false: one attempt only.
  std::optional<Error> Run(std::string_view method, google::protobuf::Message& request,
                           google::protobuf::Message* response, bool retry = true) const;

  template <typename Response, typename Request>
  Result<Response> Call(std::string_view method, Request request, bool retry = true) const {
    Response response;
    if (auto error = Run(method, request, &response, retry)) return *std::move(error);
    return response;
  }

  // A custom method on one resource: name, etag and request_id, plus
  // whatever the caller set in `request`.
  template <typename Response, typename Request>
  Result<Response> Act(std::string_view method, Request request, const std::string& name, const std::string& etag,
                       std::string request_id) const {
    request.set_name(name);
    request.set_etag(etag);
    request.set_request_id(std::move(request_id));
    return Call<Response>(method, std::move(request));
  }

  // Sets a List request's paging, filter and order (the fields it has).
  template <typename Request>
  static void ApplyListOptions(Request& request, const ListOptions& options, const std::string& page_token) {
    request.set_page_size(options.page_size);
    request.set_page_token(page_token);
    if constexpr (requires { request.set_filter(std::string()); }) request.set_filter(options.filter);
    if constexpr (requires { request.set_order_by(std::string()); }) request.set_order_by(options.order_by);
    if constexpr (requires { request.mutable_as_of(); }) {
      if (options.as_of) SetTimestamp(*options.as_of, request.mutable_as_of());
    }
  }

  // A Pager over a List method; `items(response)` names the repeated field.
  template <typename Item, typename Response, typename Request, typename Items>
  Pager<Item> Paged(std::string_view method, Request request, const ListOptions& options, Items items) const {
    ApplyListOptions(request, options, "");
    return Pager<Item>([self = *this, method, request,
                        items](const std::string& token) mutable -> Result<typename Pager<Item>::PageData> {
      request.set_page_token(token);
      Result<Response> page = self.template Call<Response>(method, request);
      if (!page) return page.error();
      typename Pager<Item>::PageData data;
      const auto& repeated = items(*page);
      data.items.assign(repeated.begin(), repeated.end());
      data.next_page_token = page->next_page_token();
      return data;
    });
  }

  const std::shared_ptr<const internal::CallRunner>& runner() const { return runner_; }
  const CallOptions& call_options() const { return call_options_; }

  std::shared_ptr<const internal::CallRunner> runner_;
  CallOptions call_options_;
};

// Adds With() returning the derived service client.
template <typename Derived>
class ServiceClient : public ServiceClientBase {
 public:
  ServiceClient(std::shared_ptr<Connection> connection, ClientOptions options)
      : ServiceClientBase(std::move(connection), std::move(options)) {}
  explicit ServiceClient(ClientOptions options) : ServiceClientBase(std::move(options)) {}

  // A copy of this client whose calls use `options` (fields left unset take
  // the client's): a deadline, a retry policy, a cancellation token, extra
  // metadata.
  Derived With(CallOptions options) const {
    Derived copy(static_cast<const Derived&>(*this));
    copy.call_options_ = std::move(options);
    return copy;
  }
};

}  // namespace biopolis::client
