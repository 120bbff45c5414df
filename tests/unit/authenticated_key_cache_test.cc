#include "services/admin/authenticated_key_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

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
  // A lookup misses the cache and reads the key (still valid), then a
  // revocation commits and invalidates, then the lookup tries to cache what
  // it read, with the generation its miss reported.
  std::uint64_t started = 0;
  ASSERT_FALSE(cache.Find("b", 0, &started).has_value());
  EXPECT_EQ(started, cache.generation());
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

TEST(AuthenticatedKeyCacheTest, ConcurrentLookupsAndRevocationsLeaveNothingBehind) {
  // Readers cache and find keys while a revoker invalidates for as long as
  // they run: a race detector exercise (the suite runs under ThreadSanitizer),
  // then the state after the last invalidation must be empty.
  AuthenticatedKeyCache cache(kTtl, 64);
  std::atomic<int> running{4};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      for (int i = 0; i < 20'000; ++i) {
        std::string hash = "k" + std::to_string(t) + "-" + std::to_string(i % 16);
        cache.Put(hash, kOfficer, 0, 0, cache.generation());
        cache.Find(hash, 1);
      }
      running.fetch_sub(1);
    });
  }
  do {
    cache.Invalidate();
  } while (running.load() > 0);
  for (auto& r : readers) r.join();
  cache.Invalidate();
  for (int t = 0; t < 4; ++t) EXPECT_FALSE(cache.Find("k" + std::to_string(t) + "-0", 1).has_value());
}

}  // namespace
}  // namespace biopolis
