// Authentication, authorization, object-level isolation, precise errors and
// idempotency, through the SDK against the real server.
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <thread>

#include "biopolis/v1/organization.grpc.pb.h"
#include "server_fixture.h"
#include "services/api/access_policy.h"

namespace biopolis::testing {
namespace {

class AccessAndErrorsTest : public ServerFixture {};

TEST_F(AccessAndErrorsTest, MissingUnknownAndRevokedKeysAreUnauthenticated) {
  EXPECT_EQ(ClientWithKey("")->policies().Get().code(), client::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ClientWithKey("bpk_unknown")->policies().Get().code(), client::StatusCode::UNAUTHENTICATED);

  v1::ApiKey key;
  key.set_display_name("short-lived");
  key.set_role(v1::ROLE_AUDITOR);
  auto created = admin().api_keys().Create(key);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->secret().rfind("bpk_", 0), 0u);
  EXPECT_EQ(created->secret().size(), 47u);  // bpk_ + 43 chars = 256 bits
  auto holder = ClientWithKey(created->secret());
  ASSERT_TRUE(holder->policies().Get().ok());
  auto revoked = admin().api_keys().Revoke(created->api_key().name());
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->state(), v1::ApiKey::STATE_REVOKED);
  auto denied = holder->policies().Get();
  EXPECT_EQ(denied.code(), client::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(denied.error().message().find("revoked"), std::string::npos);
  // Listing shows metadata, never secrets.
  auto keys = admin().api_keys().List().All();
  ASSERT_TRUE(keys.ok());
  for (const auto& k : *keys) EXPECT_EQ(k.key_prefix().size(), 8u);
}

TEST_F(AccessAndErrorsTest, ExpiredKeysStopWorking) {
  v1::ApiKey key;
  key.set_display_name("temp");
  key.set_role(v1::ROLE_AUDITOR);
  key.mutable_expire_time()->set_seconds(kStartTime / 1'000'000 + 3600);
  auto created = admin().api_keys().Create(key);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  auto holder = ClientWithKey(created->secret());
  EXPECT_TRUE(holder->policies().Get().ok());
  clock_.Advance(2 * 3600 * kMicrosPerSecond);
  EXPECT_EQ(holder->policies().Get().code(), client::StatusCode::UNAUTHENTICATED);
}

TEST_F(AccessAndErrorsTest, RolesWithoutTheRightArePermissionDenied) {
  v1::Organization org;
  org.set_inn("4345042753");
  EXPECT_EQ(auditor().organizations().Create(org).code(), client::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(admin().applications().List().All().error().code(), client::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(officer().api_keys().List().All().error().code(), client::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(officer().audit().List().All().error().code(), client::StatusCode::PERMISSION_DENIED);
  auto company = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  EXPECT_EQ(company->audit().List().All().error().code(), client::StatusCode::PERMISSION_DENIED);
  auto app = company->applications().Create(EligibleDraft());
  ASSERT_TRUE(company->applications().Submit(app->name()).ok());
  // A resident may not decide its own application.
  EXPECT_EQ(company->applications().Accept(app->name()).code(), client::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(company->applications().Approve(app->name()).code(), client::StatusCode::PERMISSION_DENIED);
}

TEST_F(AccessAndErrorsTest, AResidentNeverSeesOrChangesAnotherOrganizationsRecords) {
  std::string org_a = CreateOrganization("4345042753", "1024317979080");
  std::string org_b = CreateOrganization("4345695985", "1024366201166");
  auto a = ResidentClient(org_a);
  auto b = ResidentClient(org_b);
  auto app_a = a->applications().Create(EligibleDraft());
  ASSERT_TRUE(app_a.ok());
  int audit_before = AuditCount();

  EXPECT_EQ(b->applications().Get(app_a->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->applications().Submit(app_a->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->applications().Withdraw(app_a->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->applications().Delete(app_a->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->applications().CheckEligibility(app_a->name()).code(), client::StatusCode::NOT_FOUND);
  v1::Application edit;
  edit.set_name(app_a->name());
  edit.set_project_name("hijacked");
  EXPECT_EQ(b->applications().Update(edit, {"project_name"}).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(b->organizations().Get(org_a).code(), client::StatusCode::NOT_FOUND);
  v1::Organization org_edit;
  org_edit.set_name(org_a);
  org_edit.set_contact_email("evil@example.com");
  EXPECT_EQ(b->organizations().Update(org_edit, {"contact_email"}).code(), client::StatusCode::NOT_FOUND);
  // Lists are scoped to the caller's own organization.
  auto b_apps = b->applications().List().All();
  ASSERT_TRUE(b_apps.ok());
  EXPECT_TRUE(b_apps->empty());
  auto b_filtered = b->applications().List(client::ListOptions().Filter("organization = \"" + org_a + "\"")).All();
  ASSERT_TRUE(b_filtered.ok());
  EXPECT_TRUE(b_filtered->empty());
  auto b_orgs = b->organizations().List().All();
  ASSERT_EQ(b_orgs->size(), 1u);
  EXPECT_EQ((*b_orgs)[0].name(), org_b);
  // A page token issued to A is useless to B.
  CreateOrganization("4345212878", "1024326984923");
  auto officer_page = officer().organizations().ListPage(client::ListOptions().PageSize(1));
  ASSERT_TRUE(officer_page.ok());
  ASSERT_FALSE(officer_page->next_page_token().empty());
  auto stolen = b->organizations().ListPage(client::ListOptions().PageSize(1), officer_page->next_page_token());
  EXPECT_EQ(stolen.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(stolen.error().field_violations().at(0).field, "page_token");

  // Nothing changed: A's draft is intact and no audit record was written.
  EXPECT_EQ(a->applications().Get(app_a->name())->project_name(), EligibleDraft().project_name());
  EXPECT_EQ(AuditCount(), audit_before + 1);  // only the third organization
}

TEST_F(AccessAndErrorsTest, BadInputGetsOneViolationPerFieldAndChangesNothing) {
  int before = AuditCount();
  v1::Organization org;
  org.set_inn("4345042754");    // wrong check digit
  org.set_ogrn("10243179790");  // too short
  org.set_kpp("43450100");
  org.set_contact_email("no-at-sign");
  auto r = officer().organizations().Create(org);
  ASSERT_EQ(r.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(r.error().reason(), "INVALID_INN_CHECKSUM");
  std::set<std::string> fields;
  for (const auto& v : r.error().field_violations()) fields.insert(v.field + ":" + v.reason);
  EXPECT_EQ(fields, (std::set<std::string>{
                        "organization.inn:INVALID_INN_CHECKSUM", "organization.ogrn:INVALID_OGRN_FORMAT",
                        "organization.kpp:INVALID_KPP_FORMAT", "organization.full_name:FIELD_REQUIRED",
                        "organization.legal_address:FIELD_REQUIRED", "organization.contact_email:INVALID_EMAIL"}));
  EXPECT_EQ(officer().applications().Get("applications/abc").code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(officer().applications().Get("applications/999").code(), client::StatusCode::NOT_FOUND);
  auto bad_filter = officer().applications().List(client::ListOptions().Filter("state = \"STATE_NOPE\"")).All();
  EXPECT_EQ(bad_filter.error().code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad_filter.error().field_violations().at(0).field, "filter");
  auto bad_order = officer().applications().List(client::ListOptions().OrderBy("project_name")).All();
  EXPECT_EQ(bad_order.error().field_violations().at(0).field, "order_by");
  auto bad_token = officer().applications().ListPage({}, "bm90LWEtdG9rZW4");
  EXPECT_EQ(bad_token.error().field_violations().at(0).field, "page_token");
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(AccessAndErrorsTest, DuplicateInnIsAlreadyExists) {
  CreateOrganization("4345042753", "1024317979080");
  v1::Organization dup;
  dup.set_inn("4345042753");
  dup.set_ogrn("1024366201166");
  dup.set_kpp("434501001");
  dup.set_full_name("Copy");
  dup.set_legal_address("Kirov");
  auto r = officer().organizations().Create(dup);
  EXPECT_EQ(r.code(), client::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(r.error().reason(), "ORGANIZATION_EXISTS");
}

TEST_F(AccessAndErrorsTest, StaleEtagIsAbortedAndServerOwnedFieldsAreNotUpdatable) {
  auto company = ResidentClient(CreateOrganization("4345042753", "1024317979080"));
  auto app = company->applications().Create(EligibleDraft());
  v1::Application edit;
  edit.set_name(app->name());
  edit.set_etag(app->etag());
  edit.set_project_name("First edit");
  ASSERT_TRUE(company->applications().Update(edit, {"project_name"}).ok());
  edit.set_project_name("Second edit on a stale read");
  auto stale = company->applications().Update(edit, {"project_name"});
  EXPECT_EQ(stale.code(), client::StatusCode::ABORTED);
  EXPECT_EQ(stale.error().reason(), "STALE_ETAG");
  EXPECT_EQ(company->applications().Submit(app->name(), app->etag()).code(), client::StatusCode::ABORTED);
  for (const char* field : {"state", "name", "etag", "policy_version", "create_time", "resident", "organization"}) {
    auto r = company->applications().Update(edit, {field});
    EXPECT_EQ(r.code(), client::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_EQ(r.error().field_violations().at(0).field, "update_mask.paths[0]") << field;
  }
  EXPECT_EQ(company->applications().Get(app->name())->project_name(), "First edit");
}

TEST_F(AccessAndErrorsTest, RetryWithTheSameRequestIdReturnsTheFirstResult) {
  v1::Organization org;
  org.set_inn("4345042753");
  org.set_ogrn("1024317979080");
  org.set_kpp("434501001");
  org.set_full_name("Idempotent Ltd");
  org.set_legal_address("Kirov");
  const std::string id = client::NewRequestId();
  auto first = officer().organizations().Create(org, id);
  ASSERT_TRUE(first.ok());
  auto retry = officer().organizations().Create(org, id);
  ASSERT_TRUE(retry.ok()) << retry.error().ToString();
  EXPECT_EQ(retry->name(), first->name());
  EXPECT_EQ(retry->etag(), first->etag());
  EXPECT_EQ(officer().organizations().List().All()->size(), 1u);
  org.set_full_name("Another body");
  auto reused = officer().organizations().Create(org, id);
  EXPECT_EQ(reused.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(reused.error().reason(), "REQUEST_ID_REUSED");
  EXPECT_EQ(officer().organizations().Create(org, "not-a-uuid").error().reason(), "INVALID_REQUEST_ID");

  // A state change retried returns the first response even though the state moved on.
  auto company = ResidentClient(first->name());
  auto app = company->applications().Create(EligibleDraft());
  const std::string submit_id = client::NewRequestId();
  auto s1 = company->applications().Submit(app->name(), "", submit_id);
  auto s2 = company->applications().Submit(app->name(), "", submit_id);
  ASSERT_TRUE(s1.ok());
  ASSERT_TRUE(s2.ok()) << s2.error().ToString();
  EXPECT_EQ(s1->etag(), s2->etag());
  auto trail = auditor().audit().List(client::ListOptions().Filter("action = \"SubmitApplication\"")).All();
  EXPECT_EQ(trail->size(), 1u);
}

TEST_F(AccessAndErrorsTest, PagingVisitsEveryRecordOnce) {
  const char* inns[] = {"4345042753", "4345695985", "4345212878", "4345610903", "4345919018"};
  const char* ogrns[] = {"1024317979080", "1024366201166", "1024326984923", "1024320244189", "1024397558723"};
  for (int i = 0; i < 5; ++i) CreateOrganization(inns[i], ogrns[i]);
  std::set<std::string> seen;
  for (const auto& org : officer().organizations().List(client::ListOptions().OrderBy("inn").PageSize(2))) {
    ASSERT_TRUE(org.ok()) << org.error().ToString();
    EXPECT_TRUE(seen.insert(org->inn()).second);
  }
  EXPECT_EQ(seen.size(), 5u);
  auto first = officer().organizations().ListPage(client::ListOptions().PageSize(500000));
  EXPECT_EQ(first->organizations_size(), 5);  // clamped, not refused
  auto filtered = officer().organizations().List(client::ListOptions().Filter("inn = \"4345610903\"")).All();
  ASSERT_EQ(filtered->size(), 1u);
}

TEST_F(AccessAndErrorsTest, EveryMethodIsInTheAccessTable) {
  std::set<std::string> served;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  const std::set<std::string> names(ServedServiceNames().begin(), ServedServiceNames().end());
  for (const auto& service : ServedServiceNames()) {
    const auto* desc = pool->FindServiceByName(service);
    ASSERT_NE(desc, nullptr) << service;
    // A service added to a proto file beside a served one must be served (and listed) too.
    for (int i = 0; i < desc->file()->service_count(); ++i) {
      EXPECT_EQ(names.count(desc->file()->service(i)->full_name()), 1u) << desc->file()->service(i)->full_name();
    }
    for (int i = 0; i < desc->method_count(); ++i) {
      served.insert("/" + service + "/" + desc->method(i)->name());
    }
  }
  std::set<std::string> table;
  for (const auto& [method, roles] : MethodRoles()) {
    table.insert(method);
    EXPECT_FALSE(roles.empty()) << method;
  }
  EXPECT_EQ(served, table);
}

class SmallLimitsTest : public ServerFixture {
 protected:
  void Configure(ServerOptions& options) override {
    ServerFixture::Configure(options);
    options.max_metadata_bytes = 4096;  // below gRPC's own default, so the test sees ours
  }
};

TEST_F(SmallLimitsTest, OversizeMessagesAndMetadataAreRefusedBeforeAnyWork) {
  auto channel = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
  auto stub = v1::OrganizationService::NewStub(channel);
  v1::GetOrganizationRequest get;
  get.set_name("organizations/1");
  v1::Organization out;
  // Within the limits a call reaches the gate (and, without a key, stops there).
  grpc::ClientContext small_ctx;
  small_ctx.AddMetadata("x-padding", std::string(1024, 'p'));
  EXPECT_EQ(stub->GetOrganization(&small_ctx, get, &out).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  v1::CreateOrganizationRequest big;
  big.mutable_organization()->set_full_name(std::string(2 << 20, 'x'));  // 2 MiB > 1 MiB
  grpc::ClientContext message_ctx;
  EXPECT_EQ(stub->CreateOrganization(&message_ctx, big, &out).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  // Last: gRPC may close the connection that carried oversize headers.
  grpc::ClientContext metadata_ctx;
  metadata_ctx.AddMetadata("x-padding", std::string(6 * 1024, 'p'));  // 6 KiB > 4 KiB
  grpc::Status st = stub->GetOrganization(&metadata_ctx, get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << st.error_message();
}

TEST_F(AccessAndErrorsTest, OneClientSharedByManyThreads) {
  // The SDK's contract: one Client may be shared by all threads.
  const char* inns[] = {"4345042753", "4345695985", "4345212878", "4345610903", "4345919018", "4345215090"};
  const char* ogrns[] = {"1024317979080", "1024366201166", "1024326984923",
                         "1024320244189", "1024397558723", "1024345291816"};
  std::atomic<int> created{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      v1::Organization org;
      org.set_inn(inns[t]);
      org.set_ogrn(ogrns[t]);
      org.set_kpp("434501001");
      org.set_full_name("Shared client " + std::to_string(t));
      org.set_legal_address("Kirov");
      if (officer().organizations().Create(org).ok()) ++created;
      for (int i = 0; i < 20; ++i) {
        if (officer().policies().Get().ok()) ++reads;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), 6);
  EXPECT_EQ(reads.load(), 120);
  EXPECT_EQ(officer().organizations().List().All()->size(), 6u);
}

class RateLimitTest : public ServerFixture {
 protected:
  void Configure(ServerOptions& options) override {
    options.rate_limit_per_second = 1;
    options.rate_limit_burst = 30;
  }
};

TEST_F(RateLimitTest, AFloodingKeyIsLimitedWhileQuietKeysGoOn) {
  // The auditor's key has made no call yet: its bucket holds the burst of 30.
  // One attempt per call, so the SDK does not retry the refusals.
  client::ClientOptions once;
  once.target = address();
  once.api_key = auditor_secret_;
  once.retry.max_attempts = 1;
  client::Client flooding(once);
  int limited = 0;
  int served = 0;
  for (int i = 0; i < 60; ++i) {
    auto r = flooding.policies().Get();
    if (r.ok()) {
      ++served;
    } else {
      EXPECT_EQ(r.code(), client::StatusCode::RESOURCE_EXHAUSTED);
      EXPECT_EQ(r.error().reason(), "RATE_LIMITED");
      // When to retry comes with the refusal (google.rpc.RetryInfo).
      EXPECT_EQ(r.error().retry_delay(), std::chrono::milliseconds(1000));
      ++limited;
    }
  }
  EXPECT_EQ(served, 30);  // the burst; the ManualClock does not move, so nothing refills
  EXPECT_EQ(limited, 30);
  // The officer's key is untouched by the auditor's flood.
  EXPECT_TRUE(officer().policies().Get().ok());
  // With the default policy the SDK retries RATE_LIMITED after the server's
  // delay: the call succeeds once time refills the bucket.
  std::thread later([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    clock_.Advance(5 * kMicrosPerSecond);
  });
  EXPECT_TRUE(auditor().policies().Get().ok());
  later.join();
}

TEST_F(AccessAndErrorsTest, HealthServiceReportsServing) { EXPECT_EQ(HealthOf(address()), "SERVING"); }

// The writer's figures are the same on both backends: every committed
// transaction is counted in the batch-size and commit-time histograms.
TEST_F(AccessAndErrorsTest, MetricsCountTheWritersCommits) {
  auto count = [this](const std::string& family) {
    const std::string text = server_->ScrapeMetrics();
    const std::string key = family + "_count ";
    auto at = text.find(key);
    return at == std::string::npos ? -1.0 : std::stod(text.substr(at + key.size()));
  };
  const double batches = count("biopolis_writer_batch_size");
  const double commits = count("biopolis_writer_commit_duration_seconds");
  ASSERT_GE(batches, 0) << server_->ScrapeMetrics();
  CreateOrganization("4345042753", "1024317979080");
  CreateOrganization("4345695985", "1024366201166");
  EXPECT_GE(count("biopolis_writer_batch_size"), batches + 1);
  EXPECT_GE(count("biopolis_writer_commit_duration_seconds"), commits + 1);
  EXPECT_EQ(count("biopolis_writer_batch_size") - batches, count("biopolis_writer_commit_duration_seconds") - commits);
}

}  // namespace
}  // namespace biopolis::testing
