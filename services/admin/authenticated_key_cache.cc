#include "services/admin/authenticated_key_cache.h"

#include <algorithm>

namespace biopolis {

std::optional<Caller> AuthenticatedKeyCache::Find(const std::string& key_hash, TimeMicros now,
                                                  std::uint64_t* generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != nullptr) *generation = generation_;
  auto it = entries_.find(key_hash);
  if (it == entries_.end()) return std::nullopt;
  if (now >= it->second.valid_until) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.caller;
}

std::uint64_t AuthenticatedKeyCache::generation() {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

void AuthenticatedKeyCache::Put(const std::string& key_hash, const Caller& caller, TimeMicros key_expire_time,
                                TimeMicros now, std::uint64_t generation) {
  TimeMicros valid_until = now + ttl_;
  if (key_expire_time != 0) valid_until = std::min(valid_until, key_expire_time);
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_ || max_entries_ == 0) return;
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key_hash] = Entry{caller, valid_until};
}

void AuthenticatedKeyCache::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  entries_.clear();
}

}  // namespace biopolis
