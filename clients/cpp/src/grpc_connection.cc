// The gRPC Connection: one channel, every method of the API pre-registered on
// it (from the generated method table), messages sent as their base
// google::protobuf::Message so one code path serves every method.
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/support/error_details.h>
#include <grpcpp/support/sync_stream.h>

#include <string>
#include <unordered_map>

#include "biopolis/connection.h"
#include "biopolis/v1/method_paths.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace biopolis::client {
namespace {

using google::protobuf::Message;
using google::protobuf::MessageLite;

// Decodes a gRPC status and its google.rpc details.
Error ErrorFromGrpc(const grpc::Status& status) {
  Error e(static_cast<StatusCode>(status.error_code()), status.error_message());
  google::rpc::Status rich;
  if (status.error_details().empty() || !grpc::ExtractErrorDetails(status, &rich).ok()) return e;
  for (const auto& any : rich.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    google::rpc::PreconditionFailure failure;
    google::rpc::RetryInfo retry;
    if (any.UnpackTo(&info)) {
      e.WithReason(info.reason(), info.domain());
      for (const auto& [key, value] : info.metadata()) e.WithMetadata(key, value);
    } else if (any.UnpackTo(&retry)) {
      e.WithRetryDelay(
          std::chrono::milliseconds(retry.retry_delay().seconds() * 1000 + retry.retry_delay().nanos() / 1'000'000));
    } else if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) {
        FieldViolation fv{v.field(), v.description(), ""};
        // The server appends the violation's stable reason as " [REASON]".
        auto open = fv.description.rfind(" [");
        if (open != std::string::npos && fv.description.back() == ']') {
          fv.reason = fv.description.substr(open + 2, fv.description.size() - open - 3);
          fv.description.resize(open);
        }
        e.WithFieldViolation(std::move(fv));
      }
    } else if (any.UnpackTo(&failure)) {
      for (const auto& v : failure.violations()) e.WithPreconditionViolation({v.type(), v.subject(), v.description()});
    }
  }
  return e;
}

std::shared_ptr<grpc::Channel> MakeChannel(const ClientOptions& o) {
  std::shared_ptr<grpc::ChannelCredentials> creds;
  if (!o.tls_root_certs.empty()) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = o.tls_root_certs;
    ssl.pem_cert_chain = o.tls_client_cert;
    ssl.pem_private_key = o.tls_client_key;
    creds = grpc::SslCredentials(ssl);
  } else {
    creds = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments args;
  // The SDK's own retry loop keeps the same request_id across attempts.
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
  // Reconnect soon after a server restart: gRPC's own reconnect backoff
  // (up to 120 s by default) would outlast the retry budget.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  if (!o.user_agent.empty()) args.SetUserAgentPrefix(o.user_agent);
  for (const auto& [name, value] : o.channel_int_args) args.SetInt(name, value);
  for (const auto& [name, value] : o.channel_string_args) args.SetString(name, value);
  return grpc::CreateCustomChannel(o.target, creds, args);
}

void Prepare(grpc::ClientContext* ctx, const CallContext& context) {
  if (context.deadline) ctx->set_deadline(*context.deadline);
  for (const auto& [key, value] : context.metadata) ctx->AddMetadata(key, value);
}

class GrpcServerStream final : public ServerStream {
 public:
  GrpcServerStream(grpc::Channel* channel, const grpc::internal::RpcMethod& method, const Message& request,
                   const CallContext& context) {
    Prepare(&ctx_, context);
    if (context.cancel) cancel_ = context.cancel->OnCancel([this] { ctx_.TryCancel(); });
    reader_.reset(grpc::internal::ClientReaderFactory<Message>::Create(channel, method, &ctx_, request));
  }
  ~GrpcServerStream() override {
    cancel_ = {};  // no TryCancel from here on
    if (reader_ && !finished_) {
      ctx_.TryCancel();
      reader_->Finish();
    }
  }
  std::map<std::string, std::string> InitialMetadata() override {
    reader_->WaitForInitialMetadata();  // returns at once, or when the call ends
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : ctx_.GetServerInitialMetadata()) {
      out.emplace(std::string(key.data(), key.size()), std::string(value.data(), value.size()));
    }
    return out;
  }
  bool Read(Message* message) override { return reader_->Read(message); }
  std::optional<Error> Finish() override {
    finished_ = true;
    grpc::Status status = reader_->Finish();
    if (status.ok()) return std::nullopt;
    return ErrorFromGrpc(status);
  }

 private:
  grpc::ClientContext ctx_;
  CancellationToken::Registration cancel_;
  std::unique_ptr<grpc::ClientReader<Message>> reader_;
  bool finished_ = false;
};

class GrpcClientStream final : public ClientStream {
 public:
  GrpcClientStream(grpc::Channel* channel, const grpc::internal::RpcMethod& method, Message* response,
                   const CallContext& context) {
    Prepare(&ctx_, context);
    if (context.cancel) cancel_ = context.cancel->OnCancel([this] { ctx_.TryCancel(); });
    writer_.reset(grpc::internal::ClientWriterFactory<Message>::Create(channel, method, &ctx_, response));
  }
  ~GrpcClientStream() override {
    cancel_ = {};
    if (writer_ && !finished_) {
      ctx_.TryCancel();
      writer_->Finish();
    }
  }
  bool Write(const Message& message) override { return writer_->Write(message); }
  std::optional<Error> Finish() override {
    finished_ = true;
    writer_->WritesDone();
    grpc::Status status = writer_->Finish();
    if (status.ok()) return std::nullopt;
    return ErrorFromGrpc(status);
  }

 private:
  grpc::ClientContext ctx_;
  CancellationToken::Registration cancel_;
  std::unique_ptr<grpc::ClientWriter<Message>> writer_;
  bool finished_ = false;
};

class GrpcConnection final : public Connection {
 public:
  explicit GrpcConnection(const ClientOptions& options) : channel_(MakeChannel(options)) {
    for (const auto& m : v1::methods::kAll) {
      const auto type = m.server_streaming   ? grpc::internal::RpcMethod::SERVER_STREAMING
                        : m.client_streaming ? grpc::internal::RpcMethod::CLIENT_STREAMING
                                             : grpc::internal::RpcMethod::NORMAL_RPC;
      methods_.emplace(m.path, grpc::internal::RpcMethod(m.path, type, channel_));
    }
  }

  std::optional<Error> Unary(std::string_view method, const Message& request, Message* response,
                             const CallContext& context) override {
    const grpc::internal::RpcMethod* rpc = Find(method);
    if (rpc == nullptr) return UnknownMethod(method);
    grpc::ClientContext ctx;
    Prepare(&ctx, context);
    CancellationToken::Registration cancel;
    if (context.cancel) cancel = context.cancel->OnCancel([&ctx] { ctx.TryCancel(); });
    grpc::Status status = grpc::internal::BlockingUnaryCall<Message, Message, MessageLite, MessageLite>(
        channel_.get(), *rpc, &ctx, request, response);
    if (status.ok()) return std::nullopt;
    return ErrorFromGrpc(status);
  }

  std::unique_ptr<ServerStream> OpenServerStream(std::string_view method, const Message& request,
                                                 const CallContext& context) override {
    const grpc::internal::RpcMethod* rpc = Find(method);
    if (rpc == nullptr) return nullptr;
    return std::make_unique<GrpcServerStream>(channel_.get(), *rpc, request, context);
  }

  std::unique_ptr<ClientStream> OpenClientStream(std::string_view method, Message* response,
                                                 const CallContext& context) override {
    const grpc::internal::RpcMethod* rpc = Find(method);
    if (rpc == nullptr) return nullptr;
    return std::make_unique<GrpcClientStream>(channel_.get(), *rpc, response, context);
  }

 private:
  const grpc::internal::RpcMethod* Find(std::string_view method) const {
    auto it = methods_.find(method);
    return it == methods_.end() ? nullptr : &it->second;
  }
  static Error UnknownMethod(std::string_view method) {
    return Error(StatusCode::UNIMPLEMENTED, "the SDK does not know the method " + std::string(method));
  }

  std::shared_ptr<grpc::Channel> channel_;
  // Keys view the generated constants (static storage).
  std::unordered_map<std::string_view, grpc::internal::RpcMethod> methods_;
};

}  // namespace

std::shared_ptr<Connection> MakeGrpcConnection(const ClientOptions& options) {
  return std::make_shared<GrpcConnection>(options);
}

}  // namespace biopolis::client
