// One table per resource of the fields an Update may change: each path once,
// with how it is copied from the patch onto the stored record. The resource's
// MaskRules take their updatable paths from it and its Apply*Patch copies
// through it, so a path cannot be accepted by the mask check yet not applied,
// or applied without being accepted.
// Immutable after construction; thread-safe to share.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace biopolis {

template <typename R>
class PatchTable {
 public:
  struct Field {
    std::string path;
    std::function<void(const R& from, R& to)> copy;
  };

  // A path that is one member of the record (most are).
  template <typename V>
  static Field Member(std::string path, V R::*member) {
    return {std::move(path), [member](const R& from, R& to) { to.*member = from.*member; }};
  }

  explicit PatchTable(std::vector<Field> fields) : fields_(std::move(fields)) {}

  std::set<std::string> Paths() const {
    std::set<std::string> out;
    for (const auto& f : fields_) out.insert(f.path);
    return out;
  }

  // Copies the fields named by `paths` (checked by CheckUpdateMask first)
  // from `patch` onto `target`; a path not in the table is ignored.
  void Apply(const R& patch, const std::vector<std::string>& paths, R& target) const {
    for (const auto& path : paths) {
      for (const auto& f : fields_) {
        if (f.path == path) f.copy(patch, target);
      }
    }
  }

 private:
  std::vector<Field> fields_;
};

}  // namespace biopolis
