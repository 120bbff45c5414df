#include "storage/database_url.h"

namespace biopolis {
namespace {

Status Bad(const std::string& why) { return Status::InvalidField("database", why, "INVALID_CONFIG"); }

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

Result<DatabaseLocation> ParseDatabaseUrl(const std::string& url) {
  DatabaseLocation out;
  out.display = url;
  if (StartsWith(url, "sqlite://")) {
    out.kind = DatabaseLocation::Kind::kSqlite;
    out.target = url.substr(std::string("sqlite://").size());
    if (out.target.empty()) return Bad("sqlite:// needs a file path, e.g. sqlite:///var/lib/biopolis/biopolis.db");
    return out;
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    out.kind = DatabaseLocation::Kind::kPostgres;
    out.target = url;
    const std::size_t authority = url.find("://") + 3;
    const std::size_t authority_end = url.find_first_of("/?", authority);
    const std::string userinfo_and_host = url.substr(authority, authority_end - authority);
    const std::size_t at = userinfo_and_host.rfind('@');
    const bool password_in_userinfo =
        at != std::string::npos && userinfo_and_host.substr(0, at).find(':') != std::string::npos;
    const std::size_t query = url.find('?');
    const bool password_in_query = query != std::string::npos && (url.find("?password=", query) != std::string::npos ||
                                                                  url.find("&password=", query) != std::string::npos);
    if (password_in_userinfo || password_in_query) {
      return Bad(
          "the URL carries a password; give it in PGPASSWORD or ~/.pgpass (PGPASSFILE) instead, so it never "
          "appears in a config, a process list or a log");
    }
    return out;
  }
  return Bad("must be sqlite:///PATH or postgresql://USER@HOST/DBNAME (got \"" + url.substr(0, 40) + "\")");
}

}  // namespace biopolis
