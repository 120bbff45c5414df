// Recently authenticated API keys, so that a call does not open a read
// transaction just to look its key up again (the lookup was a fifth of a
// GetApplication's instructions under callgrind, docs/PERFORMANCE.md).
//
// Contract: an entry is served for at most `ttl` after its lookup, and never
// after the key's own expiry. Every revocation in this process calls
// Invalidate() after its commit; a lookup that started before an
// invalidation is not cached (generation check), so a revoked key is refused
// from the next call on. Only changes made to the database by another process
// can go unseen, for at most `ttl`. Failed lookups are never cached. Bounded:
// when full, the cache is emptied.
//
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/caller.h"
#include "core/clock.h"

namespace biopolis {

class AuthenticatedKeyCache {
 public:
  AuthenticatedKeyCache(TimeMicros ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

  // The caller of the key with this hash, when cached and still valid at `now`.
  // On a miss, `*generation` (when given) is set to what the Put of the lookup
  // that follows must pass: one lock for both.
  std::optional<Caller> Find(const std::string& key_hash, TimeMicros now, std::uint64_t* generation = nullptr);

  // The generation to pass to Put for a lookup starting now.
  std::uint64_t generation();
  // Caches a successful lookup made at `now` of a key that expires at
  // `key_expire_time` (0: never), unless Invalidate ran since `generation`.
  void Put(const std::string& key_hash, const Caller& caller, TimeMicros key_expire_time, TimeMicros now,
           std::uint64_t generation);
  // Forgets every entry (after a revocation commits).
  void Invalidate();

 private:
  struct Entry {
    Caller caller;
    TimeMicros valid_until = 0;
  };
  const TimeMicros ttl_;
  const std::size_t max_entries_;
  std::mutex mu_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace biopolis
