// The SDK's one seam to the network: a Connection sends one attempt of a call.
// The service clients (Applications, Land, ...) build requests, fill request
// ids, retry and decode on top of it, so a test can replace the network with
// testing::MockConnection (<biopolis/testing/mock_connection.h>) and script
// the server's answers, and another transport could be plugged in.
//
// Method names are full gRPC paths, e.g. "/biopolis.v1.ApplicationService/
// GetApplication"; <biopolis/v1/method_paths.h> has a constant for each.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "biopolis/options.h"
#include "biopolis/status.h"

namespace google::protobuf {
class Message;
}

namespace biopolis::client {

// What one attempt carries besides its request.
struct CallContext {
  // Absent: no deadline (watches).
  std::optional<std::chrono::system_clock::time_point> deadline;
  // Request metadata, including "authorization: Bearer <key>".
  std::vector<std::pair<std::string, std::string>> metadata;
  // Cancels the attempt in flight.
  std::optional<CancellationToken> cancel;
};

// A server-streaming call in progress. Read() and Finish() from one thread.
class ServerStream {
 public:
  virtual ~ServerStream() = default;
  // Blocks until the server sent its initial metadata, or the call ended
  // first (then empty).
  virtual std::map<std::string, std::string> InitialMetadata() = 0;
  // The next message; false when the stream ended (then call Finish()).
  virtual bool Read(google::protobuf::Message* message) = 0;
  // How the call ended: nullopt when OK.
  virtual std::optional<Error> Finish() = 0;
};

// A client-streaming call in progress. Write() and Finish() from one thread.
class ClientStream {
 public:
  virtual ~ClientStream() = default;
  // Sends the next message; false when the call has already ended (the
  // server answered or failed: call Finish() to learn how).
  virtual bool Write(const google::protobuf::Message& message) = 0;
  // Closes the sending side and waits for the answer (into the response
  // given at OpenClientStream): nullopt when OK.
  virtual std::optional<Error> Finish() = 0;
};

// Thread-safe: one Connection serves all threads of a client.
class Connection {
 public:
  virtual ~Connection() = default;
  // One attempt of the unary call `method`: fills `response` and returns
  // nullopt, or returns the error.
  virtual std::optional<Error> Unary(std::string_view method, const google::protobuf::Message& request,
                                     google::protobuf::Message* response, const CallContext& context) = 0;
  // Opens the server-streaming call `method`.
  virtual std::unique_ptr<ServerStream> OpenServerStream(std::string_view method,
                                                         const google::protobuf::Message& request,
                                                         const CallContext& context) = 0;
  // Opens the client-streaming call `method`; its answer goes to `response`
  // (which must outlive the stream).
  virtual std::unique_ptr<ClientStream> OpenClientStream(std::string_view method, google::protobuf::Message* response,
                                                         const CallContext& context) = 0;
};

// A Connection over a gRPC channel to options.target (TLS when
// options.tls_root_certs is set; options' channel arguments and user agent).
std::shared_ptr<Connection> MakeGrpcConnection(const ClientOptions& options);

}  // namespace biopolis::client
