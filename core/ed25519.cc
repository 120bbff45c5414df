#include "core/ed25519.h"

#include <sodium.h>

#include <string>

#include "core/hex.h"

namespace biopolis {

bool InitSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

bool Ed25519Verify(std::string_view message, std::string_view signature_hex, std::string_view public_key_hex) {
  if (!InitSodium()) return false;
  std::string sig;
  std::string pk;
  if (!FromHex(signature_hex, &sig) || sig.size() != crypto_sign_BYTES) return false;
  if (!FromHex(public_key_hex, &pk) || pk.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(pk.data())) == 0;
}

}  // namespace biopolis
