#include "server_fixture.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <mutex>

namespace biopolis::testing {

void ServerFixture::SetUp() {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.db = db_.path();
  if (database_.postgres()) options.database = database_.url();
  options.shutdown_grace_seconds = 2;
  options.timed_transition_interval_seconds = 3600;
  Configure(options);
  options_ = options;
  auto server = BiopolisServer::Start(options, &clock_);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(*server);

  PolicyRecord policy;
  policy.effective_from = Date{2020, 1, 1};
  policy.min_investment_kopecks = 120'000'000'00;
  policy.min_investment_3y_kopecks = 40'000'000'00;
  policy.allowed_okved_prefixes = {"21", "72.11", "72.19"};
  policy.info_request_days = 30;
  policy.reservation_days = 60;
  ASSERT_TRUE(server_->domain().policies.Seed(policy).ok());

  ApiKeyRecord bootstrap;
  bootstrap.display_name = "bootstrap admin";
  bootstrap.role = Role::kAdmin;
  auto admin_key = server_->domain().keys.CreateDirect(bootstrap, "");
  ASSERT_TRUE(admin_key.ok());
  admin_secret_ = admin_key->secret;
  admin_ = ClientWithKey(admin_key->secret);

  auto make = [&](v1::Role role, const char* holder, std::string* secret) {
    v1::ApiKey key;
    key.set_display_name(holder);
    key.set_role(role);
    auto created = admin_->api_keys().Create(key);
    EXPECT_TRUE(created.ok()) << created.error().ToString();
    *secret = created->secret();
    return ClientWithKey(created->secret());
  };
  officer_ = make(v1::ROLE_OFFICER, "officer", &officer_secret_);
  auditor_ = make(v1::ROLE_AUDITOR, "auditor", &auditor_secret_);
}

void ServerFixture::TearDown() {
  admin_.reset();
  officer_.reset();
  auditor_.reset();
  server_.reset();
}

void ServerFixture::RestartServer() {
  ServerOptions options = options_;
  options.listen = "127.0.0.1:" + std::to_string(server_->port());
  server_.reset();
  auto restarted = BiopolisServer::Start(options, &clock_);
  ASSERT_TRUE(restarted.ok()) << restarted.status().ToString();
  server_ = std::move(*restarted);
}

std::unique_ptr<client::Client> ServerFixture::ClientWithKey(const std::string& key) {
  client::ClientOptions o;
  o.target = address();
  o.api_key = key;
  o.deadline = std::chrono::seconds(20);
  return std::make_unique<client::Client>(o);
}

std::string ServerFixture::CreateOrganization(const std::string& inn, const std::string& ogrn, const std::string& kpp) {
  v1::Organization org;
  org.set_inn(inn);
  org.set_ogrn(ogrn);
  org.set_kpp(inn.size() == 10 ? kpp : "");
  org.set_full_name("Company " + inn);
  org.set_legal_address("Kirov");
  auto created = officer().organizations().Create(org);
  EXPECT_TRUE(created.ok()) << created.error().ToString();
  return created.ok() ? created->name() : "";
}

std::string ServerFixture::ResidentKey(const std::string& organization) {
  v1::ApiKey key;
  key.set_display_name("resident of " + organization);
  key.set_role(v1::ROLE_RESIDENT);
  key.set_organization(organization);
  auto created = admin().api_keys().Create(key);
  EXPECT_TRUE(created.ok()) << created.error().ToString();
  return created.ok() ? created->secret() : "";
}

std::unique_ptr<client::Client> ServerFixture::ResidentClient(const std::string& organization) {
  return ClientWithKey(ResidentKey(organization));
}

v1::Application ServerFixture::EligibleDraft() {
  v1::Application a;
  a.set_project_name("Recombinant insulin");
  a.set_project_description("GMP production of insulin");
  a.add_okved_codes("21.20.1");
  a.set_planned_investment_kopecks(150'000'000'00);
  a.set_planned_investment_3y_kopecks(60'000'000'00);
  a.set_planned_jobs(120);
  a.set_requested_land_area_m2(20000);
  a.mutable_planned_start_date()->set_year(2027);
  a.mutable_planned_start_date()->set_month(1);
  a.mutable_planned_start_date()->set_day(1);
  a.mutable_planned_completion_date()->set_year(2030);
  a.mutable_planned_completion_date()->set_month(12);
  a.mutable_planned_completion_date()->set_day(31);
  return a;
}

ServerFixture::Applicant ServerFixture::ApplicantUnderReview(const std::string& inn, const std::string& ogrn) {
  Applicant a;
  a.organization = CreateOrganization(inn, ogrn);
  a.client = ResidentClient(a.organization);
  auto app = a.client->applications().Create(EligibleDraft());
  EXPECT_TRUE(app.ok()) << app.error().ToString();
  a.application = app.ok() ? app->name() : "";
  EXPECT_TRUE(a.client->applications().Submit(a.application).ok());
  EXPECT_TRUE(officer().applications().Accept(a.application).ok());
  return a;
}

std::string ServerFixture::Register(const Applicant& a) {
  EXPECT_TRUE(officer().applications().Approve(a.application).ok());
  v1::SignAgreementRequest sign;
  sign.set_name(a.application);
  sign.set_agreement_number("C-" + a.application);
  sign.mutable_agreement_date()->set_year(2026);
  sign.mutable_agreement_date()->set_month(11);
  sign.mutable_agreement_date()->set_day(20);
  auto* c = sign.add_commitments();
  c->mutable_due_date()->set_year(2030);
  c->mutable_due_date()->set_month(12);
  c->mutable_due_date()->set_day(31);
  c->set_investment_kopecks(150'000'000'00);
  c->set_jobs(100);
  auto signed_app = officer().applications().SignAgreement(sign);
  EXPECT_TRUE(signed_app.ok()) << signed_app.error().ToString();
  return signed_app.ok() ? signed_app->resident() : "";
}

std::string ServerFixture::CreatePlot(const std::string& cadastral, std::int64_t area_m2, std::int64_t power_kw) {
  v1::Plot plot;
  plot.set_cadastral_number(cadastral);
  plot.set_site("Site 1");
  plot.set_area_m2(area_m2);
  plot.set_permitted_use(v1::PERMITTED_USE_PRODUCTION);
  plot.mutable_capacity()->set_power_kw(power_kw);
  auto created = officer().land().CreatePlot(plot);
  EXPECT_TRUE(created.ok()) << created.error().ToString();
  return created.ok() ? created->name() : "";
}

std::string ServerFixture::CreateMeasure(std::int64_t budget, std::int64_t cap, bool require_active) {
  v1::SupportMeasure m;
  m.set_kind(v1::SupportMeasure::KIND_SUBSIDY);
  m.set_title("Subsidy for GMP equipment");
  m.set_legal_basis("Kirov region decree No. 1-P");
  *m.mutable_open_from() = D(2026, 1, 1);
  m.set_total_budget_kopecks(budget);
  m.set_cap_per_resident_kopecks(cap);
  m.mutable_eligibility()->set_require_active_status(require_active);
  auto created = officer().support().CreateMeasure(m);
  EXPECT_TRUE(created.ok()) << created.error().ToString();
  return created.ok() ? created->name() : "";
}

std::string ServerFixture::RequestUnderReview(client::Client& resident, const std::string& measure,
                                              std::int64_t amount) {
  v1::SupportRequest r;
  r.set_measure(measure);
  r.set_requested_kopecks(amount);
  r.set_purpose("Cleanroom equipment");
  auto created = resident.support().CreateRequest(r);
  EXPECT_TRUE(created.ok()) << created.error().ToString();
  if (!created.ok()) return "";
  auto submitted = resident.support().Submit(created->name());
  EXPECT_TRUE(submitted.ok()) << submitted.error().ToString();
  EXPECT_TRUE(officer().support().Accept(created->name()).ok());
  return created->name();
}

int ServerFixture::AuditCount() {
  auto all = auditor().audit().List(client::ListOptions().PageSize(500)).All();
  EXPECT_TRUE(all.ok());
  return all.ok() ? static_cast<int>(all->size()) : -1;
}

// The health service's answer for the whole server: "SERVING",
// "NOT_SERVING" or what went wrong.
std::string HealthOf(const std::string& address) {
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response, [&](grpc::Status s) {
    std::lock_guard<std::mutex> lock(mu);
    status = s;
    done = true;
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  if (!status.ok()) return "error: " + status.error_message();
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return "error: unreadable";
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  if (bytes == std::string("\x08\x01", 2)) return "SERVING";
  if (bytes == std::string("\x08\x02", 2)) return "NOT_SERVING";
  return "unknown";
}

}  // namespace biopolis::testing
