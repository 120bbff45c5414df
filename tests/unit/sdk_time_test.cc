// The SDK's calendar arithmetic and RFC 3339 parsing (one implementation for
// the CLI's --as-of and offline extract verification).
#include <gtest/gtest.h>

#include "biopolis/time_parsing.h"

namespace biopolis::client {
namespace {

TEST(SdkTimeTest, DaysFromCivilAroundTheEpochAndLeapYears) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28), 2);  // 2000 is a leap year
  EXPECT_EQ(DaysFromCivil(2100, 3, 1) - DaysFromCivil(2100, 2, 28), 1);  // 2100 is not
  EXPECT_EQ(DaysFromCivil(2026, 12, 3), 20790);
}

TEST(SdkTimeTest, Rfc3339WithFractionsAndOffsets) {
  // 2026-12-03T06:32:26Z = 20790 days + 23546 s.
  const std::int64_t base = (20790LL * 86400 + 6 * 3600 + 32 * 60 + 26) * 1'000'000;
  EXPECT_EQ(ParseRfc3339Micros("2026-12-03T06:32:26Z"), base);
  EXPECT_EQ(ParseRfc3339Micros("2026-12-03T06:32:26.382433Z"), base + 382433);
  EXPECT_EQ(ParseRfc3339Micros("2026-12-03T06:32:26.5Z"), base + 500000);
  EXPECT_EQ(ParseRfc3339Micros("2026-12-03T06:32:26.123456789Z"), base + 123456);
  EXPECT_EQ(ParseRfc3339Micros("2026-12-03T09:32:26+03:00"), base);
  EXPECT_EQ(ParseRfc3339Micros("2026-12-03T05:32:26-01:00"), base);
  EXPECT_EQ(ParseRfc3339Micros("0001-01-01T00:00:00Z"), DaysFromCivil(1, 1, 1) * 86400 * 1'000'000);
}

TEST(SdkTimeTest, MalformedTimesAreRefused) {
  for (const char* bad :
       {"", "2026-12-03", "2026-12-03T06:32:26", "2026-12-03 06:32:26Z", "2026-13-03T06:32:26Z", "2026-12-32T06:32:26Z",
        "2026-12-03T24:00:00Z", "2026-12-03T06:60:00Z", "2026-12-03T06:32:26.Z", "2026-12-03T06:32:26Zjunk",
        "2026-12-03T06:32:26+3:00", "2026-12-03T06:32:26+03:60", "0000-01-01T00:00:00Z", "+026-12-03T06:32:26Z",
        " 2026-12-03T06:32:26Z"}) {
    EXPECT_FALSE(ParseRfc3339Micros(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace biopolis::client
