#include "storage/postgres/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "storage/postgres/pg_error.h"

namespace biopolis {
namespace {

// Type OIDs (pg_type.h is a server header; these numbers never change).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// libpq's messages span lines (ERROR, DETAIL, HINT): one line for our logs.
std::string OneLine(std::string message) {
  for (char& c : message) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  while (!message.empty() && message.back() == ' ') message.pop_back();
  return message;
}

PgError ErrorOf(PGconn* conn, const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn);
  message = OneLine(std::move(message));
  // A broken connection reports no SQLSTATE of its own.
  std::string sqlstate = state != nullptr ? state : "";
  if (PQstatus(conn) == CONNECTION_BAD) sqlstate = "";
  return PgError(std::move(sqlstate), message);
}

// The highest parameter number in `sql` once numbered (the statement's count).
int ParameterCount(const std::string& numbered) {
  int count = 0;
  for (std::size_t i = 0; i < numbered.size(); ++i) {
    if (numbered[i] != '$' || i + 1 >= numbered.size() || !std::isdigit(static_cast<unsigned char>(numbered[i + 1]))) {
      continue;
    }
    count = std::max(count, std::atoi(numbered.c_str() + i + 1));
  }
  return count;
}

// Reads and drops any reply still unread (a COMMIT sent without waiting).
void DiscardUnreadReplies(PGconn* conn) {
  while (PGresult* r = PQgetResult(conn)) PQclear(r);
}

class PgStatement final : public SqlStatement {
 public:
  // `deferred`: the connection's DeferCommand text, sent ahead of this
  // statement's next execution when not empty.
  PgStatement(PGconn* conn, std::string* deferred, std::string name, int parameters)
      : conn_(conn),
        deferred_(deferred),
        name_(std::move(name)),
        values_(static_cast<std::size_t>(parameters)),
        blobs_(static_cast<std::size_t>(parameters)),
        kinds_(static_cast<std::size_t>(parameters), Kind::kNull) {}

  ~PgStatement() override {
    Clear();
    // The server keeps a prepared statement until it is deallocated or the
    // session ends; a statement evicted from the cache is deallocated.
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_INERROR) {
      PQclear(PQexec(conn_, ("DEALLOCATE " + name_).c_str()));
    }
  }

  void BindInt64(int index, std::int64_t value) override { Set(index, Kind::kText, std::to_string(value)); }
  void BindDouble(int index, double value) override {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    Set(index, Kind::kText, text);
  }
  void BindText(int index, std::string_view value) override { Set(index, Kind::kText, std::string(value)); }
  void BindBlob(int index, const void* data, std::size_t size) override {
    Set(index, Kind::kBlob, {});
    blobs_[Slot(index)] = {static_cast<const char*>(data), size};
  }
  void BindNull(int index) override { Set(index, Kind::kNull, {}); }

  bool Step() override {
    if (result_ == nullptr) Run();
    ++row_;
    decoded_.clear();
    if (row_ < PQntuples(result_)) return true;
    row_ = PQntuples(result_);
    return false;
  }
  bool HasRow() const override { return result_ != nullptr && row_ >= 0 && row_ < PQntuples(result_); }
  int Changes() const override {
    if (result_ == nullptr) return 0;
    const char* n = PQcmdTuples(result_);
    return n != nullptr && *n != '\0' ? std::atoi(n) : 0;
  }
  bool ResetAndClear() override {
    Clear();
    for (auto& k : kinds_) k = Kind::kNull;
    for (auto& v : values_) v.clear();
    return true;
  }

  bool ColumnIsNull(int column) override { return PQgetisnull(result_, row_, column) != 0; }
  bool ColumnIsInteger(int column) override {
    Oid type = PQftype(result_, column);
    return type == kInt8Oid || type == kInt4Oid || type == kInt2Oid;
  }
  std::int64_t ColumnInt64(int column) override {
    const char* text = PQgetvalue(result_, row_, column);
    if (PQftype(result_, column) == kBoolOid) return text[0] == 't' ? 1 : 0;
    return std::strtoll(text, nullptr, 10);
  }
  double ColumnDouble(int column) override { return std::strtod(PQgetvalue(result_, row_, column), nullptr); }
  int ColumnCount() override { return result_ != nullptr ? PQnfields(result_) : 0; }
  std::string ColumnName(int column) override {
    const char* name = result_ != nullptr ? PQfname(result_, column) : nullptr;
    return name != nullptr ? name : "";
  }
  SqlType ColumnType(int column) override {
    if (PQgetisnull(result_, row_, column) != 0) return SqlType::kNull;
    switch (PQftype(result_, column)) {
      case kInt8Oid:
      case kInt4Oid:
      case kInt2Oid:
      case kBoolOid:
        return SqlType::kInteger;
      case kFloat4Oid:
      case kFloat8Oid:
      case kNumericOid:
        return SqlType::kReal;
      case kByteaOid:
        return SqlType::kBlob;
      default:
        return SqlType::kText;
    }
  }
  std::string_view ColumnBytes(int column) override {
    const char* text = PQgetvalue(result_, row_, column);
    if (PQftype(result_, column) != kByteaOid) {
      return {text, static_cast<std::size_t>(PQgetlength(result_, row_, column))};
    }
    auto [it, fresh] = decoded_.try_emplace(column);
    if (fresh) {
      std::size_t size = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
      if (bytes == nullptr) throw PgError("", "could not decode a bytea column");
      it->second.assign(reinterpret_cast<const char*>(bytes), size);
      PQfreemem(bytes);
    }
    return it->second;
  }

 private:
  enum class Kind { kNull, kText, kBlob };

  std::size_t Slot(int index) const {
    if (index < 1 || static_cast<std::size_t>(index) > kinds_.size()) {
      throw PgError("", "parameter " + std::to_string(index) + " is out of range for statement " + name_);
    }
    return static_cast<std::size_t>(index - 1);
  }
  void Set(int index, Kind kind, std::string value) {
    std::size_t slot = Slot(index);
    kinds_[slot] = kind;
    values_[slot] = std::move(value);
  }
  void Clear() {
    if (result_ != nullptr) PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    decoded_.clear();
  }

  void Run() {
    const std::size_t n = kinds_.size();
    std::vector<const char*> values(n);
    std::vector<int> lengths(n);
    std::vector<int> formats(n);
    for (std::size_t i = 0; i < n; ++i) {
      switch (kinds_[i]) {
        case Kind::kNull:
          values[i] = nullptr;
          break;
        case Kind::kText:
          values[i] = values_[i].c_str();
          break;
        case Kind::kBlob:
          // A valid pointer even for zero bytes: null would mean SQL NULL.
          values[i] = blobs_[i].data() != nullptr ? blobs_[i].data() : "";
          lengths[i] = static_cast<int>(blobs_[i].size());
          formats[i] = 1;
          break;
      }
    }
    if (!deferred_->empty()) {
      RunAfterDeferred(values, lengths, formats);
      row_ = -1;
      return;
    }
    result_ =
        PQexecPrepared(conn_, name_.c_str(), static_cast<int>(n), values.data(), lengths.data(), formats.data(), 0);
    ExecStatusType status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      PgError error = ErrorOf(conn_, result_);
      Clear();
      throw error;
    }
    row_ = -1;
  }

  // The deferred command and this statement in one pipeline: two queries
  // and a sync sent at once, then their replies read in order. Leaves
  // result_ set, or throws the first error (the command's, if it failed).
  void RunAfterDeferred(const std::vector<const char*>& values, const std::vector<int>& lengths,
                        const std::vector<int>& formats) {
    const std::string command = std::move(*deferred_);
    deferred_->clear();
    DiscardUnreadReplies(conn_);
    if (PQenterPipelineMode(conn_) == 0) throw ErrorOf(conn_, nullptr);
    const bool sent = PQsendQueryParams(conn_, command.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 0 &&
                      PQsendQueryPrepared(conn_, name_.c_str(), static_cast<int>(values.size()), values.data(),
                                          lengths.data(), formats.data(), 0) != 0 &&
                      PQpipelineSync(conn_) != 0;
    // Replies in order: the command's result, a null; the statement's, a
    // null; then the sync. A broken connection ends the replies early.
    std::vector<PGresult*> replies;
    for (int nulls = 0; sent && nulls < 3;) {
      PGresult* r = PQgetResult(conn_);
      if (r == nullptr) {
        if (PQstatus(conn_) == CONNECTION_BAD) break;
        ++nulls;
        continue;
      }
      nulls = 0;
      if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        break;
      }
      replies.push_back(r);
    }
    PQexitPipelineMode(conn_);
    auto ok = [](PGresult* r) {
      ExecStatusType s = PQresultStatus(r);
      return s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK;
    };
    std::optional<PgError> error;
    if (replies.size() < 2) error = ErrorOf(conn_, replies.empty() ? nullptr : replies.front());
    for (std::size_t i = 0; i < replies.size() && !error; ++i) {
      if (!ok(replies[i])) error = ErrorOf(conn_, replies[i]);
    }
    if (!error) {
      result_ = replies[1];
      replies[1] = nullptr;
    }
    for (PGresult* r : replies) {
      if (r != nullptr) PQclear(r);
    }
    if (error) throw *error;
  }

  PGconn* conn_;
  std::string* deferred_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<std::string_view> blobs_;
  std::vector<Kind> kinds_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  std::map<int, std::string> decoded_;
};

}  // namespace

PgConnection::PgConnection(const std::string& conninfo, std::size_t max_cached_statements)
    : SqlConnection(max_cached_statements) {
  // A server that does not answer must not hang the writer or the listener:
  // connect_timeout is 10 s unless the URL (or PGCONNECT_TIMEOUT) says
  // otherwise. The URL is expanded after the default, so it wins.
  const char* timeout_env = std::getenv("PGCONNECT_TIMEOUT");
  const std::string timeout = timeout_env != nullptr && *timeout_env != '\0' ? timeout_env : "10";
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), conninfo.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr) throw PgError("", "out of memory connecting to PostgreSQL");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = OneLine(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("", "cannot connect to PostgreSQL: " + message);
  }
  // Our own notices (e.g. "relation already exists, skipping") are not the
  // server log's business; errors still come back as results.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  DropCachedStatements();
  if (conn_ != nullptr) PQfinish(conn_);
}

bool PgConnection::broken() const { return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

bool PgConnection::WaitForNotification(std::chrono::milliseconds timeout) {
  auto drain = [this] {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  };
  if (drain()) return true;
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  if (fd.fd < 0) return false;
  int ready = poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return false;
  // Reads what arrived; a closed socket leaves the connection CONNECTION_BAD.
  if (PQconsumeInput(conn_) == 0) return false;
  return drain();
}

void PgConnection::DeferCommand(std::string sql) { deferred_ = std::move(sql); }

void PgConnection::CommitReadOnlyWithoutWaiting() {
  if (!deferred_.empty()) {
    deferred_.clear();
    return;
  }
  DiscardUnreadReplies(conn_);
  // A failure to send shows as broken() on the connection's next use.
  PQsendQuery(conn_, "COMMIT");
}

void PgConnection::ExecuteScript(const std::string& sql) {
  if (!deferred_.empty()) {
    const std::string command = std::move(deferred_);
    deferred_.clear();
    ExecuteScript(command);
  }
  PGresult* result = PQexec(conn_, sql.c_str());
  ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    PgError error = ErrorOf(conn_, result);
    PQclear(result);
    throw error;
  }
  PQclear(result);
}

std::string PgConnection::NumberParameters(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same text
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    std::size_t digits = i + 1;
    while (digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[digits]))) ++digits;
    if (digits > i + 1) {
      out += '$';
      out.append(sql, i + 1, digits - i - 1);
      i = digits - 1;
    } else {
      out += '$' + std::to_string(++next);
    }
  }
  return out;
}

std::unique_ptr<SqlStatement> PgConnection::Prepare(const std::string& sql) {
  std::string numbered = NumberParameters(sql);
  std::string name = "biopolis_" + std::to_string(++next_statement_);
  PGresult* result = PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr);
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    PgError error = ErrorOf(conn_, result);
    PQclear(result);
    throw error;
  }
  PQclear(result);
  return std::make_unique<PgStatement>(conn_, &deferred_, std::move(name), ParameterCount(numbered));
}

}  // namespace biopolis
