// A gMock double of the SDK's Connection, for unit tests of code that uses
// the SDK: no server, scripted answers, and the requests the code sent.
//
//   auto mock = std::make_shared<biopolis::client::testing::MockConnection>();
//   EXPECT_CALL(*mock, Unary(std::string_view(biopolis::v1::methods::kGetApplication), _, _, _))
//       .WillOnce(biopolis::client::testing::RespondWith(application));
//   biopolis::client::Applications apps(mock, {.api_key = "test"});
//   auto got = apps.Get("applications/7");
//
// The service clients' own behaviour runs as usual on top of the mock: each
// retry is another Unary() call (the same request_id), a failed answer is
// decoded into Error. Link GTest::gmock.
#pragma once

#include <gmock/gmock.h>
#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "biopolis/connection.h"

namespace biopolis::client::testing {

class MockConnection : public Connection {
 public:
  MOCK_METHOD(std::optional<Error>, Unary,
              (std::string_view method, const google::protobuf::Message& request, google::protobuf::Message* response,
               const CallContext& context),
              (override));
  MOCK_METHOD(std::unique_ptr<ServerStream>, OpenServerStream,
              (std::string_view method, const google::protobuf::Message& request, const CallContext& context),
              (override));
  MOCK_METHOD(std::unique_ptr<ClientStream>, OpenClientStream,
              (std::string_view method, google::protobuf::Message* response, const CallContext& context), (override));
};

// An action for Unary(): answers `response` (copied into the call's response message).
template <typename Message>
auto RespondWith(Message response) {
  return [response = std::move(response)](std::string_view, const google::protobuf::Message&,
                                          google::protobuf::Message* out, const CallContext&) -> std::optional<Error> {
    out->CopyFrom(response);
    return std::nullopt;
  };
}

// An action for Unary(): fails with `error`.
inline auto FailWith(Error error) {
  return [error = std::move(error)](std::string_view, const google::protobuf::Message&, google::protobuf::Message*,
                                    const CallContext&) -> std::optional<Error> { return error; };
}

// The request of a Unary() call as its type, e.g. in a matcher or an Invoke().
template <typename Request>
const Request& RequestAs(const google::protobuf::Message& request) {
  return dynamic_cast<const Request&>(request);
}

// A ServerStream answering scripted messages, then `end` (nullopt: OK), for
// OpenServerStream(): .WillOnce(Return(ByMove(std::make_unique<FakeServerStream>(...)))).
class FakeServerStream : public ServerStream {
 public:
  FakeServerStream(std::vector<std::unique_ptr<google::protobuf::Message>> messages, std::optional<Error> end,
                   std::map<std::string, std::string> initial_metadata = {})
      : messages_(std::move(messages)), end_(std::move(end)), initial_metadata_(std::move(initial_metadata)) {}
  std::map<std::string, std::string> InitialMetadata() override { return initial_metadata_; }
  bool Read(google::protobuf::Message* message) override {
    if (next_ >= messages_.size()) return false;
    message->CopyFrom(*messages_[next_++]);
    return true;
  }
  std::optional<Error> Finish() override { return end_; }

 private:
  std::vector<std::unique_ptr<google::protobuf::Message>> messages_;
  std::size_t next_ = 0;
  std::optional<Error> end_;
  std::map<std::string, std::string> initial_metadata_;
};

// A scripted client-streaming call: OpenClientStream(): .WillOnce(Invoke(...))
// returning a FakeClientStream that keeps what was written (serialized, in
// order), answers `response` into the call's response message and ends with
// `end` (nullopt: OK). `accept_writes` false: Write() reports the call ended.
class FakeClientStream : public ClientStream {
 public:
  FakeClientStream(google::protobuf::Message* response_slot, std::optional<Error> end,
                   const google::protobuf::Message* response = nullptr, bool accept_writes = true,
                   std::vector<std::string>* written = nullptr)
      : slot_(response_slot), end_(std::move(end)), response_(response), accept_(accept_writes), written_(written) {}
  bool Write(const google::protobuf::Message& message) override {
    if (written_ != nullptr) written_->push_back(message.SerializeAsString());
    return accept_;
  }
  std::optional<Error> Finish() override {
    if (!end_ && response_ != nullptr) slot_->CopyFrom(*response_);
    return end_;
  }

 private:
  google::protobuf::Message* slot_;
  std::optional<Error> end_;
  const google::protobuf::Message* response_;
  bool accept_;
  std::vector<std::string>* written_;
};

}  // namespace biopolis::client::testing
