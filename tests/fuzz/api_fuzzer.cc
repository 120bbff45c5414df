// libFuzzer target: arbitrary bytes as the request message of any unary RPC
// of the API, sent to the real server (in this process, on loopback, over a
// real SQLite file seeded with the demo zone) with one of the demo keys. The
// server decodes the bytes, the call gate authenticates and authorizes, the
// handler validates, and the rules and storage behind it run for real.
//
// Input: byte 0 picks the method (every unary method of every service, from
// the descriptors), byte 1 the caller (administrator, officer, auditor,
// resident, or no key); the rest is the request as it travels on the wire.
//
// Invariants: every call ends with a status the API documents for bad input
// or a wrong state, never INTERNAL, UNKNOWN, DATA_LOSS or UNIMPLEMENTED (but
// for bytes that do not decode as the request, see below), and
// the server keeps answering; every 500 inputs the database passes
// integrity_check and foreign_key_check and the audit log's hash chain
// verifies.
//
//   build-asan/tests/fuzz/api_fuzzer -max_total_time=60 CORPUS_DIR
#include <SQLiteCpp/SQLiteCpp.h>
#include <google/protobuf/dynamic_message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/audit_chain.h"
#include "seed_corpus.h"
#include "services/server/biopolis_server.h"
#include "services/server/demo_data.h"

namespace {

namespace bp = ::biopolis;

struct World {
  std::filesystem::path dir;
  std::unique_ptr<bp::BiopolisServer> server;
  std::unique_ptr<grpc::GenericStub> stub;
  std::vector<std::string> methods;  // "/package.Service/Method"
  google::protobuf::DynamicMessageFactory factory;
  std::vector<const google::protobuf::Message*> requests;  // each method's request prototype
  std::vector<std::string> keys;                           // bearer secrets; "" = none
  long inputs = 0;
};

World* world = nullptr;

void Fail(const std::string& what) {
  std::fprintf(stderr, "api_fuzzer invariant broken: %s\n", what.c_str());
  std::abort();
}

void CheckDatabase() {
  SQLite::Database db((world->dir / "fuzz.db").string(), SQLite::OPEN_READONLY);
  std::string integrity = db.execAndGet("PRAGMA integrity_check").getString();
  if (integrity != "ok") Fail("integrity_check: " + integrity);
  SQLite::Statement fk(db, "PRAGMA foreign_key_check");
  if (fk.executeStep()) Fail("foreign_key_check: a dangling reference in " + fk.getColumn(0).getString());
  // The chain as stored on disk, read with SQL of its own rather than through
  // the journal repository whose appends it checks.
  std::vector<bp::AuditContent> chain;
  SQLite::Statement audit(db,
                          "SELECT sequence, actor, actor_role, action, resource, request_id, summary, create_time, "
                          "previous_hash, hash FROM audit_log ORDER BY sequence");
  while (audit.executeStep()) {
    chain.push_back({audit.getColumn(0).getInt64(), audit.getColumn(1).getString(), audit.getColumn(2).getInt(),
                     audit.getColumn(3).getString(), audit.getColumn(4).getString(), audit.getColumn(5).getString(),
                     audit.getColumn(6).getString(), audit.getColumn(7).getInt64(), audit.getColumn(8).getString(),
                     audit.getColumn(9).getString()});
  }
  if (auto broken = bp::VerifyAuditChain(chain)) {
    Fail("audit chain broken at record " + std::to_string(broken->sequence));
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  spdlog::set_level(spdlog::level::off);
  world = new World;
  world->dir = std::filesystem::temp_directory_path() / ("biopolis-api-fuzzer-" + std::to_string(::getpid()));
  std::filesystem::create_directories(world->dir);
  bp::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.db = (world->dir / "fuzz.db").string();
  options.rate_limit_per_second = 0;
  options.log_level = "error";
  options.demo = true;  // the demo keys below authenticate only in demo mode (loopback)
  auto server = bp::BiopolisServer::Start(options);
  if (!server.ok()) Fail("cannot start the server: " + server.status().ToString());
  world->server = std::move(*server);
  auto seeded = bp::SeedDemoData(world->server->domain());
  if (!seeded.ok()) Fail("cannot seed the demo zone: " + seeded.status().ToString());
  for (const char* role : {"admin", "officer", "auditor", "resident"}) {
    for (const auto& k : bp::DemoKeys()) {
      if (k.role == role) {
        world->keys.push_back(k.secret);
        break;
      }
    }
  }
  world->keys.push_back("");
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& name : bp::ServedServiceNames()) {
    const auto* service = pool->FindServiceByName(name);
    if (service == nullptr) Fail("no descriptor for " + name);
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      if (m->client_streaming() || m->server_streaming()) continue;
      world->methods.push_back("/" + name + "/" + m->name());
      world->requests.push_back(world->factory.GetPrototype(m->input_type()));
    }
  }
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(world->server->port()), grpc::InsecureChannelCredentials());
  world->stub = std::make_unique<grpc::GenericStub>(channel);
  if (std::string corpus = bp::fuzz::CorpusToSeed(*argc, *argv); !corpus.empty()) {
    // Per method, as the officer and as the resident: an empty request, and
    // requests naming existing demo records.
    int n = 0;
    for (std::size_t m = 0; m < world->methods.size(); ++m) {
      std::string path = world->methods[m];
      std::string service = path.substr(1, path.rfind('/') - 1);
      const auto* desc = pool->FindServiceByName(service)->FindMethodByName(path.substr(path.rfind('/') + 1));
      const auto* name_field = desc->input_type()->FindFieldByName("name");
      for (char caller : {1, 3}) {
        std::string head{static_cast<char>(m), caller};
        bp::fuzz::WriteSeed(corpus, n++, head);
        if (name_field == nullptr || name_field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) continue;
        for (const char* name : {"applications/1", "organizations/1", "plots/1", "residents/1", "supportRequests/1",
                                 "serviceRequests/1", "reports/1", "supportMeasures/1", "apiKeys/2"}) {
          std::unique_ptr<google::protobuf::Message> request(world->requests[m]->New());
          request->GetReflection()->SetString(request.get(), name_field, name);
          bp::fuzz::WriteSeed(corpus, n++, head + request->SerializeAsString());
        }
      }
    }
  }
  std::atexit([] {
    CheckDatabase();
    std::error_code ec;
    std::filesystem::remove_all(world->dir, ec);  // the server may still hold it open; unlinking is fine
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::string& method = world->methods[data[0] % world->methods.size()];
  const std::string& key = world->keys[data[1] % world->keys.size()];
  grpc::Slice slice(data + 2, size - 2);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!key.empty()) ctx.AddMetadata("authorization", "Bearer " + key);
  std::promise<grpc::Status> done;
  world->stub->UnaryCall(&ctx, method, grpc::StubOptions(), &request, &response,
                         [&done](grpc::Status st) { done.set_value(std::move(st)); });
  grpc::Status st = done.get_future().get();
  if (st.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
    // gRPC 1.51's callback API answers a request that does not decode as its
    // message with UNIMPLEMENTED and no message, before our code runs
    // (docs/API.md). Any other UNIMPLEMENTED is ours, and a bug.
    std::unique_ptr<google::protobuf::Message> decoded(world->requests[data[0] % world->requests.size()]->New());
    if (!decoded->ParseFromArray(data + 2, static_cast<int>(size - 2))) return 0;
  }
  switch (st.error_code()) {
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::UNAVAILABLE:
      Fail(method + " answered " + std::to_string(st.error_code()) + ": " + st.error_message());
    default:
      break;
  }
  if (!st.ok()) {
    // Every error's trailers fit in 4 KiB whatever the request: grpc-message
    // percent-encoded, the details base64-encoded, HPACK's 32 bytes an entry.
    std::size_t message = 0;
    for (unsigned char c : st.error_message()) message += (c >= 0x20 && c < 0x7F && c != '%') ? 1 : 3;
    const std::size_t trailers = 11 + 2 + 32 + 12 + message + 32 + 23 + (st.error_details().size() + 2) / 3 * 4 + 32;
    if (trailers > 4096) {
      Fail(method + " answered an error whose trailers take " + std::to_string(trailers) + " bytes (over 4 KiB)");
    }
  }
  if (++world->inputs % 500 == 0) CheckDatabase();
  return 0;
}
