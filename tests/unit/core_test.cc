#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "core/audit_chain.h"
#include "core/audit_checkpoint.h"
#include "core/crypto.h"
#include "core/date.h"
#include "core/etag.h"
#include "core/field_mask.h"
#include "core/metrics.h"
#include "core/resource_name.h"
#include "core/signing_keys.h"
#include "temp_db.h"

namespace biopolis {
namespace {

TEST(DateTest, RoundTripsDaysAndValidates) {
  Date d{2024, 2, 29};
  EXPECT_TRUE(d.IsValid());
  EXPECT_EQ(Date::FromDays(d.ToDays()), d);
  EXPECT_FALSE((Date{2023, 2, 29}).IsValid());
  EXPECT_FALSE((Date{2023, 13, 1}).IsValid());
  EXPECT_EQ((Date{1970, 1, 1}).ToDays(), 0);
  EXPECT_EQ((Date{2026, 12, 31}).AddDays(1), (Date{2027, 1, 1}));
  EXPECT_EQ(Date::Parse("2026-11-27"), (Date{2026, 11, 27}));
  EXPECT_FALSE(Date::Parse("2026-02-30").has_value());
  EXPECT_FALSE(Date::Parse("2026-1-1").has_value());
}

TEST(DateTest, ZoneDateIsUtcPlusThree) {
  // 2026-11-27T21:30:00Z is already 2026-11-28 in Kirov.
  TimeMicros t = ZoneStartOf(Date{2026, 11, 28}) + 30 * 60 * kMicrosPerSecond;
  EXPECT_EQ(ZoneDateOf(t), (Date{2026, 11, 28}));
  EXPECT_EQ(ZoneDateOf(t - 31 * 60 * kMicrosPerSecond), (Date{2026, 11, 27}));
  EXPECT_EQ(FormatTimestamp(ZoneStartOf(Date{2026, 11, 28})), "2026-11-27T21:00:00Z");
}

TEST(ResourceNameTest, ParsesAndRejects) {
  EXPECT_EQ(*ParseName("applications/42", "applications", "name"), 42);
  for (const char* bad : {"", "applications/", "applications/0", "applications/-1", "applications/x", "applications/01",
                          "residents/1", "applications/1/x", "applications/99999999999999999999"}) {
    auto r = ParseName(bad, "applications", "name");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    ASSERT_EQ(r.status().field_violations().size(), 1u);
    EXPECT_EQ(r.status().field_violations()[0].field, "name");
  }
}

TEST(EtagTest, EmptyMatchesAndStaleAborts) {
  EXPECT_TRUE(CheckEtag("", 3, "x/1").ok());
  EXPECT_TRUE(CheckEtag(FormatEtag(3), 3, "x/1").ok());
  Status st = CheckEtag(FormatEtag(2), 3, "x/1");
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(st.reason(), "STALE_ETAG");
}

TEST(FieldMaskTest, ReportsEachBadPath) {
  MaskRules rules;
  rules.updatable = {"a"};
  rules.output_only = {"state"};
  rules.immutable = {"inn"};
  rules.restricted = {"full_name"};
  EXPECT_TRUE(CheckUpdateMask({"a"}, rules).ok());
  Status st = CheckUpdateMask({"a", "state", "inn", "full_name", "nope", "a"}, rules);
  ASSERT_EQ(st.field_violations().size(), 5u);
  EXPECT_EQ(st.field_violations()[0].reason, "FIELD_OUTPUT_ONLY");
  EXPECT_EQ(st.field_violations()[1].reason, "FIELD_IMMUTABLE");
  EXPECT_EQ(st.field_violations()[2].reason, "FIELD_NOT_UPDATABLE");
  EXPECT_EQ(st.field_violations()[3].reason, "UNKNOWN_FIELD");
  EXPECT_EQ(st.field_violations()[4].reason, "UPDATE_MASK_DUPLICATE");
  EXPECT_EQ(CheckUpdateMask({}, rules).field_violations()[0].reason, "UPDATE_MASK_EMPTY");
}

TEST(CryptoTest, Base64UrlRoundTripsAndRejectsJunk) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(*Base64UrlDecode(Base64UrlEncode(s)), s);
  }
  EXPECT_FALSE(Base64UrlDecode("a").has_value());
  EXPECT_FALSE(Base64UrlDecode("ab+c").has_value());
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoTest, UuidsAreWellFormedAndDistinct) {
  std::string a = NewUuid();
  std::string b = NewUuid();
  EXPECT_TRUE(IsUuid(a));
  EXPECT_NE(a, b);
  EXPECT_EQ(a[14], '4');
  EXPECT_FALSE(IsUuid("not-a-uuid"));
  EXPECT_FALSE(IsUuid("123e4567-e89b-42d3-a456-42661417400g"));
}

}  // namespace
}  // namespace biopolis

namespace biopolis {
namespace {

std::vector<AuditContent> ValidChain(int n) {
  std::vector<AuditContent> out;
  std::string previous;
  for (int i = 1; i <= n; ++i) {
    AuditContent c;
    c.sequence = i;
    c.actor = "apiKeys/1";
    c.action = "A" + std::to_string(i);
    c.resource = "applications/" + std::to_string(i);
    c.create_time_micros = i;
    c.previous_hash = previous;
    c.hash = AuditHash(c);
    previous = c.hash;
    out.push_back(c);
  }
  return out;
}

// Relinks records from `from` on, as someone who edits the file and
// recomputes every hash after the change would.
void Rehash(std::vector<AuditContent>& chain, std::size_t from) {
  for (std::size_t i = from; i < chain.size(); ++i) {
    chain[i].previous_hash = i == 0 ? "" : chain[i - 1].hash;
    chain[i].hash = AuditHash(chain[i]);
  }
}

TEST(AuditChainVerifierTest, ARemovedRecordIsCaughtEvenWhenEveryLaterHashIsRecomputed) {
  auto chain = ValidChain(10);
  EXPECT_FALSE(VerifyAuditChain(chain).has_value());
  chain.erase(chain.begin() + 4);  // sequence 5
  Rehash(chain, 4);
  auto broken = VerifyAuditChain(chain);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 6);
  EXPECT_NE(broken->reason.find("sequence 5 is missing"), std::string::npos) << broken->reason;
}

TEST(AuditChainVerifierTest, StreamsInConstantMemoryAndKeepsTheFirstBreak) {
  auto chain = ValidChain(6);
  chain[2].summary = "altered";
  AuditChainVerifier v;
  EXPECT_FALSE(v.Add(chain[0]).has_value());
  EXPECT_FALSE(v.Add(chain[1]).has_value());
  auto broken = v.Add(chain[2]);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 3);
  EXPECT_EQ(v.Add(chain[3])->sequence, 3);
  EXPECT_EQ(v.last_sequence(), 2);
  EXPECT_EQ(v.checked(), 4u);
}

}  // namespace
}  // namespace biopolis

namespace biopolis {
namespace {

TEST(AuditChainVerifierTest, ARewrittenLogWithRecomputedHashesFailsAgainstACheckpoint) {
  auto chain = ValidChain(10);
  const std::string signed_hash_of_8 = chain[7].hash;
  chain[4].summary = "rewritten";
  Rehash(chain, 4);
  EXPECT_FALSE(VerifyAuditChain(chain).has_value());  // a valid chain on its own
  AuditChainVerifier v;
  v.ExpectHead(8, signed_hash_of_8);
  for (const auto& r : chain) v.Add(r);
  auto broken = v.Finish();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 8);
  EXPECT_NE(broken->reason.find("checkpoint"), std::string::npos);
}

TEST(AuditChainVerifierTest, ATruncatedTailFailsAgainstACheckpoint) {
  auto chain = ValidChain(10);
  AuditChainVerifier v;
  v.ExpectHead(10, chain[9].hash);
  for (int i = 0; i < 5; ++i) v.Add(chain[static_cast<std::size_t>(i)]);  // the last five were cut
  auto broken = v.Finish();
  ASSERT_TRUE(broken.has_value());
  EXPECT_NE(broken->reason.find("ends at sequence 5"), std::string::npos) << broken->reason;
  AuditChainVerifier whole;
  whole.ExpectHead(10, chain[9].hash);
  for (const auto& r : chain) whole.Add(r);
  EXPECT_FALSE(whole.Finish().has_value());
}

TEST(SigningKeysTest, SignsVerifiesRotatesAndRefusesATamperedCheckpoint) {
  testing::TempDb dir;
  auto ring = SigningKeyring::OpenOrCreate(dir.dir() + "/keys");
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_EQ(ring->active_key_id(), "k1");
  AuditCheckpoint c{
      42, std::string(64, 'a'), 1'000'000, ring->active_key_id(), ring->PublicKeys().back().public_key_hex, ""};
  c.signature_hex = ring->Sign(SignedText(c));
  EXPECT_TRUE(CheckpointSignatureValid(c));
  auto parsed = ParseCheckpointLine(FormatCheckpointLine(c));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(CheckpointSignatureValid(*parsed));
  AuditCheckpoint tampered = c;
  tampered.sequence = 41;
  EXPECT_FALSE(CheckpointSignatureValid(tampered));
  // Rotation: a new active key; what k1 signed still verifies with k1's public key.
  auto rotated = SigningKeyring::Rotate(dir.dir() + "/keys");
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(rotated->key_id, "k2");
  auto again = SigningKeyring::OpenOrCreate(dir.dir() + "/keys");
  EXPECT_EQ(again->active_key_id(), "k2");
  EXPECT_EQ(again->PublicKeys().size(), 2u);
  EXPECT_TRUE(CheckpointSignatureValid(c));
  // The secret key file is readable by its owner only.
  auto perms = std::filesystem::status(dir.dir() + "/keys/k1.key").permissions();
  EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
}

}  // namespace
}  // namespace biopolis

namespace biopolis {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidField("n", "is odd", "VALUE_OUT_OF_RANGE");
  return n / 2;
}

Result<int> Quarter(int n) {
  BIOPOLIS_ASSIGN_OR_RETURN(int half, Half(n));
  BIOPOLIS_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, HoldsAValueOrAnErrorNeverAnOkStatusAlone) {
  Result<int> built_from_ok = Status::Ok();
  EXPECT_FALSE(built_from_ok.ok());
  EXPECT_EQ(built_from_ok.status().code(), StatusCode::kInternal);

  Result<int> failed = Half(3);
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().reason(), "VALUE_OUT_OF_RANGE");
  EXPECT_THROW((void)failed.value(), std::logic_error);
  EXPECT_THROW((void)*failed, std::logic_error);

  Result<int> fine = Half(4);
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(fine.status().ok());
  EXPECT_EQ(*fine, 2);
}

TEST(ResultTest, AssignOrReturnReturnsTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().reason(), "VALUE_OUT_OF_RANGE");  // 6 -> 3, odd
  EXPECT_EQ(Quarter(5).status().reason(), "VALUE_OUT_OF_RANGE");
}

}  // namespace
}  // namespace biopolis

namespace biopolis {
namespace {

TEST(MetricsTest, AHistogramCountsCumulativelyAndScalesItsBoundsAndSum) {
  Histogram h({1'000, 10'000}, 1e6);
  h.Observe(500);     // <= 1 ms
  h.Observe(1'000);   // <= 1 ms (bounds are inclusive)
  h.Observe(7'000);   // <= 10 ms
  h.Observe(50'000);  // +Inf
  auto s = h.Read();
  ASSERT_EQ(s.cumulative.size(), 3u);
  EXPECT_EQ(s.cumulative[0], 2u);
  EXPECT_EQ(s.cumulative[1], 3u);
  EXPECT_EQ(s.cumulative[2], 4u);
  EXPECT_EQ(s.count, 4u);
  EXPECT_DOUBLE_EQ(s.upper_bounds[0], 0.001);
  EXPECT_DOUBLE_EQ(s.sum, 0.0585);
}

TEST(MetricsTest, TheExpositionEscapesLabelValuesAndWritesHistogramSeries) {
  PrometheusText out;
  out.Family("x_total", "counter", "Help.");
  out.Sample("x_total", {{"path", "a\"b\\c\nd"}}, 3);
  Histogram h({1, 2}, 1);
  h.Observe(2);
  out.Histogram("y", {{"m", "Get"}}, h.Read());
  EXPECT_EQ(out.text(),
            "# HELP x_total Help.\n# TYPE x_total counter\n"
            "x_total{path=\"a\\\"b\\\\c\\nd\"} 3\n"
            "y_bucket{m=\"Get\",le=\"1\"} 0\n"
            "y_bucket{m=\"Get\",le=\"2\"} 1\n"
            "y_bucket{m=\"Get\",le=\"+Inf\"} 1\n"
            "y_sum{m=\"Get\"} 2\n"
            "y_count{m=\"Get\"} 1\n");
}

}  // namespace
}  // namespace biopolis
