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
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace biopolis {

struct PublicKey {
  std::string key_id;
  std::string public_key_hex;  // 32 bytes
};

class SigningKeyring {
 public:
  // Loads the keys in `folder`, creating the folder (0700) and a first key
  // when there is none.
  static Result<SigningKeyring> OpenOrCreate(const std::string& folder);
  // Adds a new key (the next id), which becomes the active one.
  static Result<PublicKey> Rotate(const std::string& folder);

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
  };
  std::vector<Key> keys_;  // by number
};

}  // namespace biopolis
