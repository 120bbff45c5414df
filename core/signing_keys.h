// The zone's Ed25519 signing keys (libsodium): one active key signs, older
// keys stay to verify what they signed. Audit-log checkpoints use them (and
// registry extracts will).
//
// Keys live in a folder outside the database, one file per key,
// `<key_id>.key` (the 64-byte secret key, hex; mode 0600), so neither a copy
// of the database nor its backups carry them. Key ids are `k1`, `k2`, ...;
// the highest is the active one; Rotate() adds the next.
//
// Thread-safety: a loaded SigningKeyring is immutable; Sign and the static
// functions are safe from any thread. Checking a signature needs none of
// this: core/ed25519.h.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace biopolis {

struct PublicKey {
  std::string key_id;
  std::string public_key_hex;  // 32 bytes
  // When the key was revoked (0: it was not): what it signed after then is
  // not to be trusted.
  TimeMicros revoke_time = 0;
};

class SigningKeyring {
 public:
  // Loads the keys in `folder`, creating the folder (0700) and a first key
  // when there is none.
  static Result<SigningKeyring> OpenOrCreate(const std::string& folder);
  // Adds a new key (the next id), which becomes the active one.
  static Result<PublicKey> Rotate(const std::string& folder);
  // Marks `key_id` revoked at `when` (a file `<key_id>.revoked` beside the
  // key; the key stays, to list it). NOT_FOUND for an unknown key;
  // FAILED_PRECONDITION for the active key (rotate first) or one already
  // revoked.
  static Result<PublicKey> Revoke(const std::string& folder, const std::string& key_id, TimeMicros when);

  // Signs `message` with the active key: the signature, hex (64 bytes).
  std::string Sign(std::string_view message) const;
  const std::string& active_key_id() const { return keys_.back().id; }
  // Every key's public half, oldest first.
  std::vector<PublicKey> PublicKeys() const;

 private:
  struct Key {
    std::string id;
    int number = 0;
    std::string secret;  // 64 bytes: seed and public key
    std::string public_key;
    TimeMicros revoke_time = 0;
  };
  std::vector<Key> keys_;  // by number
};

// The server's keyring, replaced whole when an administrator rotates or
// revokes a key, so signers always use the current one without a restart.
// Thread-safe.
class SigningKeys {
 public:
  static Result<std::shared_ptr<SigningKeys>> Open(std::string folder);
  std::shared_ptr<const SigningKeyring> Current() const;
  Result<PublicKey> Rotate();
  Result<PublicKey> Revoke(const std::string& key_id, TimeMicros when);

 private:
  Status Reload();
  std::string folder_;
  mutable std::mutex mu_;  // guards ring_ and serialises changes
  std::shared_ptr<const SigningKeyring> ring_;
};

}  // namespace biopolis
