// Documents through the SDK and raw streams against the real server: upload,
// download, versions, isolation, deletion rules, required kinds, idempotent
// retries, deduplication, and every bad upload storing nothing.
#include "biopolis/documents.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "biopolis/v1/method_paths.h"
#include "core/crypto.h"
#include "server_fixture.h"

namespace biopolis::testing {
namespace {

namespace methods = ::biopolis::v1::methods;

// A small valid PDF of about `size` bytes (libmagic needs only the header).
std::string Pdf(std::size_t size, char fill = 'x') {
  std::string out = "%PDF-1.4\n% biopolis test\n";
  out.append(size > out.size() + 6 ? size - out.size() - 6 : 0, fill);
  out += "\n%%EOF";
  return out;
}

class DocumentsTest : public ServerFixture {
 protected:
  void Configure(ServerOptions& options) override {
    ServerFixture::Configure(options);
    options.max_document_mib = 3;
    options.document_quota_mib = 8;
  }

  void SetUp() override {
    ServerFixture::SetUp();
    org_ = CreateOrganization("4345042753", "1024317979080");
    key_ = ResidentKey(org_);
    company_ = ClientWithKey(key_);
    auto created = company_->applications().Create(EligibleDraft());
    ASSERT_TRUE(created.ok()) << created.error().ToString();
    app_ = created->name();
  }

  // Sends `messages` as one UploadDocument call with `key`, as any client could.
  struct RawOutcome {
    std::optional<client::Error> error;
    v1::Document document;
  };
  RawOutcome SendRaw(const std::vector<v1::UploadDocumentRequest>& messages, const std::string& key = "") {
    auto connection = client::MakeGrpcConnection({.target = address()});
    client::CallContext context;
    context.deadline = std::chrono::system_clock::now() + std::chrono::seconds(30);
    context.metadata = {{"authorization", "Bearer " + (key.empty() ? key_ : key)}};
    RawOutcome out;
    auto stream = connection->OpenClientStream(methods::kUploadDocument, &out.document, context);
    for (const auto& m : messages) {
      if (!stream->Write(m)) break;
    }
    out.error = stream->Finish();
    return out;
  }
  static v1::UploadDocumentRequest Meta(const std::string& parent, v1::Document::Kind kind,
                                        const std::string& file_name, const std::string& sha256 = "",
                                        const std::string& request_id = "") {
    v1::UploadDocumentRequest m;
    m.mutable_metadata()->set_parent(parent);
    m.mutable_metadata()->set_kind(kind);
    m.mutable_metadata()->set_file_name(file_name);
    m.mutable_metadata()->set_expected_sha256(sha256);
    m.mutable_metadata()->set_request_id(request_id);
    return m;
  }
  static v1::UploadDocumentRequest Chunk(const std::string& bytes) {
    v1::UploadDocumentRequest m;
    m.set_chunk(bytes);
    return m;
  }
  // Uploads `bytes` through the SDK from a stream.
  client::Result<v1::Document> Upload(const std::string& bytes, v1::Document::Kind kind = v1::Document::KIND_OTHER,
                                      const std::string& file_name = "file.pdf", const std::string& parent = "") {
    std::istringstream in(bytes);
    return company_->documents().Upload(parent.empty() ? app_ : parent, kind, in, file_name);
  }

  // Rows in a table of the database, read from outside the server.
  int Rows(const std::string& table, const std::string& where = "1 = 1") {
    return static_cast<int>(database_.QueryInt("SELECT count(*) FROM " + table + " WHERE " + where));
  }
  // Staging blobs disappear right after a refused or abandoned upload (the
  // discard is queued behind the reply): waits up to 5 s for none to remain.
  bool NoStagingLeft() {
    for (int i = 0; i < 100; ++i) {
      if (Rows("blobs", "sealed = 0") == 0 && Rows("blob_chunks", "blob_id NOT IN (SELECT id FROM blobs)") == 0) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  std::string org_;
  std::string key_;
  std::unique_ptr<client::Client> company_;
  std::string app_;
};

TEST_F(DocumentsTest, UploadDownloadRoundTripKeepsBytesNameAndHash) {
  const std::string bytes = Pdf(2'500'000);  // three messages of 1 MiB at most
  const std::filesystem::path file = std::filesystem::temp_directory_path() / ("bp-doc-" + NewUuid() + ".pdf");
  std::ofstream(file, std::ios::binary) << bytes;
  std::vector<std::int64_t> seen;
  auto doc = company_->documents().Upload(
      app_, v1::Document::KIND_BUSINESS_PLAN, file, [&](std::int64_t done, std::int64_t) { seen.push_back(done); },
      "Бизнес-план «ВБФК» 2026.pdf");
  std::filesystem::remove(file);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_EQ(doc->parent(), app_);
  EXPECT_EQ(doc->name().rfind(app_ + "/documents/", 0), 0u) << doc->name();
  EXPECT_EQ(doc->kind(), v1::Document::KIND_BUSINESS_PLAN);
  EXPECT_EQ(doc->file_name(), "Бизнес-план «ВБФК» 2026.pdf");
  EXPECT_EQ(doc->version(), 1);
  EXPECT_EQ(doc->size_bytes(), static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(doc->sha256(), Sha256Hex(bytes));
  EXPECT_EQ(doc->content_type(), "application/pdf");
  EXPECT_EQ(doc->organization(), org_);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.back(), static_cast<std::int64_t>(bytes.size()));

  // Officers and auditors read and download it; the bytes and name come back.
  for (client::Client* reader : {&officer(), &auditor(), company_.get()}) {
    std::ostringstream out;
    auto version = reader->documents().Download(doc->name(), out);
    ASSERT_TRUE(version.ok()) << version.error().ToString();
    EXPECT_EQ(out.str(), bytes);
    EXPECT_EQ(version->file_name(), "Бизнес-план «ВБФК» 2026.pdf");
    EXPECT_EQ(version->sha256(), doc->sha256());
    auto listed = reader->documents().List(app_).All();
    ASSERT_TRUE(listed.ok()) << listed.error().ToString();
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().name(), doc->name());
  }
  // The hash is in the audit record, under the hash chain.
  bool audited = false;
  for (const auto& record : auditor().audit().List()) {
    ASSERT_TRUE(record.ok());
    if (record->resource() == doc->name()) audited = record->summary().find(doc->sha256()) != std::string::npos;
  }
  EXPECT_TRUE(audited);
  // Stored in rows of 256 KiB, not whole.
  EXPECT_EQ(Rows("blob_chunks"), static_cast<int>((bytes.size() + (256 << 10) - 1) / (256 << 10)));
}

TEST_F(DocumentsTest, AnotherOrganizationSeesNothingAndCannotUpload) {
  auto doc = Upload(Pdf(1000), v1::Document::KIND_BUSINESS_PLAN);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  auto other = ResidentClient(CreateOrganization("7707083893", "1027700132195"));
  EXPECT_EQ(other->documents().Get(doc->name()).code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(other->documents().List(app_).All().code(), client::StatusCode::NOT_FOUND);
  std::ostringstream out;
  EXPECT_EQ(other->documents().Download(doc->name(), out).code(), client::StatusCode::NOT_FOUND);
  EXPECT_TRUE(out.str().empty());
  std::istringstream in(Pdf(1000));
  EXPECT_EQ(other->documents().Upload(app_, v1::Document::KIND_OTHER, in, "x.pdf").code(),
            client::StatusCode::NOT_FOUND);
  EXPECT_EQ(other->documents().Delete(doc->name()).code(), client::StatusCode::NOT_FOUND);
  // Officers read but do not upload on a company's behalf.
  std::istringstream in2(Pdf(1000));
  EXPECT_EQ(officer().documents().Upload(app_, v1::Document::KIND_OTHER, in2, "x.pdf").code(),
            client::StatusCode::PERMISSION_DENIED);
  // A document named under another parent than its own is not found.
  EXPECT_EQ(officer().documents().Get("applications/999/documents/1").code(), client::StatusCode::NOT_FOUND);
  EXPECT_EQ(Rows("documents"), 1);
}

TEST_F(DocumentsTest, ACorrectionIsANewVersionAndOldVersionsStayReadable) {
  const std::string first = Pdf(5000, 'a');
  const std::string second = Pdf(7000, 'b');
  auto doc = Upload(first, v1::Document::KIND_FINANCIAL_STATEMENTS, "statements.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  const std::filesystem::path file = std::filesystem::temp_directory_path() / ("bp-doc-" + NewUuid() + ".pdf");
  std::ofstream(file, std::ios::binary) << second;
  auto v2 = company_->documents().UploadVersion(doc->name(), file, {}, "statements-corrected.pdf");
  std::filesystem::remove(file);
  ASSERT_TRUE(v2.ok()) << v2.error().ToString();
  EXPECT_EQ(v2->name(), doc->name());
  EXPECT_EQ(v2->version(), 2);
  EXPECT_EQ(v2->kind(), v1::Document::KIND_FINANCIAL_STATEMENTS);
  EXPECT_EQ(v2->sha256(), Sha256Hex(second));

  auto versions = officer().documents().ListVersions(doc->name()).All();
  ASSERT_TRUE(versions.ok()) << versions.error().ToString();
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].sha256(), Sha256Hex(first));
  EXPECT_EQ((*versions)[0].file_name(), "statements.pdf");
  EXPECT_EQ((*versions)[1].sha256(), Sha256Hex(second));
  std::ostringstream old;
  ASSERT_TRUE(officer().documents().Download(doc->name() + "/versions/1", old).ok());
  EXPECT_EQ(old.str(), first);
  std::ostringstream now;
  ASSERT_TRUE(officer().documents().Download(doc->name(), now).ok());
  EXPECT_EQ(now.str(), second);
  std::ostringstream none;
  EXPECT_EQ(officer().documents().Download(doc->name() + "/versions/3", none).code(), client::StatusCode::NOT_FOUND);

  // A version cannot change the kind.
  auto meta = Meta("", v1::Document::KIND_INVOICE, "x.pdf");
  meta.mutable_metadata()->clear_parent();
  meta.mutable_metadata()->set_document(doc->name());
  auto refused = SendRaw({meta, Chunk(Pdf(100))});
  ASSERT_TRUE(refused.error);
  EXPECT_EQ(refused.error->reason(), "DOCUMENT_KIND_MISMATCH");
}

TEST_F(DocumentsTest, BadUploadsGetPreciseErrorsAndStoreNothing) {
  const std::string pdf = Pdf(2000);
  struct Case {
    const char* what;
    std::vector<v1::UploadDocumentRequest> messages;
    client::StatusCode code;
    const char* reason;
  };
  v1::UploadDocumentRequest both = Meta(app_, v1::Document::KIND_OTHER, "a.pdf");
  both.mutable_metadata()->set_document(app_ + "/documents/1");
  const std::vector<Case> cases = {
      {"no metadata first", {Chunk(pdf)}, client::StatusCode::INVALID_ARGUMENT, "METADATA_REQUIRED"},
      {"nothing at all", {}, client::StatusCode::INVALID_ARGUMENT, "METADATA_REQUIRED"},
      {"metadata twice",
       {Meta(app_, v1::Document::KIND_OTHER, "a.pdf"), Chunk(pdf), Meta(app_, v1::Document::KIND_OTHER, "a.pdf")},
       client::StatusCode::INVALID_ARGUMENT,
       "METADATA_REPEATED"},
      {"chunk over 1 MiB",
       {Meta(app_, v1::Document::KIND_OTHER, "a.pdf"), Chunk(Pdf((1 << 20) + 1))},
       client::StatusCode::INVALID_ARGUMENT,
       "CHUNK_TOO_LARGE"},
      {"unknown parent",
       {Meta("applications/9999", v1::Document::KIND_OTHER, "a.pdf"), Chunk(pdf)},
       client::StatusCode::NOT_FOUND,
       ""},
      {"malformed parent",
       {Meta("plots/1", v1::Document::KIND_OTHER, "a.pdf"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "INVALID_RESOURCE_NAME"},
      {"parent and document", {both, Chunk(pdf)}, client::StatusCode::INVALID_ARGUMENT, "CONFLICTING_FIELDS"},
      {"no kind",
       {Meta(app_, v1::Document::KIND_UNSPECIFIED, "a.pdf"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "FIELD_REQUIRED"},
      {"unknown kind",
       {Meta(app_, static_cast<v1::Document::Kind>(99), "a.pdf"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "INVALID_ENUM_VALUE"},
      {"path in the name",
       {Meta(app_, v1::Document::KIND_OTHER, "../etc/passwd.pdf"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "INVALID_FILE_NAME"},
      {"control character in the name",
       {Meta(app_, v1::Document::KIND_OTHER, "a\nb.pdf"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "INVALID_FILE_NAME"},
      // Protobuf refuses to parse a string that is not UTF-8: the metadata never arrives.
      {"invalid UTF-8 in the name",
       {Meta(app_, v1::Document::KIND_OTHER, "a\xC3.pdf"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "METADATA_REQUIRED"},
      {"name over 255 bytes",
       {Meta(app_, v1::Document::KIND_OTHER, std::string(252, 'n') + ".pdf"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "FIELD_TOO_LONG"},
      {"no file name",
       {Meta(app_, v1::Document::KIND_OTHER, ""), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "FIELD_REQUIRED"},
      {"malformed hash",
       {Meta(app_, v1::Document::KIND_OTHER, "a.pdf", "abc"), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "INVALID_SHA256"},
      {"hash mismatch",
       {Meta(app_, v1::Document::KIND_OTHER, "a.pdf", Sha256Hex("something else")), Chunk(pdf)},
       client::StatusCode::INVALID_ARGUMENT,
       "SHA256_MISMATCH"},
      {"empty file",
       {Meta(app_, v1::Document::KIND_OTHER, "a.pdf")},
       client::StatusCode::INVALID_ARGUMENT,
       "EMPTY_DOCUMENT"},
      {"plain text named .pdf",
       {Meta(app_, v1::Document::KIND_OTHER, "a.pdf"), Chunk(std::string(3000, 't'))},
       client::StatusCode::INVALID_ARGUMENT,
       "CONTENT_TYPE_NOT_ALLOWED"},
      {"an executable",
       {Meta(app_, v1::Document::KIND_OTHER, "a.sig"), Chunk(std::string("MZ\x90\0", 4) + std::string(500, '\0'))},
       client::StatusCode::INVALID_ARGUMENT,
       "CONTENT_TYPE_NOT_ALLOWED"},
      {"over the size limit (3 MiB here)",
       {Meta(app_, v1::Document::KIND_OTHER, "a.pdf"), Chunk(Pdf(1 << 20)), Chunk(std::string(1 << 20, 'x')),
        Chunk(std::string(1 << 20, 'x')), Chunk(std::string(1000, 'x'))},
       client::StatusCode::INVALID_ARGUMENT,
       "DOCUMENT_TOO_LARGE"},
  };
  const int audit_before = AuditCount();
  for (const auto& c : cases) {
    auto outcome = SendRaw(c.messages);
    ASSERT_TRUE(outcome.error) << c.what;
    EXPECT_EQ(outcome.error->code(), c.code) << c.what << ": " << outcome.error->ToString();
    if (*c.reason != '\0') {
      EXPECT_EQ(outcome.error->reason(), c.reason) << c.what << ": " << outcome.error->ToString();
    }
  }
  EXPECT_TRUE(NoStagingLeft());
  EXPECT_EQ(Rows("documents"), 0);
  EXPECT_EQ(Rows("blobs"), 0);
  EXPECT_EQ(AuditCount(), audit_before);
}

TEST_F(DocumentsTest, AnAbandonedUploadLeavesNoBytes) {
  auto connection = client::MakeGrpcConnection({.target = address()});
  client::CallContext context;
  context.metadata = {{"authorization", "Bearer " + key_}};
  v1::Document response;
  {
    auto stream = connection->OpenClientStream(methods::kUploadDocument, &response, context);
    ASSERT_TRUE(stream->Write(Meta(app_, v1::Document::KIND_OTHER, "a.pdf")));
    ASSERT_TRUE(stream->Write(Chunk(Pdf(1 << 20))));
    ASSERT_TRUE(stream->Write(Chunk(std::string(1 << 20, 'y'))));
    // Wait until the first chunk row is on disk, then walk away mid-file.
    for (int i = 0; i < 100 && Rows("blob_chunks") == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_GT(Rows("blobs", "sealed = 0"), 0);
  }  // destroyed without Finish: the call is cancelled
  EXPECT_TRUE(NoStagingLeft());
  EXPECT_EQ(Rows("blob_chunks"), 0);
  EXPECT_EQ(Rows("documents"), 0);
}

TEST_F(DocumentsTest, ARetriedUploadIsStoredOnce) {
  const std::string pdf = Pdf(300'000);
  const std::string id = NewUuid();
  // With the hash declared, the retry is answered from the first result at once.
  auto first = SendRaw({Meta(app_, v1::Document::KIND_INVOICE, "inv.pdf", Sha256Hex(pdf), id), Chunk(pdf)});
  ASSERT_FALSE(first.error) << first.error->ToString();
  auto again = SendRaw({Meta(app_, v1::Document::KIND_INVOICE, "inv.pdf", Sha256Hex(pdf), id), Chunk(pdf)});
  ASSERT_FALSE(again.error) << again.error->ToString();
  EXPECT_EQ(again.document.name(), first.document.name());
  // Without the hash, the bytes come again and the same answer is returned.
  const std::string id2 = NewUuid();
  auto third = SendRaw({Meta(app_, v1::Document::KIND_OTHER, "b.pdf", "", id2), Chunk(Pdf(5000, 'q'))});
  ASSERT_FALSE(third.error) << third.error->ToString();
  auto fourth = SendRaw({Meta(app_, v1::Document::KIND_OTHER, "b.pdf", "", id2), Chunk(Pdf(5000, 'q'))});
  ASSERT_FALSE(fourth.error) << fourth.error->ToString();
  EXPECT_EQ(fourth.document.name(), third.document.name());
  // The same id for other bytes is refused.
  auto reused = SendRaw({Meta(app_, v1::Document::KIND_OTHER, "b.pdf", "", id2), Chunk(Pdf(5000, 'r'))});
  ASSERT_TRUE(reused.error);
  EXPECT_EQ(reused.error->reason(), "REQUEST_ID_REUSED");
  EXPECT_TRUE(NoStagingLeft());
  EXPECT_EQ(Rows("documents"), 2);
  EXPECT_EQ(Rows("blobs"), 2);
}

TEST_F(DocumentsTest, IdenticalContentIsStoredOncePerOrganization) {
  const std::string pdf = Pdf(200'000);
  ASSERT_TRUE(Upload(pdf, v1::Document::KIND_INVOICE, "a.pdf").ok());
  ASSERT_TRUE(Upload(pdf, v1::Document::KIND_COST_ESTIMATE, "b.pdf").ok());
  EXPECT_EQ(Rows("documents"), 2);
  EXPECT_EQ(Rows("blobs"), 1);
  // Deleting one keeps the bytes the other still uses; deleting both frees them.
  auto docs = company_->documents().List(app_).All();
  ASSERT_TRUE(docs.ok());
  ASSERT_TRUE(company_->documents().Delete((*docs)[0].name()).ok());
  EXPECT_EQ(Rows("blobs"), 1);
  std::ostringstream out;
  ASSERT_TRUE(company_->documents().Download((*docs)[1].name(), out).ok());
  EXPECT_EQ(out.str(), pdf);
  ASSERT_TRUE(company_->documents().Delete((*docs)[1].name()).ok());
  EXPECT_EQ(Rows("blobs"), 0);
  EXPECT_EQ(Rows("blob_chunks"), 0);
}

TEST_F(DocumentsTest, TheQuotaIsPerOrganization) {
  // Quota 8 MiB here, documents up to 3 MiB: the third of 3 distinct MiB-sized files passes
  // 6 MiB, the fourth would pass 8.
  for (char fill : {'1', '2'}) ASSERT_TRUE(Upload(Pdf(3 << 20, fill)).ok());
  auto third = Upload(Pdf(3 << 20, '3'));
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.code(), client::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(third.error().reason(), "DOCUMENT_QUOTA_EXCEEDED");
  EXPECT_TRUE(NoStagingLeft());
  // Identical content costs nothing more.
  EXPECT_TRUE(Upload(Pdf(3 << 20, '1')).ok());
  // Another organization has its own quota.
  std::string other_org = CreateOrganization("7707083893", "1027700132195");
  auto other = ResidentClient(other_org);
  auto draft = other->applications().Create(EligibleDraft());
  ASSERT_TRUE(draft.ok());
  std::istringstream in(Pdf(3 << 20, '3'));
  EXPECT_TRUE(other->documents().Upload(draft->name(), v1::Document::KIND_OTHER, in, "x.pdf").ok());
}

TEST_F(DocumentsTest, DeletionOnlyWhileTheParentIsADraft) {
  auto doc = Upload(Pdf(1000), v1::Document::KIND_BUSINESS_PLAN);
  ASSERT_TRUE(doc.ok());
  auto spare = Upload(Pdf(1200), v1::Document::KIND_OTHER, "spare.pdf");
  ASSERT_TRUE(spare.ok());
  auto deleted = company_->documents().Delete(spare->name());
  ASSERT_TRUE(deleted.ok()) << deleted.error().ToString();
  EXPECT_EQ(company_->documents().Get(spare->name()).code(), client::StatusCode::NOT_FOUND);
  ASSERT_TRUE(company_->applications().Submit(app_).ok());
  auto refused = company_->documents().Delete(doc->name());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error().message().find("STATE_SUBMITTED"), std::string::npos) << refused.error().message();
  // A submitted application takes no new documents either.
  auto late = Upload(Pdf(1000), v1::Document::KIND_OTHER);
  EXPECT_EQ(late.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(company_->documents().Get(doc->name()).ok());
  EXPECT_TRUE(NoStagingLeft());
}

TEST_F(DocumentsTest, ADeletedDraftTakesItsDocumentsWithIt) {
  ASSERT_TRUE(Upload(Pdf(1000)).ok());
  ASSERT_TRUE(company_->applications().Delete(app_).ok());
  EXPECT_EQ(Rows("documents"), 0);
  EXPECT_EQ(Rows("document_versions"), 0);
  EXPECT_EQ(Rows("blobs"), 0);
}

TEST_F(DocumentsTest, SubmissionNeedsThePolicysRequiredKinds) {
  auto current = officer().policies().Get("policies/current");
  ASSERT_TRUE(current.ok()) << current.error().ToString();
  v1::ZonePolicy next = *current;
  next.clear_name();
  next.clear_version();
  next.clear_create_time();
  next.mutable_effective_from()->set_year(2026);
  next.mutable_effective_from()->set_month(11);
  next.mutable_effective_from()->set_day(27);
  next.add_required_application_documents(v1::Document::KIND_BUSINESS_PLAN);
  next.add_required_application_documents(v1::Document::KIND_BANK_LETTER);
  auto published = admin().policies().Create(next);
  ASSERT_TRUE(published.ok()) << published.error().ToString();
  ASSERT_EQ(published->required_application_documents_size(), 2);

  auto check = company_->applications().CheckEligibility(app_);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->eligible());
  int missing = 0;
  for (const auto& v : check->violations()) missing += v.reason() == "MISSING_DOCUMENTS";
  EXPECT_EQ(missing, 2);

  auto refused = company_->applications().Submit(app_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), client::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(refused.error().reason(), "MISSING_DOCUMENTS");
  ASSERT_EQ(refused.error().precondition_violations().size(), 2u);
  EXPECT_NE(refused.error().precondition_violations()[1].description.find("KIND_BANK_LETTER"), std::string::npos);

  ASSERT_TRUE(Upload(Pdf(1000), v1::Document::KIND_BUSINESS_PLAN).ok());
  refused = company_->applications().Submit(app_);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().precondition_violations().size(), 1u);
  ASSERT_TRUE(Upload(Pdf(1100), v1::Document::KIND_BANK_LETTER).ok());
  auto submitted = company_->applications().Submit(app_);
  ASSERT_TRUE(submitted.ok()) << submitted.error().ToString();

  // A bad list of kinds is refused field by field.
  v1::ZonePolicy bad = next;
  bad.clear_required_application_documents();
  bad.add_required_application_documents(v1::Document::KIND_INVOICE);
  bad.add_required_application_documents(v1::Document::KIND_INVOICE);
  bad.add_required_application_documents(v1::Document::KIND_UNSPECIFIED);
  auto invalid = admin().policies().Create(bad);
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.error().violation("policy.required_application_documents[1]"), nullptr);
  EXPECT_NE(invalid.error().violation("policy.required_application_documents[2]"), nullptr);
}

TEST_F(DocumentsTest, ServiceRequestsTakeEvidenceAndSupportRequestsNeedTheMeasuresKinds) {
  // A certification request carries the product's dossier; while an officer works on it, evidence is
  // added but not withdrawn.
  v1::ServiceType type;
  type.set_title("GMP certification support");
  type.set_category(v1::SERVICE_CATEGORY_CERTIFICATION);
  type.set_responsible_unit("Ministry, industry department");
  type.set_sla_working_days(5);
  auto created_type = admin().service_desk().CreateType(type);
  ASSERT_TRUE(created_type.ok()) << created_type.error().ToString();
  v1::ServiceRequest request;
  request.set_service_type(created_type->name());
  request.set_description("GMP inspection before March");
  auto opened = company_->service_desk().CreateRequest(request);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  auto gmp = Upload(Pdf(2000), v1::Document::KIND_GMP_CERTIFICATE, "gmp.pdf", opened->name());
  ASSERT_TRUE(gmp.ok()) << gmp.error().ToString();
  EXPECT_EQ(gmp->name().rfind(opened->name() + "/documents/", 0), 0u);
  ASSERT_TRUE(officer().service_desk().Take(opened->name()).ok());
  EXPECT_TRUE(Upload(Pdf(2100), v1::Document::KIND_TEST_REPORT, "tests.pdf", opened->name()).ok());
  EXPECT_EQ(company_->documents().Delete(gmp->name()).code(), client::StatusCode::FAILED_PRECONDITION);

  // A measure that asks for a cost estimate and an invoice.
  Applicant resident = ApplicantUnderReview("7707083893", "1027700132195");
  Register(resident);
  v1::SupportMeasure measure;
  measure.set_kind(v1::SupportMeasure::KIND_SUBSIDY);
  measure.set_title("Subsidy for GMP equipment");
  measure.set_legal_basis("Kirov region decree No. 1-P");
  measure.mutable_open_from()->set_year(2026);
  measure.mutable_open_from()->set_month(1);
  measure.mutable_open_from()->set_day(1);
  measure.set_total_budget_kopecks(1'000'000'00);
  measure.add_required_documents(v1::Document::KIND_COST_ESTIMATE);
  measure.add_required_documents(v1::Document::KIND_INVOICE);
  auto created_measure = officer().support().CreateMeasure(measure);
  ASSERT_TRUE(created_measure.ok()) << created_measure.error().ToString();
  EXPECT_EQ(created_measure->required_documents_size(), 2);
  v1::SupportRequest ask;
  ask.set_measure(created_measure->name());
  ask.set_requested_kopecks(100'000'00);
  ask.set_purpose("Cleanroom equipment");
  auto draft = resident.client->support().CreateRequest(ask);
  ASSERT_TRUE(draft.ok()) << draft.error().ToString();
  auto refused = resident.client->support().Submit(draft->name());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason(), "MISSING_DOCUMENTS");
  EXPECT_EQ(refused.error().precondition_violations().size(), 2u);
  for (auto kind : {v1::Document::KIND_COST_ESTIMATE, v1::Document::KIND_INVOICE}) {
    std::istringstream in(Pdf(3000 + kind));
    ASSERT_TRUE(resident.client->documents().Upload(draft->name(), kind, in, "evidence.pdf").ok());
  }
  auto submitted = resident.client->support().Submit(draft->name());
  ASSERT_TRUE(submitted.ok()) << submitted.error().ToString();
  // Submitted: its evidence is fixed.
  std::istringstream late(Pdf(5000));
  EXPECT_EQ(resident.client->documents().Upload(draft->name(), v1::Document::KIND_OTHER, late, "late.pdf").code(),
            client::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DocumentsTest, BackupsCarryDocuments) {
  BIOPOLIS_SQLITE_ONLY(database_);  // PostgreSQL is backed up with pg_dump
  const std::string pdf = Pdf(1'500'000);
  auto doc = Upload(pdf, v1::Document::KIND_BUSINESS_PLAN);
  ASSERT_TRUE(doc.ok());
  const std::string copy = db_.path() + ".backup";
  auto backup = admin().backups().Create(copy);
  ASSERT_TRUE(backup.ok()) << backup.error().ToString();
  SQLite::Database restored(copy, SQLite::OPEN_READONLY);
  EXPECT_EQ(restored.execAndGet("SELECT count(*) FROM documents").getInt(), 1);
  SQLite::Statement chunks(restored, "SELECT data FROM blob_chunks ORDER BY chunk_index");
  std::string bytes;
  while (chunks.executeStep()) {
    bytes.append(static_cast<const char*>(chunks.getColumn(0).getBlob()),
                 static_cast<std::size_t>(chunks.getColumn(0).getBytes()));
  }
  EXPECT_EQ(Sha256Hex(bytes), doc->sha256());
  std::filesystem::remove(copy);
}

TEST_F(DocumentsTest, UploadsAreAnnouncedOnTheEventFeed) {
  auto doc = Upload(Pdf(1000), v1::Document::KIND_BUSINESS_PLAN);
  ASSERT_TRUE(doc.ok());
  auto events = officer().events().List().All();
  ASSERT_TRUE(events.ok()) << events.error().ToString();
  bool found = false;
  for (const auto& e : *events) found |= e.resource() == doc->name() && e.type() == "document.uploaded";
  EXPECT_TRUE(found);
}

// A transfer holds a concurrency slot like any call: a stream left open is
// counted against max_concurrent_calls and gives its slot back when it ends.
class DocumentsSlotTest : public DocumentsTest {
 protected:
  void Configure(ServerOptions& options) override {
    DocumentsTest::Configure(options);
    options.max_concurrent_calls = 1;
  }
};

TEST_F(DocumentsSlotTest, AnOpenUploadHoldsItsSlotUntilItEnds) {
  auto connection = client::MakeGrpcConnection({.target = address()});
  client::CallContext context;
  context.metadata = {{"authorization", "Bearer " + key_}};
  auto one_get = [&] {
    v1::GetDocumentRequest req;
    req.set_name(app_ + "/documents/1");
    v1::Document resp;
    client::CallContext c = context;
    c.deadline = std::chrono::system_clock::now() + std::chrono::seconds(5);
    return connection->Unary(methods::kGetDocument, req, &resp, c);
  };
  v1::Document response;
  auto stream = connection->OpenClientStream(methods::kUploadDocument, &response, context);
  ASSERT_TRUE(stream->Write(Meta(app_, v1::Document::KIND_OTHER, "held.pdf")));
  ASSERT_TRUE(stream->Write(Chunk(Pdf(1000))));
  for (int i = 0; i < 100 && Rows("blobs", "sealed = 0") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto busy = one_get();
  ASSERT_TRUE(busy.has_value());
  EXPECT_EQ(busy->reason(), "SERVER_BUSY");
  EXPECT_FALSE(stream->Finish().has_value());  // the upload completes
  // The client sees the upload's status before the server's reactor has run
  // its OnDone and given the slot back, so the slot is free "shortly" after,
  // not at once: wait for it, bounded.
  auto after = one_get();
  for (int i = 0; i < 100 && after.has_value() && after->reason() == "SERVER_BUSY"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    after = one_get();
  }
  EXPECT_FALSE(after.has_value()) << after->ToString();  // the slot is free again
}

}  // namespace
}  // namespace biopolis::testing
