// The documents area without a server: file names, allowed types sniffed
// from real headers, which parent states take documents, missing kinds, name
// parsing, and the SQLite blob store's staging, sealing and discarding.
#include "services/documents/document_rules.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "model/application.h"
#include "model/reporting.h"
#include "model/service_desk.h"
#include "model/support.h"
#include "services/documents/content_sniffer.h"
#include "services/documents/document_parents.h"
#include "storage/sqlite/sqlite_store.h"
#include "temp_db.h"

namespace biopolis {
namespace {

TEST(DocumentRulesTest, FileNamesAreUtf8WithoutPathsOrControls) {
  EXPECT_TRUE(CheckFileName("Бизнес-план «ВБФК» 2026.pdf", "f").empty());
  EXPECT_TRUE(CheckFileName(std::string(255, 'n'), "f").empty());
  EXPECT_TRUE(CheckFileName("..hidden.pdf", "f").empty());
  struct Bad {
    std::string name;
    const char* reason;
  };
  for (const auto& bad : std::vector<Bad>{{"", "FIELD_REQUIRED"},
                                          {std::string(256, 'n'), "FIELD_TOO_LONG"},
                                          {"a/b.pdf", "INVALID_FILE_NAME"},
                                          {"a\\b.pdf", "INVALID_FILE_NAME"},
                                          {"..", "INVALID_FILE_NAME"},
                                          {".", "INVALID_FILE_NAME"},
                                          {"a\tb.pdf", "INVALID_FILE_NAME"},
                                          {"a\x7f.pdf", "INVALID_FILE_NAME"},
                                          {"a\xC3.pdf", "INVALID_FILE_NAME"},            // cut sequence
                                          {"\xC0\xAF.pdf", "INVALID_FILE_NAME"},         // overlong '/'
                                          {"\xED\xA0\x80.pdf", "INVALID_FILE_NAME"},     // surrogate
                                          {"\xF4\x90\x80\x80", "INVALID_FILE_NAME"}}) {  // past U+10FFFF
    auto v = CheckFileName(bad.name, "metadata.file_name");
    ASSERT_EQ(v.size(), 1u) << bad.name;
    EXPECT_EQ(v[0].reason, bad.reason) << bad.name;
    EXPECT_EQ(v[0].field, "metadata.file_name");
  }
}

TEST(DocumentRulesTest, TypesAreSniffedFromContentNotNames) {
  auto type_of = [](const std::string& head, const std::string& name) {
    return AllowedContentType(SniffContent(head), name);
  };
  EXPECT_EQ(type_of("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", "x.bin"), "application/pdf");
  EXPECT_EQ(type_of(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "x"), "image/png");
  EXPECT_EQ(type_of(std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11), "x"), "image/jpeg");
  EXPECT_EQ(type_of(std::string("II*\0\x08\0\0\0", 8) + std::string(64, '\0'), "x"), "image/tiff");
  // Text or an executable named like a document is refused.
  EXPECT_FALSE(type_of("hello, this is plain text\n", "report.pdf"));
  EXPECT_FALSE(type_of(std::string("MZ\x90\0", 4) + std::string(200, '\0'), "scan.pdf"));
  // A PGP signature counts only as a detached signature file.
  const std::string pgp = "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----\n";
  EXPECT_EQ(type_of(pgp, "plan.pdf.sig"), "application/pgp-signature");
  EXPECT_EQ(type_of(pgp, "plan.PDF.SIG"), "application/pgp-signature");
  EXPECT_FALSE(type_of(pgp, "plan.txt"));
}

TEST(DocumentRulesTest, ParentStatesThatTakeDocuments) {
  auto rules = [](DocumentParentType t, auto state) { return RulesForParentState(t, static_cast<int>(state)); };
  EXPECT_TRUE(rules(DocumentParentType::kApplication, ApplicationState::kDraft).takes_uploads);
  EXPECT_TRUE(rules(DocumentParentType::kApplication, ApplicationState::kInfoRequested).allows_deletion);
  EXPECT_FALSE(rules(DocumentParentType::kApplication, ApplicationState::kSubmitted).takes_uploads);
  EXPECT_FALSE(rules(DocumentParentType::kApplication, ApplicationState::kRegistered).allows_deletion);
  EXPECT_TRUE(rules(DocumentParentType::kReport, ReportState::kReturned).takes_uploads);
  EXPECT_FALSE(rules(DocumentParentType::kReport, ReportState::kAccepted).takes_uploads);
  EXPECT_TRUE(rules(DocumentParentType::kSupportRequest, SupportRequestState::kInfoRequested).takes_uploads);
  EXPECT_FALSE(rules(DocumentParentType::kSupportRequest, SupportRequestState::kApproved).takes_uploads);
  auto in_progress = rules(DocumentParentType::kServiceRequest, ServiceRequestState::kInProgress);
  EXPECT_TRUE(in_progress.takes_uploads);
  EXPECT_FALSE(in_progress.allows_deletion);  // an officer may be reading it
  EXPECT_TRUE(rules(DocumentParentType::kServiceRequest, ServiceRequestState::kWaitingForResident).allows_deletion);
  EXPECT_FALSE(rules(DocumentParentType::kServiceRequest, ServiceRequestState::kClosed).takes_uploads);
}

TEST(DocumentRulesTest, MissingKindsAreNamedOneViolationEach) {
  const std::vector<DocumentKind> required = {DocumentKind::kBusinessPlan, DocumentKind::kBankLetter,
                                              DocumentKind::kConstituentDocuments};
  auto missing = MissingKinds(required, {DocumentKind::kBankLetter, DocumentKind::kOther});
  ASSERT_EQ(missing.size(), 2u);
  Status st = MissingDocuments("applications/3", missing);
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.reason(), "MISSING_DOCUMENTS");
  ASSERT_EQ(st.preconditions().size(), 2u);
  EXPECT_NE(st.preconditions()[0].description.find("KIND_BUSINESS_PLAN"), std::string::npos);
  EXPECT_NE(st.preconditions()[1].description.find("KIND_CONSTITUENT_DOCUMENTS"), std::string::npos);
  EXPECT_TRUE(MissingKinds(required, required).empty());
  auto bad = CheckRequiredKinds({DocumentKind::kInvoice, DocumentKind::kInvoice, static_cast<DocumentKind>(77)}, "k");
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].field, "k[1]");
  EXPECT_EQ(bad[1].field, "k[2]");
}

TEST(DocumentRulesTest, DocumentNamesParseStrictly) {
  auto ref = ParseDocumentName("supportRequests/12/documents/7/versions/3", "name", true);
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->parent.type, DocumentParentType::kSupportRequest);
  EXPECT_EQ(ref->parent.id, 12);
  EXPECT_EQ(ref->id, 7);
  EXPECT_EQ(ref->version, 3);
  for (const char* bad : {"", "applications/3/documents", "applications/3/documents/0", "applications/03/documents/1",
                          "plots/3/documents/1", "applications/3/files/1", "applications/3/documents/1/",
                          "applications/3/documents/1/versions/1", "applications/3/documents/x"}) {
    EXPECT_FALSE(ParseDocumentName(bad, "name").ok()) << bad;
  }
  EXPECT_TRUE(ParseDocumentParent("serviceRequests/4", "parent").ok());
  EXPECT_FALSE(ParseDocumentParent("serviceRequests/4/", "parent").ok());
  EXPECT_FALSE(ParseDocumentParent("organizations/4", "parent").ok());
}

TEST(DocumentStorageTest, StagingSealingDiscardingAndDeduplication) {
  testing::TempDb db;
  auto opened = SqliteStore::Open({db.path(), 2, 2000});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto& store = **opened;
  std::int64_t a = 0, b = 0;
  ASSERT_TRUE(store
                  .WriteAndWait([&](Transaction& tx) {
                    a = tx.blobs().BeginStaging(7, 1);
                    EXPECT_TRUE(tx.blobs().AppendChunk(a, 0, "hello "));
                    EXPECT_TRUE(tx.blobs().AppendChunk(a, 1, "world"));
                    EXPECT_FALSE(tx.blobs().AppendChunk(a, 3, "gap"));  // out of order: refused
                    b = tx.blobs().BeginStaging(7, 1);
                    EXPECT_TRUE(tx.blobs().AppendChunk(b, 0, "left behind"));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store
                  .WriteAndWait([&](Transaction& tx) {
                    auto staged = tx.blobs().Get(a);
                    EXPECT_TRUE(staged && !staged->sealed);
                    EXPECT_EQ(staged->size_bytes, 11);
                    EXPECT_EQ(staged->chunk_count, 2);
                    EXPECT_EQ(tx.blobs().BytesUsed(7), 22);
                    EXPECT_FALSE(tx.blobs().FindSealed(7, Sha256Hex("hello world")));
                    tx.blobs().Seal(a, Sha256Hex("hello world"), "application/pdf");
                    EXPECT_FALSE(tx.blobs().AppendChunk(a, 2, "more"));  // sealed: immutable
                    EXPECT_FALSE(tx.blobs().DiscardStaging(a));          // sealed: not staging
                    EXPECT_EQ(tx.blobs().FindSealed(7, Sha256Hex("hello world"))->id, a);
                    EXPECT_FALSE(tx.blobs().FindSealed(8, Sha256Hex("hello world")));  // per organization
                    EXPECT_EQ(*tx.blobs().ReadChunk(a, 1), "world");
                    EXPECT_FALSE(tx.blobs().ReadChunk(a, 2));
                    // A crash leaves `b` staging: start-up discards it.
                    EXPECT_EQ(tx.blobs().DiscardAllStaging(), 1);
                    EXPECT_FALSE(tx.blobs().Get(b));
                    EXPECT_FALSE(tx.blobs().ReadChunk(b, 0));
                    EXPECT_EQ(tx.blobs().BytesUsed(7), 11);
                    // Unreferenced sealed bytes go when asked.
                    tx.blobs().DeleteIfUnreferenced(a);
                    EXPECT_FALSE(tx.blobs().Get(a));
                    EXPECT_FALSE(tx.blobs().ReadChunk(a, 0));
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace biopolis
