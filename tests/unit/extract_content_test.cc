// Canonical JSON (core/canonical_json.h) and what a registry extract states
// (services/extracts/extract_content.h): pure functions, no server.
#include "services/extracts/extract_content.h"

#include <gtest/gtest.h>

#include "core/bounded_text.h"
#include "core/canonical_json.h"

namespace biopolis {
namespace {

TEST(CanonicalJsonTest, SortsKeysEscapesMinimallyAndRoundTrips) {
  JsonValue v = JsonValue::Object{{"b", 1},
                                  {"a", JsonValue::Array{"x\"y\\z", "\n\t\x01", "Ёлка", nullptr, true, false}},
                                  {"c", JsonValue::Object{}}};
  const std::string text = v.Serialize();
  EXPECT_EQ(text, "{\"a\":[\"x\\\"y\\\\z\",\"\\n\\t\\u0001\",\"Ёлка\",null,true,false],\"b\":1,\"c\":{}}");
  auto parsed = JsonValue::Parse(text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->Serialize(), text);
  EXPECT_EQ((*parsed)["a"].array()[2].str(), "Ёлка");
  EXPECT_EQ((*parsed)["b"].integer(), 1);
}

TEST(CanonicalJsonTest, RefusesEverythingButTheCanonicalForm) {
  for (const char* text : {"{\"b\":1,\"a\":2}",         // keys out of order
                           "{\"a\": 1}",                // whitespace
                           "{\"a\":1,\"a\":1}",         // a duplicate key
                           "{\"a\":1.5}",               // floating point
                           "{\"a\":01}",                // a leading zero
                           "{\"a\":\"\\u0041\"}",       // an escape canonical form does not use
                           "{\"a\":\"\\/\"}",           // ditto
                           "{\"a\":9007199254740993}",  // past 2^53
                           "{\"a\":\"\xff\"}",          // not UTF-8
                           "{\"a\":1}x", "", "[", "nul"}) {
    EXPECT_FALSE(JsonValue::Parse(text).has_value()) << text;
  }
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_FALSE(JsonValue::Parse(deep).has_value());
}

TEST(FoldCaseTest, LowersLatinAndCyrillicOnly) {
  EXPECT_EQ(FoldCase("АО «ВЯТСКАЯ» Ёж Company 42"), "ао «вятская» ёж company 42");
  EXPECT_EQ(FoldCase("уже строчные"), "уже строчные");
}

TEST(ExtractContentTest, NumbersAndLeasesInUse) {
  EXPECT_EQ(ExtractNumber(2026, 123), "43-EXT-2026-000123");
  LeaseRecord lease;
  lease.start_date = Date{2026, 1, 1};
  lease.end_date = Date{2030, 12, 31};
  EXPECT_TRUE(LeaseInUseOn(lease, Date{2026, 1, 1}));
  EXPECT_FALSE(LeaseInUseOn(lease, Date{2025, 12, 31}));
  lease.end_of_use_date = Date{2026, 6, 30};  // ended early
  EXPECT_TRUE(LeaseInUseOn(lease, Date{2026, 6, 30}));
  EXPECT_FALSE(LeaseInUseOn(lease, Date{2026, 7, 1}));
}

TEST(ExtractContentTest, StatesTheFactsOnceEachInCanonicalForm) {
  ExtractFacts f;
  f.number = "43-EXT-2026-000001";
  f.issue_time = ZoneStartOf(Date{2026, 12, 3});
  f.as_of = ZoneStartOf(Date{2026, 3, 15}) - 1;
  f.subject = "residents/7";
  f.key_id = "k2";
  f.organization.id = 3;
  f.organization.kind = OrganizationKind::kLegalEntity;
  f.organization.full_name = "АО «Тест»";
  f.organization.inn = "4345042753";
  ResidentRecord e;
  e.id = 7;
  e.registry_number = "43-2025-0001";
  e.state = ResidentState::kUnderRemedy;
  e.commitments = {{Date{2030, 12, 31}, 150'000'000'00, 100}};
  e.violation_description = "late";
  e.violation_issue_time = 1000;
  f.entry = e;
  ResidentVersionRecord v1{e, 1, 1};
  v1.entry.violation_issue_time = 0;
  ResidentVersionRecord v2{e, 1000, 1000};
  ResidentVersionRecord v3 = v2;  // the same notice in a later version: stated once
  f.history = {v1, v2, v3};
  const std::string text = ExtractContent(f).Serialize();
  EXPECT_TRUE(JsonValue::Parse(text).has_value());
  auto parsed = *JsonValue::Parse(text);
  EXPECT_EQ(parsed["type"].str(), "biopolis.registry_extract.v1");
  EXPECT_EQ(parsed["as_of"].str(), "2026-03-14T20:59:59.999999Z");
  EXPECT_EQ(parsed["registry_entry"]["state"].str(), "STATE_UNDER_REMEDY");
  EXPECT_EQ(parsed["registry_entry"]["commitments"].array()[0]["investment_kopecks"].str(), "15000000000");
  EXPECT_EQ(parsed["violations"].array().size(), 1u);
  EXPECT_TRUE(parsed["plots"].array().empty());
  // The same facts, the same bytes.
  EXPECT_EQ(ExtractContent(f).Serialize(), text);
  // The file splices the content in as is.
  const std::string doc = ExtractDocument(text, "k2", "ab");
  EXPECT_EQ(doc, "{\"content\":" + text + ",\"key_id\":\"k2\",\"signature\":\"ab\"}");
  EXPECT_TRUE(JsonValue::Parse(doc).has_value());
}

}  // namespace
}  // namespace biopolis
