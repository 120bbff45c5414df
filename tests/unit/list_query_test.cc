#include "core/list_query.h"

#include <gtest/gtest.h>

namespace biopolis {
namespace {

const ListSpec& Spec() {
  static const ListSpec kSpec{{{"state", FieldType::kEnum, {{"STATE_DRAFT", 1}, {"STATE_SUBMITTED", 2}}, ""},
                               {"organization", FieldType::kReference, {}, "organizations"},
                               {"planned_jobs", FieldType::kInt, {}, ""},
                               {"inn", FieldType::kString, {}, ""}},
                              {"create_time", "planned_jobs"},
                              "create_time",
                              true};
  return kSpec;
}

TEST(FilterTest, ParsesConjunctionsOfTypedTerms) {
  auto r = ParseFilter(
      Spec(),
      R"(state = "STATE_SUBMITTED" AND planned_jobs >= 50 AND organization = "organizations/7" AND inn = '7707083893')");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ(std::get<std::int64_t>((*r)[0].value), 2);
  EXPECT_EQ((*r)[1].op, CompareOp::kGe);
  EXPECT_EQ(std::get<std::int64_t>((*r)[1].value), 50);
  EXPECT_EQ(std::get<std::int64_t>((*r)[2].value), 7);
  EXPECT_EQ(std::get<std::string>((*r)[3].value), "7707083893");
  EXPECT_TRUE(ParseFilter(Spec(), "  ").ok());
  EXPECT_TRUE(ParseFilter(Spec(), "state = STATE_DRAFT").ok());
}

TEST(FilterTest, RejectsWithPreciseErrors) {
  for (const char* bad :
       {"nope = 1", "state = \"STATE_BOGUS\"", "planned_jobs = abc", "state > STATE_DRAFT",
        "state = STATE_DRAFT OR state = STATE_SUBMITTED", "planned_jobs", "planned_jobs =", "inn = \"unterminated",
        "organization = \"residents/1\"", "planned_jobs ! 3", "(state = 1)"}) {
    auto r = ParseFilter(Spec(), bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().field_violations().at(0).field, "filter") << bad;
    EXPECT_EQ(r.status().reason(), "INVALID_FILTER") << bad;
  }
}

TEST(ListQueryTest, ClampsPageSizeAndRejectsNegative) {
  ListQueryParser parser(std::string(32, 's'));
  ListParams p;
  p.page_size = 100000;
  EXPECT_EQ(parser.Parse(Spec(), p, "scope")->page_size, kMaxPageSize);
  p.page_size = 0;
  EXPECT_EQ(parser.Parse(Spec(), p, "scope")->page_size, kDefaultPageSize);
  p.page_size = -1;
  auto r = parser.Parse(Spec(), p, "scope");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field_violations()[0].field, "page_size");
}

TEST(ListQueryTest, OrderBy) {
  ListQueryParser parser(std::string(32, 's'));
  ListParams p;
  auto q = parser.Parse(Spec(), p, "s");
  EXPECT_EQ(q->order_field, "create_time");
  EXPECT_TRUE(q->descending);
  p.order_by = "planned_jobs";
  q = parser.Parse(Spec(), p, "s");
  EXPECT_EQ(q->order_field, "planned_jobs");
  EXPECT_FALSE(q->descending);
  p.order_by = "planned_jobs desc";
  EXPECT_TRUE(parser.Parse(Spec(), p, "s")->descending);
  for (const char* bad : {"nope", "planned_jobs sideways", "inn"}) {
    p.order_by = bad;
    auto r = parser.Parse(Spec(), p, "s");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().reason(), "INVALID_ORDER_BY");
  }
}

TEST(PageTokenTest, RoundTripsAndIsBoundToQueryAndCaller) {
  ListQueryParser parser(std::string(32, 's'));
  ListParams p;
  p.filter = "planned_jobs > 3";
  std::string token = parser.MakeToken(p, "ListApplications|apiKeys/1", Cursor{std::int64_t{12345}, 77});
  p.page_token = token;
  auto q = parser.Parse(Spec(), p, "ListApplications|apiKeys/1");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_TRUE(q->after.has_value());
  EXPECT_EQ(q->after->id, 77);
  EXPECT_EQ(std::get<std::int64_t>(q->after->sort_value), 12345);

  // Another caller, another filter, or another server secret: rejected.
  EXPECT_EQ(parser.Parse(Spec(), p, "ListApplications|apiKeys/2").status().reason(), "INVALID_PAGE_TOKEN");
  ListParams other = p;
  other.filter = "planned_jobs > 4";
  EXPECT_EQ(parser.Parse(Spec(), other, "ListApplications|apiKeys/1").status().reason(), "INVALID_PAGE_TOKEN");
  ListQueryParser stranger(std::string(32, 't'));
  EXPECT_FALSE(stranger.Parse(Spec(), p, "ListApplications|apiKeys/1").ok());
}

TEST(PageTokenTest, TamperedTokensAreRejected) {
  ListQueryParser parser(std::string(32, 's'));
  ListParams p;
  std::string token = parser.MakeToken(p, "s", Cursor{std::string("abc"), 5});
  for (std::size_t i = 0; i < token.size(); ++i) {
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    p.page_token = t;
    EXPECT_FALSE(parser.Parse(Spec(), p, "s").ok()) << i;
  }
  p.page_token = "garbage!";
  EXPECT_FALSE(parser.Parse(Spec(), p, "s").ok());
}

}  // namespace
}  // namespace biopolis
