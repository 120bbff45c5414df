#include "services/admin/authenticated_key_cache.h"

#include <gtest/gtest.h>

namespace biopolis {
namespace {

constexpr TimeMicros kTtl = 5'000'000;
const Caller kOfficer{"apiKeys/2", Role::kOfficer, 0};

TEST(AuthenticatedKeyCacheTest, ServesAKeyForItsTtlOnly) {
  AuthenticatedKeyCache cache(kTtl, 100);
  cache.Put("h", kOfficer, 0, 1'000, cache.generation());
  ASSERT_TRUE(cache.Find("h", 1'000 + kTtl - 1).has_value());
  EXPECT_EQ(cache.Find("h", 1'000 + kTtl - 1)->principal, "apiKeys/2");
  EXPECT_FALSE(cache.Find("h", 1'000 + kTtl).has_value());
  EXPECT_FALSE(cache.Find("other", 1'000).has_value());
}

TEST(AuthenticatedKeyCacheTest, NeverServesAKeyPastItsOwnExpiry) {
  AuthenticatedKeyCache cache(kTtl, 100);
  cache.Put("h", kOfficer, 2'000, 1'000, cache.generation());
  EXPECT_TRUE(cache.Find("h", 1'999).has_value());
  EXPECT_FALSE(cache.Find("h", 2'000).has_value());
}

TEST(AuthenticatedKeyCacheTest, InvalidateForgetsEverythingAndRefusesLookupsThatStartedBefore) {
  AuthenticatedKeyCache cache(kTtl, 100);
  cache.Put("a", kOfficer, 0, 0, cache.generation());
  // A lookup reads the key (still valid), then a revocation commits and
  // invalidates, then the lookup tries to cache what it read.
  const auto started = cache.generation();
  cache.Invalidate();
  cache.Put("b", kOfficer, 0, 0, started);
  EXPECT_FALSE(cache.Find("a", 1).has_value());
  EXPECT_FALSE(cache.Find("b", 1).has_value());
  // Lookups after the invalidation are cached again.
  cache.Put("b", kOfficer, 0, 0, cache.generation());
  EXPECT_TRUE(cache.Find("b", 1).has_value());
}

TEST(AuthenticatedKeyCacheTest, IsBounded) {
  AuthenticatedKeyCache cache(kTtl, 2);
  cache.Put("a", kOfficer, 0, 0, cache.generation());
  cache.Put("b", kOfficer, 0, 0, cache.generation());
  cache.Put("c", kOfficer, 0, 0, cache.generation());  // full: emptied, then c
  EXPECT_FALSE(cache.Find("a", 1).has_value());
  EXPECT_TRUE(cache.Find("c", 1).has_value());
  AuthenticatedKeyCache off(kTtl, 0);
  off.Put("a", kOfficer, 0, 0, off.generation());
  EXPECT_FALSE(off.Find("a", 1).has_value());
}

}  // namespace
}  // namespace biopolis
