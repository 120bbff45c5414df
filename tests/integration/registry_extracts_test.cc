// Signed registry extracts, the zone's keys and the public registry, through
// the real server and SDK: issuing, offline verification of the file and the
// PDF (and of tampered copies), the PDF's text, key rotation and revocation,
// who may ask, and what the public registry must not reveal.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "biopolis/v1/organization.grpc.pb.h"
#include "biopolis/v1/public_registry.grpc.pb.h"
#include "server_fixture.h"

namespace biopolis::testing {
namespace {

using std::chrono::microseconds;
using std::chrono::system_clock;

class RegistryExtractsTest : public ServerFixture {
 protected:
  client::PublishedKeys Keys() {
    auto keys = officer().public_registry().SigningKeys();
    EXPECT_TRUE(keys.ok());
    auto parsed = client::ParsePublishedKeys(keys.ok() ? keys->keys_file() : "");
    EXPECT_TRUE(parsed.has_value());
    return parsed.value_or(client::PublishedKeys());
  }
  // The text pdftotext reads from `pdf`.
  std::string PdfText(const std::string& pdf) {
    const std::string path = db_.path() + ".extract.pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    std::string text;
    if (FILE* p = popen(("pdftotext -enc UTF-8 " + path + " - 2>&1").c_str(), "r")) {
      char buf[4096];
      std::size_t n = 0;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
      pclose(p);
    }
    return text;
  }
  static system_clock::time_point At(TimeMicros t) { return system_clock::time_point(microseconds(t)); }
};

TEST_F(RegistryExtractsTest, IssuedExtractsVerifyOfflineAndTamperingFails) {
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  const TimeMicros before = clock_.Now();
  clock_.Advance(1000);
  const std::string resident = Register(a);
  ASSERT_FALSE(resident.empty());
  clock_.Advance(1000);

  auto extract = officer().extracts().Issue(resident);
  ASSERT_TRUE(extract.ok()) << extract.error().ToString();
  EXPECT_EQ(extract->number(), "43-EXT-2026-000001");
  EXPECT_EQ(extract->key_id(), "k1");
  const auto keys = Keys();
  auto v = client::VerifyExtract(extract->document(), keys);
  ASSERT_TRUE(v.valid) << v.problem;
  EXPECT_EQ(v.number, "43-EXT-2026-000001");
  EXPECT_EQ(v.subject, resident);
  EXPECT_EQ(v.inn, "4345042753");
  EXPECT_EQ(v.registry_number, "43-2026-0001");
  EXPECT_EQ(v.state, "STATE_ACTIVE");
  EXPECT_NE(v.content.find("\"investment_kopecks\":\"15000000000\""), std::string::npos) << v.content;

  // A one-byte change anywhere in the file fails.
  const std::string doc = extract->document();
  for (std::size_t at : {std::size_t{0}, std::size_t{15}, doc.find("4345042753"), doc.find("k1"), doc.size() - 5}) {
    std::string tampered = doc;
    tampered[at] = static_cast<char>(tampered[at] ^ 1);
    EXPECT_FALSE(client::VerifyExtract(tampered, keys).valid) << "byte " << at;
  }
  // Not in canonical form (re-indented): refused, even though the JSON means the same.
  EXPECT_FALSE(client::VerifyExtract(" " + doc, keys).valid);

  // The PDF: its text, its signature over every byte, the extract it carries.
  auto with_pdf = auditor().extracts().Get(extract->name(), /*include_pdf=*/true);
  ASSERT_TRUE(with_pdf.ok()) << with_pdf.error().ToString();
  const std::string pdf = with_pdf->pdf();
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  auto pv = client::VerifyExtract(pdf, keys);
  ASSERT_TRUE(pv.valid) << pv.problem;
  EXPECT_TRUE(pv.pdf);
  EXPECT_EQ(pv.number, "43-EXT-2026-000001");
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("ВЫПИСКА ИЗ РЕЕСТРА РЕЗИДЕНТОВ"), std::string::npos) << text;
  EXPECT_NE(text.find("43-EXT-2026-000001"), std::string::npos);
  EXPECT_NE(text.find("43-2026-0001"), std::string::npos);
  EXPECT_NE(text.find("действующий резидент"), std::string::npos);
  EXPECT_NE(text.find("Company 4345042753"), std::string::npos);
  EXPECT_NE(text.find("150 000 000,00 руб."), std::string::npos) << text;
  for (std::size_t at : {std::size_t{100}, pdf.size() / 2, pdf.size() - 10}) {
    std::string tampered = pdf;
    tampered[at] = static_cast<char>(tampered[at] ^ 1);
    EXPECT_FALSE(client::VerifyExtract(tampered, keys).valid) << "byte " << at;
  }

  // As of a time before the registration: the organization, no registry entry.
  auto earlier = officer().extracts().Issue(a.organization, At(before));
  ASSERT_TRUE(earlier.ok()) << earlier.error().ToString();
  EXPECT_EQ(earlier->number(), "43-EXT-2026-000002");
  auto ev = client::VerifyExtract(earlier->document(), keys);
  ASSERT_TRUE(ev.valid) << ev.problem;
  EXPECT_TRUE(ev.registry_number.empty());
  EXPECT_NE(ev.content.find("\"registry_entry\":null"), std::string::npos);

  // Recorded: the audit log and the listing.
  auto trail = auditor().audit().List(client::ListOptions().Filter("action = \"IssueRegistryExtract\"")).All();
  ASSERT_TRUE(trail.ok());
  EXPECT_EQ(trail->size(), 2u);
  auto listed = a.client->extracts().List().All();
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  EXPECT_EQ(listed->size(), 2u);
}

TEST_F(RegistryExtractsTest, RotatedAndRevokedKeys) {
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  const std::string resident = Register(a);
  auto old = officer().extracts().Issue(resident);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->key_id(), "k1");

  // Only administrators rotate; the new key signs from then on.
  EXPECT_EQ(officer().signing_keys().Rotate().code(), client::StatusCode::PERMISSION_DENIED);
  auto rotated = admin().signing_keys().Rotate();
  ASSERT_TRUE(rotated.ok()) << rotated.error().ToString();
  EXPECT_EQ(rotated->key_id(), "k2");
  EXPECT_TRUE(rotated->active());
  clock_.Advance(1000);
  auto fresh = officer().extracts().Issue(resident);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->key_id(), "k2");
  // The extract signed with the older key still verifies with the published keys.
  EXPECT_TRUE(client::VerifyExtract(old->document(), Keys()).valid);
  EXPECT_TRUE(client::VerifyExtract(fresh->document(), Keys()).valid);

  // The active key cannot be revoked; an unknown one is NOT_FOUND.
  auto active = admin().signing_keys().Revoke("k2");
  EXPECT_EQ(active.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(active.error().reason(), "ACTIVE_SIGNING_KEY");
  EXPECT_EQ(admin().signing_keys().Revoke("k9").code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(admin().signing_keys().Revoke("").code(), client::StatusCode::INVALID_ARGUMENT);
  clock_.Advance(1000);
  auto revoked = admin().signing_keys().Revoke("k1");
  ASSERT_TRUE(revoked.ok()) << revoked.error().ToString();
  EXPECT_TRUE(revoked->has_revoke_time());
  EXPECT_EQ(admin().signing_keys().Revoke("k1").error().reason(), "ALREADY_REVOKED");

  // Listed as revoked; what k1 signed before its revocation still verifies.
  auto keys = officer().public_registry().SigningKeys();
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->signing_keys_size(), 2);
  EXPECT_TRUE(keys->signing_keys(0).has_revoke_time());
  EXPECT_FALSE(keys->signing_keys(0).active());
  auto v = client::VerifyExtract(old->document(), Keys());
  EXPECT_TRUE(v.valid) << v.problem;
  EXPECT_FALSE(v.key_revoke_time.empty());
  // A document claiming k1 signed it after the revocation would not verify:
  // the same content under a later revocation time.
  auto published = Keys();
  published["k1"].revoke_time = "2000-01-01T00:00:00Z";
  EXPECT_FALSE(client::VerifyExtract(old->document(), published).valid);
  // The old extract's PDF is signed now by the active key.
  auto pdf = officer().extracts().Get(old->name(), true);
  ASSERT_TRUE(pdf.ok());
  EXPECT_TRUE(client::VerifyExtract(pdf->pdf(), Keys()).valid);
  // Audit checkpoints are signed by the new key as well.
  auto checkpoints = auditor().audit().ListCheckpointsPage();
  ASSERT_TRUE(checkpoints.ok());
  EXPECT_EQ(checkpoints->signing_keys_size(), 2);
}

TEST_F(RegistryExtractsTest, WhoMayAskAndBadRequests) {
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  const std::string resident = Register(a);
  auto other = ResidentClient(CreateOrganization("7707083893", "1027700132195"));
  // A resident for itself, not for another.
  EXPECT_TRUE(a.client->extracts().Issue(resident).ok());
  EXPECT_EQ(other->extracts().Issue(resident).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(other->extracts().Issue(a.organization).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(other->extracts().Get("registryExtracts/1").code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(auditor().extracts().Issue(resident).code(), client::StatusCode::PERMISSION_DENIED);
  // Bad subjects and times, and nothing recorded for them.
  const int audit_before = AuditCount();
  EXPECT_EQ(officer().extracts().Issue("").code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(officer().extracts().Issue("plots/1").code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(officer().extracts().Issue("residents/99").code(), client::StatusCode::NOT_FOUND);
  auto future = officer().extracts().Issue(resident, At(clock_.Now() + 1'000'000));
  EXPECT_EQ(future.code(), client::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(future.error().reason(), "DATE_IN_FUTURE");
  EXPECT_EQ(officer().extracts().Issue(resident, At(0)).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(AuditCount(), audit_before);
  // The same request id twice: one extract.
  auto first = officer().extracts().Issue(resident, std::nullopt, "3f0b5f3e-5c7e-4a52-9d53-3c1c9b8a0001");
  auto again = officer().extracts().Issue(resident, std::nullopt, "3f0b5f3e-5c7e-4a52-9d53-3c1c9b8a0001");
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->number(), again->number());
}

class PublicRegistryTest : public RegistryExtractsTest {
 protected:
  void Configure(ServerOptions& options) override {
    RegistryExtractsTest::Configure(options);
    // The ManualClock never refills a bucket: each principal (a key, or a
    // peer address for calls without one) has exactly the burst.
    options.rate_limit_per_second = 1;
    options.rate_limit_burst = 40;
  }
};

TEST_F(PublicRegistryTest, AnswersWithoutAKeyOnlyThePublicFactsRateLimitedPerPeer) {
  Applicant a = ApplicantUnderReview("4345042753", "1024317979080");
  // Contacts and commitments exist, and must never reach a public answer.
  auto org = a.client->organizations().Get(a.organization);
  ASSERT_TRUE(org.ok());
  v1::Organization contacts = *org;
  contacts.set_contact_email("secret.person@example.ru");
  contacts.set_contact_phone("+78332000000");
  contacts.set_contact_person("Тайный Контакт");
  ASSERT_TRUE(a.client->organizations().Update(contacts, {"contact_email", "contact_phone", "contact_person"}).ok());
  const std::string resident = Register(a);
  ASSERT_FALSE(resident.empty());

  // No key at all: a raw stub, as any integrator's client would call.
  auto stub = v1::PublicRegistryService::NewStub(grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
  auto search = [&](const std::string& name, const std::string& inn, v1::ListPublicResidentsResponse* out) {
    v1::ListPublicResidentsRequest req;
    req.set_name_contains(name);
    req.set_inn(inn);
    grpc::ClientContext ctx;
    return stub->ListPublicResidents(&ctx, req, out);
  };
  v1::ListPublicResidentsResponse found;
  grpc::Status st = search("COMPANY 4345042753", "", &found);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(found.residents_size(), 1);
  const v1::PublicResident& r = found.residents(0);
  EXPECT_EQ(r.registry_number(), "43-2026-0001");
  EXPECT_EQ(r.inn(), "4345042753");
  EXPECT_EQ(r.ogrn(), "1024317979080");
  EXPECT_EQ(r.state(), v1::Resident::STATE_ACTIVE);
  EXPECT_TRUE(r.has_inclusion_date());
  EXPECT_FALSE(r.has_exclusion_date());
  EXPECT_FALSE(r.okved_codes().empty());
  // Nothing else: no contact, agreement or commitment anywhere in the bytes.
  const std::string bytes = found.SerializeAsString();
  for (const char* secret : {"secret.person", "+78332000000", "Тайный", "C-applications", "15000000000"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
  // The message itself holds only public fields.
  std::set<std::string> fields;
  for (int i = 0; i < v1::PublicResident::descriptor()->field_count(); ++i) {
    fields.insert(v1::PublicResident::descriptor()->field(i)->name());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"registry_number", "full_name", "short_name", "inn", "ogrn", "state",
                                           "inclusion_date", "exclusion_date", "okved_codes", "sites"}));
  // By INN; by a name that is not there; bad inputs.
  v1::ListPublicResidentsResponse by_inn;
  ASSERT_TRUE(search("", "4345042753", &by_inn).ok());
  EXPECT_EQ(by_inn.residents_size(), 1);
  v1::ListPublicResidentsResponse none;
  ASSERT_TRUE(search("Нет такой", "", &none).ok());
  EXPECT_EQ(none.residents_size(), 0);
  EXPECT_EQ(search("", "43450x2753", &none).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(search(std::string(201, 'a'), "", &none).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // Cyrillic names fold case: a company renamed in Cyrillic is found in lower case.
  v1::Organization renamed = *a.client->organizations().Get(a.organization);
  renamed.set_full_name("АО «ВЯТСКАЯ БИОФАРМА»");
  ASSERT_TRUE(officer().organizations().Update(renamed, {"full_name"}).ok());
  v1::ListPublicResidentsResponse cyrillic;
  ASSERT_TRUE(search("вятская биофарма", "", &cyrillic).ok());
  EXPECT_EQ(cyrillic.residents_size(), 1);

  // The keys, without a key; a wrong key is refused, not taken for none.
  grpc::ClientContext keys_ctx;
  v1::GetSigningKeysResponse keys;
  ASSERT_TRUE(stub->GetSigningKeys(&keys_ctx, v1::GetSigningKeysRequest(), &keys).ok());
  EXPECT_EQ(keys.signing_keys_size(), 1);
  grpc::ClientContext bad_ctx;
  bad_ctx.AddMetadata("authorization", "Bearer bpk_not_a_key");
  EXPECT_EQ(stub->GetSigningKeys(&bad_ctx, v1::GetSigningKeysRequest(), &keys).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The export, and other services, still want a key.
  grpc::ClientContext export_ctx;
  auto export_stream = stub->ExportPublicRegistry(&export_ctx, v1::ExportPublicRegistryRequest());
  v1::ExportPublicRegistryResponse piece;
  while (export_stream->Read(&piece)) {
  }
  EXPECT_EQ(export_stream->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  auto orgs = v1::OrganizationService::NewStub(grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext org_ctx;
  v1::Organization out;
  v1::GetOrganizationRequest get;
  get.set_name(a.organization);
  EXPECT_EQ(orgs->GetOrganization(&org_ctx, get, &out).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // The open-data export verifies; a changed file does not.
  auto exported = officer().public_registry().Export();
  ASSERT_TRUE(exported.ok()) << exported.error().ToString();
  EXPECT_NE(exported->csv.find("43-2026-0001,"), std::string::npos) << exported->csv;
  EXPECT_EQ(exported->csv.find("secret.person"), std::string::npos);
  auto published = Keys();
  EXPECT_EQ(client::VerifyOpenData(exported->signed_manifest,
                                   {{"public-registry.csv", exported->csv}, {"public-registry.json", exported->json}},
                                   published),
            "");
  std::string changed = exported->csv;
  changed.back() = ' ';
  EXPECT_NE(
      client::VerifyOpenData(exported->signed_manifest,
                             {{"public-registry.csv", changed}, {"public-registry.json", exported->json}}, published),
      "");

  // Calls without a key share one bucket per peer address.
  int limited = 0;
  for (int i = 0; i < 60; ++i) {
    v1::ListPublicResidentsResponse page;
    if (search("", "", &page).error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++limited;
  }
  EXPECT_GT(limited, 0);
  EXPECT_LT(limited, 60);
}

}  // namespace
}  // namespace biopolis::testing
