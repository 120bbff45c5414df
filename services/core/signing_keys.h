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
// functions are safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/core/status.h"

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

  // True when `signature_hex` is a valid signature of `message` by `public_key_hex`.
  static bool Verify(std::string_view message, std::string_view signature_hex, std::string_view public_key_hex);

 private:
  struct Key {
    std::string id;
    int number = 0;
    std::string secret;  // 64 bytes: seed and public key
    std::string public_key;
  };
  std::vector<Key> keys_;  // by number
};

// Hex of raw bytes, and back (nullopt-like empty result on bad input).
std::string ToHex(std::string_view bytes);
bool FromHex(std::string_view hex, std::string* bytes);

}  // namespace biopolis
