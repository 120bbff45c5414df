// What an outside attacker tries, through the real server on loopback:
// oversized and hostile requests against every method (errors stay small),
// more than one authorization header, guessing keys (limited per address),
// and streams whose key is revoked or expires while they are open.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cctype>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <limits>
#include <mutex>
#include <set>

#include "biopolis/v1/land.pb.h"
#include "biopolis/v1/policy.grpc.pb.h"
#include "server_fixture.h"
#include "services/api/access_policy.h"
#include "services/api/request_limits.h"

namespace biopolis::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

struct RawReply {
  grpc::Status status;
  std::size_t trailer_bytes = 0;  // as HPACK counts them: name + value + 32 per entry
};

// The percent-encoding gRPC applies to grpc-message.
std::size_t PercentEncodedSize(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c >= 0x20 && c < 0x7F && c != '%') ? 1 : 3;
  return n;
}

// One unary call with raw bytes, through a channel whose metadata limit is
// 4 KiB: a reply whose trailers are larger fails at the client with
// RESOURCE_EXHAUSTED instead of arriving.
RawReply CallRaw(const std::string& address, const std::string& method, const std::string& bytes,
                 const std::vector<std::string>& keys) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_MAX_METADATA_SIZE, 4096);
  args.SetMaxSendMessageSize(4 << 20);
  auto channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  for (const auto& k : keys) ctx.AddMetadata("authorization", "Bearer " + k);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  RawReply reply;
  stub.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &response, [&](grpc::Status s) {
    std::lock_guard<std::mutex> lock(mu);
    reply.status = s;
    done = true;
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  std::size_t bytes_on_wire = 0;
  for (const auto& [name, value] : ctx.GetServerTrailingMetadata()) {
    if (name == "grpc-status-details-bin") continue;  // counted below, from the status
    bytes_on_wire += name.size() + 32;
    bytes_on_wire += name.ends_with("-bin") ? (value.size() + 2) / 3 * 4 : value.size();
  }
  bytes_on_wire += std::string("grpc-status").size() + 2 + 32;
  bytes_on_wire += std::string("grpc-message").size() + PercentEncodedSize(reply.status.error_message()) + 32;
  bytes_on_wire +=
      std::string("grpc-status-details-bin").size() + (reply.status.error_details().size() + 2) / 3 * 4 + 32;
  reply.trailer_bytes = bytes_on_wire;
  return reply;
}

// A hostile value: long, with NUL, newlines and terminal escapes (valid
// UTF-8: proto3 strings that are not never reach the server's code).
std::string HostileText(std::size_t n) {
  std::string s;
  const std::string piece = std::string("A\0\n\x1b[31m", 8) + "Ж`\"";
  while (s.size() < n) s += piece;
  s.resize(n);
  return s;
}

// Fills every field of `m` with oversized or out-of-range values: strings of
// 3,000 bytes, 200 elements in each repeated field (60,000 update-mask
// paths), negative numbers, nested messages to a small depth; the whole stays
// under the server's 1 MiB message limit.
void FillHostile(Message& m, int depth) {
  const Descriptor* d = m.GetDescriptor();
  const auto* r = m.GetReflection();
  const bool mask = d->full_name() == "google.protobuf.FieldMask";
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->containing_oneof() != nullptr && i > 0 && f->containing_oneof()->field(0) != f) continue;
    const int count = f->is_repeated() ? (mask ? 60'000 : 200) : 1;
    for (int k = 0; k < count; ++k) {
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING: {
          std::string v = mask ? "p" + std::to_string(k) : HostileText(f->is_repeated() ? 40 : 3000);
          if (f->is_repeated()) {
            r->AddString(&m, f, v);
          } else {
            r->SetString(&m, f, v);
          }
          break;
        }
        case FieldDescriptor::CPPTYPE_INT64:
          f->is_repeated() ? r->AddInt64(&m, f, -1) : r->SetInt64(&m, f, -1);
          break;
        case FieldDescriptor::CPPTYPE_INT32:
          f->is_repeated() ? r->AddInt32(&m, f, -1) : r->SetInt32(&m, f, -1);
          break;
        case FieldDescriptor::CPPTYPE_BOOL:
          f->is_repeated() ? r->AddBool(&m, f, true) : r->SetBool(&m, f, true);
          break;
        case FieldDescriptor::CPPTYPE_ENUM:
          f->is_repeated() ? r->AddEnumValue(&m, f, 9999) : r->SetEnumValue(&m, f, 9999);
          break;
        case FieldDescriptor::CPPTYPE_MESSAGE:
          if (depth < 3) {
            Message* child = f->is_repeated() ? r->AddMessage(&m, f) : r->MutableMessage(&m, f);
            if (!f->is_repeated() || k == 0) FillHostile(*child, depth + 1);
          }
          break;
        default:
          break;
      }
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && depth >= 3) break;
    }
  }
}

class SecurityTest : public ServerFixture {};

// The comment above a field's declaration in its .proto file (lower-cased).
std::string ProtoComment(const FieldDescriptor& field) {
  std::ifstream in(std::string(BIOPOLIS_PROTO_DIR) + "/" + field.file()->name());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const std::string decl = " " + field.name() + " = " + std::to_string(field.number()) + ";";
  // The declaration inside its own message: after the `message Name {` line.
  const std::string opener = "message " + field.containing_type()->name() + " {";
  bool inside = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(opener) != std::string::npos) inside = true;
    if (!inside || lines[i].find(decl) == std::string::npos) continue;
    std::string comment;
    for (std::size_t j = i; j-- > 0 && lines[j].find("//") != std::string::npos;) comment = lines[j] + "\n" + comment;
    for (auto& c : comment) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return comment;
  }
  return "";
}

// The contract states each limit the server enforces: every repeated field
// the limit table names says "at most N" in its proto comment, with the same N.
TEST(RequestLimitsTest, EveryProtoCommentStatesTheEnforcedCount) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& [name, limit] : RepeatedFieldLimits()) {
    if (name == "google.protobuf.FieldMask.paths") continue;  // checked on every update_mask below
    const FieldDescriptor* field = pool->FindFieldByName(name);
    ASSERT_NE(field, nullptr) << name;
    EXPECT_NE(ProtoComment(*field).find("at most " + std::to_string(limit)), std::string::npos)
        << name << " is limited to " << limit << " but its proto comment does not say so";
  }
  for (const auto& service : ServedServiceNames()) {
    const auto* desc = pool->FindServiceByName(service);
    for (int i = 0; i < desc->method_count(); ++i) {
      const auto* mask = desc->method(i)->input_type()->FindFieldByName("update_mask");
      if (mask == nullptr) continue;
      const int limit = RepeatedFieldLimits().at("google.protobuf.FieldMask.paths");
      EXPECT_NE(ProtoComment(*mask).find("at most " + std::to_string(limit) + " paths"), std::string::npos)
          << mask->full_name();
    }
  }
}

// Every text field the server accepts states its byte limit in its proto
// comment, the number the server enforces (TextFieldLimits, which the call
// gate applies and the rules repeat through core/text_limits.h).
TEST(RequestLimitsTest, EveryTextFieldStatesItsByteLimit) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& [name, limit] : TextFieldLimits()) {
    const FieldDescriptor* field = pool->FindFieldByName(name);
    ASSERT_NE(field, nullptr) << name;
    EXPECT_EQ(field->type(), FieldDescriptor::TYPE_STRING) << name;
    EXPECT_NE(ProtoComment(*field).find("at most " + std::to_string(limit) + " bytes"), std::string::npos)
        << name << " is limited to " << limit << " bytes but its proto comment does not say so";
  }
}

// Every number a request may set states its range in its proto comment, the
// range the gate enforces (NumericFieldRanges).
TEST(RequestLimitsTest, EveryNumberStatesItsRange) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& [name, range] : NumericFieldRanges()) {
    const FieldDescriptor* field = pool->FindFieldByName(name);
    ASSERT_NE(field, nullptr) << name;
    const std::string stated = "between " + FormatBound(range.min) + " and " + FormatBound(range.max);
    EXPECT_NE(ProtoComment(*field).find(stated), std::string::npos)
        << name << " is limited to " << stated << " but its proto comment does not say so";
  }
}

// The limits the contract states hold field by field, each bad field with
// its own violation, also for fields bounded only by their length (a phone
// number with separators).
TEST_F(SecurityTest, TextOverItsLimitIsRefusedFieldByField) {
  v1::Organization org;
  org.set_inn("4345042753");
  org.set_ogrn("1024317979080");
  org.set_kpp("434501001");
  org.set_full_name(std::string(501, 'x'));
  org.set_legal_address("Kirov");
  org.set_contact_email(std::string(250, 'a') + "@x.ru");
  org.set_contact_phone("+7 912 " + std::string(200, '-') + " 345 67 89");
  auto created = officer().organizations().Create(org);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code(), client::StatusCode::INVALID_ARGUMENT);
  const std::map<std::string, std::string> expected = {{"organization.full_name", "FIELD_TOO_LONG"},
                                                       {"organization.contact_email", "INVALID_EMAIL"},
                                                       {"organization.contact_phone", "FIELD_TOO_LONG"}};
  for (const auto& [field, reason] : expected) {
    ASSERT_NE(created.error().violation(field), nullptr) << field;
    EXPECT_EQ(created.error().violation(field)->reason, reason) << field;
  }
  EXPECT_EQ(created.error().field_violations().size(), expected.size());
  org.set_full_name(std::string(500, 'x'));
  org.set_contact_email(std::string(249, 'a') + "@x.ru");
  org.set_contact_phone("+7 912 345-67-89");
  auto at_limit = officer().organizations().Create(org);
  EXPECT_TRUE(at_limit.ok()) << at_limit.error().ToString();
}

// A number past the range its proto comment states is refused, with every
// other bad field of the same request.
TEST_F(SecurityTest, NumbersOutsideTheirRangeAreRefusedFieldByField) {
  auto current = admin().policies().Get();
  ASSERT_TRUE(current.ok()) << current.error().ToString();
  v1::ZonePolicy policy = *current;
  policy.set_min_investment_kopecks(2'000'000'000'000'000);
  policy.set_reservation_days(731);
  auto refused = admin().policies().Create(policy);
  ASSERT_FALSE(refused.ok());
  ASSERT_NE(refused.error().violation("policy.min_investment_kopecks"), nullptr);
  EXPECT_EQ(refused.error().violation("policy.min_investment_kopecks")->reason, "VALUE_OUT_OF_RANGE");
  ASSERT_NE(refused.error().violation("policy.reservation_days"), nullptr);
  EXPECT_EQ(refused.error().violation("policy.reservation_days")->reason, "VALUE_OUT_OF_RANGE");
}

// Any error's trailers fit in 4 KiB, whatever the request: every unary method
// of every service, called by a caller it admits, with a request whose every
// field is oversized or hostile.
TEST_F(SecurityTest, EveryErrorFitsInFourKibWhateverTheRequest) {
  auto resident_org = CreateOrganization("4345042753", "1024317979080");
  // A resident key, made through the admin client.
  v1::ApiKey key;
  key.set_display_name("resident");
  key.set_role(v1::ROLE_RESIDENT);
  key.set_organization(resident_org);
  auto resident_key = admin().api_keys().Create(key);
  ASSERT_TRUE(resident_key.ok()) << resident_key.error().ToString();
  const std::map<Role, std::string> keys = {{Role::kAdmin, admin_secret_},
                                            {Role::kOfficer, officer_secret_},
                                            {Role::kAuditor, auditor_secret_},
                                            {Role::kResident, resident_key->secret()}};
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  int calls = 0;
  int invalid = 0;
  for (const auto& service : ServedServiceNames()) {
    const auto* desc = pool->FindServiceByName(service);
    ASSERT_NE(desc, nullptr);
    for (int i = 0; i < desc->method_count(); ++i) {
      const auto* method = desc->method(i);
      if (method->client_streaming() || method->server_streaming()) continue;
      const std::string path = "/" + service + "/" + method->name();
      const std::string* secret = nullptr;
      for (const auto& [role, k] : keys) {
        if (AuthorizeMethod(path, role).ok()) secret = &k;
      }
      ASSERT_NE(secret, nullptr) << path;
      std::unique_ptr<Message> request(factory->GetPrototype(method->input_type())->New());
      FillHostile(*request, 0);
      const std::string bytes = request->SerializeAsString();
      ASSERT_LT(bytes.size(), 4u << 20) << path;
      RawReply reply = CallRaw(address(), path, bytes, {*secret});
      ++calls;
      EXPECT_LE(reply.trailer_bytes, 4096u) << path << ": " << reply.status.error_message().size();
      EXPECT_FALSE(reply.status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
                   reply.status.error_message().find("metadata") != std::string::npos)
          << path << ": the error did not fit in the client's 4 KiB: " << reply.status.error_message();
      EXPECT_NE(reply.status.error_code(), grpc::StatusCode::INTERNAL) << path;
      EXPECT_NE(reply.status.error_code(), grpc::StatusCode::UNKNOWN) << path;
      // No control character reaches a message.
      for (unsigned char c : reply.status.error_message()) EXPECT_GE(c, 0x20) << path;
      if (reply.status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
        ++invalid;
      } else {
        std::cout << path << ": " << reply.status.error_code() << " " << reply.status.error_message() << "\n";
      }
    }
  }
  EXPECT_GT(calls, 60);
  EXPECT_GT(invalid, calls / 2);
}

TEST_F(SecurityTest, HundredThousandMaskPathsAreOneViolationBeforeAnyWork) {
  std::string org = CreateOrganization("4345042753", "1024317979080");
  v1::Organization update;
  update.set_name(org);
  update.set_full_name("x");
  std::vector<std::string> mask;
  for (int i = 0; i < 100'000; ++i) mask.push_back("p" + std::to_string(i));  // ~770 KiB, as in the report
  auto r = officer().organizations().Update(update, mask);
  ASSERT_EQ(r.code(), client::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(r.error().field_violations().size(), 1u);
  EXPECT_EQ(r.error().field_violations()[0].field, "update_mask.paths");
  EXPECT_EQ(r.error().field_violations()[0].reason, "TOO_MANY_ELEMENTS");
  // A long bad filter is answered INVALID_FILTER with a short, escaped quote of it.
  std::string filter = "inn = \"1\" AND " + std::string(3000, 'x') + std::string("\n\0", 2) + " = 1";
  auto listed = officer().organizations().List(client::ListOptions().Filter(filter)).All();
  ASSERT_EQ(listed.error().code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(listed.error().reason(), "INVALID_FILTER");
  EXPECT_LT(listed.error().message().size(), 300u);
  EXPECT_NE(listed.error().message().find("\u2026"), std::string::npos);
}

TEST_F(SecurityTest, MoreThanOneAuthorizationHeaderIsRefused) {
  auto one = CallRaw(address(), "/biopolis.v1.PolicyService/ListZonePolicies", "", {auditor_secret_});
  EXPECT_TRUE(one.status.ok()) << one.status.error_message();
  auto two = CallRaw(address(), "/biopolis.v1.PolicyService/ListZonePolicies", "", {auditor_secret_, admin_secret_});
  EXPECT_EQ(two.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(two.status.error_message().find("more than one"), std::string::npos);
}

TEST_F(SecurityTest, GuessingKeysIsLimitedPerAddressWhileKnownKeysGoOn) {
  // The auditor's key is in the authentication cache from a first call.
  ASSERT_TRUE(auditor().policies().Get().ok());
  int unauthenticated = 0;
  int limited = 0;
  for (int i = 0; i < 60; ++i) {
    auto r = ClientWithKey("bpk_guess_" + std::to_string(i))->policies().Get();
    if (r.code() == client::StatusCode::UNAUTHENTICATED) ++unauthenticated;
    if (r.code() == client::StatusCode::RESOURCE_EXHAUSTED) {
      EXPECT_EQ(r.error().reason(), "AUTHENTICATION_RATE_LIMITED");
      ++limited;
    }
  }
  // The burst (20) is answered, the rest refused without a lookup; the manual
  // clock never refills the bucket.
  EXPECT_EQ(unauthenticated, 20);
  EXPECT_EQ(limited, 40);
  // A caller whose key was authenticated recently is still served from that address.
  EXPECT_TRUE(auditor().policies().Get().ok());
}

TEST_F(SecurityTest, ARevokedKeysOpenStreamEndsAndDeliversNothingAfter) {
  v1::ApiKey key;
  key.set_display_name("watcher");
  key.set_role(v1::ROLE_AUDITOR);
  auto created = admin().api_keys().Create(key);
  ASSERT_TRUE(created.ok());
  auto watcher = ClientWithKey(created->secret());
  // From the start of the log: the stream opens at the first Next().
  auto stream = watcher->events().Watch();
  std::string first = CreateOrganization("4345042753", "1024317979080");
  v1::Event e;
  while (stream->Next(&e) && e.resource() != first) {
  }
  ASSERT_EQ(e.resource(), first);  // the stream works
  auto revoked = admin().api_keys().Revoke(created->api_key().name());
  ASSERT_TRUE(revoked.ok());
  std::int64_t revoked_at = 0;
  // The revocation's own event is the last one the stream may deliver.
  CreateOrganization("4345695985", "1024366201166");
  std::vector<v1::Event> after;
  while (stream->Next(&e)) {
    if (e.resource() == created->api_key().name()) revoked_at = e.sequence();
    after.push_back(e);
  }
  ASSERT_TRUE(stream->error().has_value());
  EXPECT_EQ(stream->error()->code(), client::StatusCode::UNAUTHENTICATED) << stream->error()->ToString();
  for (const auto& ev : after) {
    EXPECT_TRUE(ev.resource() == created->api_key().name() || (revoked_at != 0 && ev.sequence() <= revoked_at))
        << "delivered after the revocation: " << ev.resource();
  }
}

TEST_F(SecurityTest, AnExpiredKeysOpenStreamEndsWithinTheRecheckInterval) {
  v1::ApiKey key;
  key.set_display_name("short-lived watcher");
  key.set_role(v1::ROLE_AUDITOR);
  key.mutable_expire_time()->set_seconds(kStartTime / 1'000'000 + 60);
  auto created = admin().api_keys().Create(key);
  ASSERT_TRUE(created.ok());
  auto watcher = ClientWithKey(created->secret());
  auto stream = watcher->events().Watch();
  v1::Event e;
  ASSERT_TRUE(stream->Next(&e));
  // The key expires; nothing more is written, so the stream ends by a re-check
  // (before its next page, or the hub's periodic one within 5 s).
  clock_.Advance(120 * kMicrosPerSecond);
  while (stream->Next(&e)) {
  }
  ASSERT_TRUE(stream->error().has_value());
  EXPECT_EQ(stream->error()->code(), client::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace biopolis::testing
