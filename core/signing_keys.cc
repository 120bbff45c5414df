#include "core/signing_keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/ed25519.h"
#include "core/hex.h"

namespace biopolis {
namespace {

namespace fs = std::filesystem;

Status KeyError(const std::string& what) { return Status(StatusCode::kFailedPrecondition, what, "SIGNING_KEYS"); }

// The key number of "k<N>.key", or 0.
int KeyNumber(const fs::path& file) {
  const std::string name = file.filename().string();
  if (name.size() < 6 || name[0] != 'k' || !name.ends_with(".key")) return 0;
  int n = 0;
  for (std::size_t i = 1; i + 4 < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || n > 100000) return 0;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

// Writes `content` to a new `path` with `mode` and makes it durable: the file
// fsynced, then its folder (so the name survives a power cut too). A key or a
// revocation the server has acknowledged must not vanish in a crash.
Status WriteFileDurably(const fs::path& path, const std::string& content, mode_t mode) {
  // Created with its final mode (no window where others could read a key).
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return KeyError("cannot create " + path.string());
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) return KeyError("cannot write " + path.string());
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return KeyError("cannot open the folder of " + path.string());
  ok = ::fsync(dir) == 0;
  ::close(dir);
  if (!ok) return KeyError("cannot sync the folder of " + path.string());
  return Status::Ok();
}

Status WriteNewKey(const fs::path& folder, int number) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  const fs::path path = folder / ("k" + std::to_string(number) + ".key");
  const std::string hex = ToHex(std::string_view(reinterpret_cast<const char*>(sk), sizeof sk));
  sodium_memzero(sk, sizeof sk);
  BIOPOLIS_RETURN_IF_ERROR(WriteFileDurably(path, hex + "\n", 0600));
  // 0600 whatever the umask was.
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return Status::Ok();
}

Status EnsureFolder(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return KeyError("cannot create the signing key folder " + folder.string() + ": " + ec.message());
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  return Status::Ok();
}

}  // namespace

Result<SigningKeyring> SigningKeyring::OpenOrCreate(const std::string& folder) {
  if (!InitSodium()) return KeyError("libsodium could not be initialised");
  BIOPOLIS_RETURN_IF_ERROR(EnsureFolder(folder));
  std::error_code ec;
  bool any = false;
  for (const auto& entry : fs::directory_iterator(folder, ec)) any = any || KeyNumber(entry.path()) > 0;
  if (!any) BIOPOLIS_RETURN_IF_ERROR(WriteNewKey(folder, 1));
  SigningKeyring ring;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const int number = KeyNumber(entry.path());
    if (number == 0) continue;
    std::ifstream in(entry.path());
    std::string hex;
    in >> hex;
    Key key;
    key.number = number;
    key.id = "k" + std::to_string(number);
    if (!FromHex(hex, &key.secret) || key.secret.size() != crypto_sign_SECRETKEYBYTES) {
      return KeyError("the signing key file " + entry.path().string() + " does not hold an Ed25519 secret key");
    }
    key.public_key.resize(crypto_sign_PUBLICKEYBYTES);
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(key.public_key.data()),
                                 reinterpret_cast<const unsigned char*>(key.secret.data()));
    std::ifstream revoked(fs::path(folder) / (key.id + ".revoked"));
    if (revoked) revoked >> key.revoke_time;
    ring.keys_.push_back(std::move(key));
  }
  if (ec) return KeyError("cannot read the signing key folder " + folder + ": " + ec.message());
  std::sort(ring.keys_.begin(), ring.keys_.end(), [](const Key& a, const Key& b) { return a.number < b.number; });
  return ring;
}

Result<PublicKey> SigningKeyring::Rotate(const std::string& folder) {
  BIOPOLIS_ASSIGN_OR_RETURN(auto ring, OpenOrCreate(folder));
  BIOPOLIS_RETURN_IF_ERROR(WriteNewKey(folder, ring.keys_.back().number + 1));
  BIOPOLIS_ASSIGN_OR_RETURN(auto rotated, OpenOrCreate(folder));
  return rotated.PublicKeys().back();
}

Result<PublicKey> SigningKeyring::Revoke(const std::string& folder, const std::string& key_id, TimeMicros when) {
  BIOPOLIS_ASSIGN_OR_RETURN(auto ring, OpenOrCreate(folder));
  auto it = std::find_if(ring.keys_.begin(), ring.keys_.end(), [&](const Key& k) { return k.id == key_id; });
  if (it == ring.keys_.end()) return Status::NotFound("signingKeys/" + key_id);
  if (it + 1 == ring.keys_.end()) {
    return Status::FailedPrecondition(key_id + " is the active signing key; rotate to a new key first, then revoke it",
                                      "ACTIVE_SIGNING_KEY",
                                      {"ACTIVE_SIGNING_KEY", "signingKeys/" + key_id, "the active key"});
  }
  if (it->revoke_time != 0) {
    return Status::FailedPrecondition(key_id + " is already revoked", "ALREADY_REVOKED",
                                      {"ALREADY_REVOKED", "signingKeys/" + key_id, "revoked"});
  }
  const fs::path path = fs::path(folder) / (key_id + ".revoked");
  BIOPOLIS_RETURN_IF_ERROR(WriteFileDurably(path, std::to_string(when) + "\n", 0644));
  BIOPOLIS_ASSIGN_OR_RETURN(auto after, OpenOrCreate(folder));
  for (const auto& k : after.PublicKeys()) {
    if (k.key_id == key_id) return k;
  }
  return KeyError("the revoked key vanished from " + folder);
}

std::string SigningKeyring::Sign(std::string_view message) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(keys_.back().secret.data()));
  return ToHex(std::string_view(reinterpret_cast<const char*>(sig), sizeof sig));
}

std::vector<PublicKey> SigningKeyring::PublicKeys() const {
  std::vector<PublicKey> out;
  for (const auto& k : keys_) out.push_back({k.id, ToHex(k.public_key), k.revoke_time});
  return out;
}

Result<std::shared_ptr<SigningKeys>> SigningKeys::Open(std::string folder) {
  auto keys = std::make_shared<SigningKeys>();
  keys->folder_ = std::move(folder);
  BIOPOLIS_RETURN_IF_ERROR(keys->Reload());
  return keys;
}

Status SigningKeys::Reload() {
  BIOPOLIS_ASSIGN_OR_RETURN(auto ring, SigningKeyring::OpenOrCreate(folder_));
  ring_ = std::make_shared<const SigningKeyring>(std::move(ring));
  return Status::Ok();
}

std::shared_ptr<const SigningKeyring> SigningKeys::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ring_;
}

Result<PublicKey> SigningKeys::Rotate() {
  std::lock_guard<std::mutex> lock(mu_);
  BIOPOLIS_ASSIGN_OR_RETURN(auto key, SigningKeyring::Rotate(folder_));
  BIOPOLIS_RETURN_IF_ERROR(Reload());
  return key;
}

Result<PublicKey> SigningKeys::Revoke(const std::string& key_id, TimeMicros when) {
  std::lock_guard<std::mutex> lock(mu_);
  BIOPOLIS_ASSIGN_OR_RETURN(auto key, SigningKeyring::Revoke(folder_, key_id, when));
  BIOPOLIS_RETURN_IF_ERROR(Reload());
  return key;
}

}  // namespace biopolis
