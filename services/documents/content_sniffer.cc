#include "services/documents/content_sniffer.h"

#include <magic.h>

#include <stdexcept>

namespace biopolis {
namespace {

// One libmagic handle per thread and flag set (a handle is not thread-safe),
// loaded once with the system's compiled database.
class MagicHandle {
 public:
  explicit MagicHandle(int flags) : cookie_(magic_open(flags | MAGIC_ERROR)) {
    if (cookie_ == nullptr || magic_load(cookie_, nullptr) != 0) {
      std::string why = cookie_ != nullptr && magic_error(cookie_) != nullptr ? magic_error(cookie_) : "magic_open";
      if (cookie_ != nullptr) magic_close(cookie_);
      cookie_ = nullptr;
      throw std::runtime_error("libmagic could not load its database: " + why);
    }
  }
  ~MagicHandle() {
    if (cookie_ != nullptr) magic_close(cookie_);
  }
  MagicHandle(const MagicHandle&) = delete;
  MagicHandle& operator=(const MagicHandle&) = delete;

  std::string Describe(std::string_view head) {
    const char* out = magic_buffer(cookie_, head.data(), head.size());
    return out != nullptr ? out : "";
  }

 private:
  magic_t cookie_;
};

}  // namespace

SniffedType SniffContent(std::string_view head) {
  thread_local MagicHandle mime(MAGIC_MIME_TYPE);
  thread_local MagicHandle description(MAGIC_NONE);
  if (head.size() > kSniffBytes) head = head.substr(0, kSniffBytes);
  SniffedType t{mime.Describe(head), description.Describe(head)};
  if (t.mime.empty()) t.mime = "application/octet-stream";
  return t;
}

}  // namespace biopolis
