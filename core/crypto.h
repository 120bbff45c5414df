// Small cryptographic helpers over OpenSSL: hashing of API keys, HMAC for
// tamper-checked page tokens, random secrets and request ids.
// Thread-safe (OpenSSL 3 is).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace biopolis {

// SHA-256 of data given piece by piece (a streamed upload). Not thread-safe:
// one per stream.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Update(std::string_view data);
  // Lower-case hex of everything given; the stream is spent afterwards.
  std::string FinishHex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Raw 32-byte HMAC-SHA256.
std::string HmacSha256(std::string_view key, std::string_view data);
// `n` bytes from the OS CSPRNG.
std::string RandomBytes(std::size_t n);
// URL-safe base64 without padding.
std::string Base64UrlEncode(std::string_view data);
std::optional<std::string> Base64UrlDecode(std::string_view text);
// A random (version 4) UUID in canonical lower-case form.
std::string NewUuid();
// True for a canonical UUID (8-4-4-4-12 hex digits).
bool IsUuid(std::string_view text);
// Compares in time independent of where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace biopolis
