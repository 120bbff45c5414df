#include "services/admin/backups.h"

#include <filesystem>
#include <future>

namespace biopolis {

Result<BackupInfo> Backups::Create(const Caller& caller, const std::string& path) {
  namespace fs = std::filesystem;
  fs::path target(path);
  std::error_code ec;
  if (path.empty() || !target.is_absolute()) {
    return Status::InvalidField("destination_path", "must be an absolute path on the server", "INVALID_PATH");
  }
  if (!fs::is_directory(target.parent_path(), ec)) {
    return Status::InvalidField("destination_path", target.parent_path().string() + " is not a folder", "INVALID_PATH");
  }
  if (fs::exists(target, ec)) {
    return Status::AlreadyExists(path + " exists; backups never overwrite a file", "BACKUP_EXISTS");
  }
  BIOPOLIS_RETURN_IF_ERROR(env_.store.Backup(path));
  BackupInfo info{path, static_cast<std::int64_t>(fs::file_size(target, ec)), env_.clock.Now()};
  // The backup is audited like any change.
  std::promise<Status> audited;
  env_.commands.Run<BackupInfo>(
      caller, {"CreateBackup", "", ""},
      [info](CommandContext& ctx) -> Result<BackupInfo> {
        ctx.Record("backups", 0, "backup.created",
                   "online backup written to " + info.path + " (" + std::to_string(info.size_bytes) + " bytes)");
        return info;
      },
      [](const BackupInfo&) { return std::string(); },
      [&audited](Result<std::string> r) { audited.set_value(r.ok() ? Status::Ok() : r.status()); });
  BIOPOLIS_RETURN_IF_ERROR(audited.get_future().get());
  return info;
}

}  // namespace biopolis
