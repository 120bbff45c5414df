#include "services/server/server_options.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "storage/database_url.h"

namespace biopolis {
namespace {

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool ParseBool(const std::string& v, bool& out) {
  if (v == "true" || v == "yes" || v == "1") {
    out = true;
    return true;
  }
  if (v == "false" || v == "no" || v == "0") {
    out = false;
    return true;
  }
  return false;
}

bool ParseInt(const std::string& v, int& out) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

}  // namespace

Status LoadConfigFile(const std::string& path, ServerOptions& o) {
  std::ifstream in(path);
  if (!in) return Status(StatusCode::kNotFound, "cannot read config file " + path, "CONFIG_NOT_FOUND");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto hash = line.find('#');
    if (hash != std::string::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    auto eq = line.find('=');
    std::string where = path + ":" + std::to_string(number);
    if (eq == std::string::npos) {
      return Status::InvalidField("config", where + ": expected `key = value`", "INVALID_CONFIG");
    }
    std::string key = Trim(line.substr(0, eq));
    std::string value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    bool ok = true;
    if (key == "listen")
      o.listen = value;
    else if (key == "db")
      o.db = value;
    else if (key == "database")
      o.database = value;
    else if (key == "health_check_interval_ms")
      ok = ParseInt(value, o.health_check_interval_ms);
    else if (key == "log_level")
      o.log_level = value;
    else if (key == "tls_cert")
      o.tls_cert = value;
    else if (key == "tls_key")
      o.tls_key = value;
    else if (key == "tls_client_ca")
      o.tls_client_ca = value;
    else if (key == "client_certificate_roles") {
      Status parsed = ParseCertificateRoles(value, o.client_certificate_roles);
      if (!parsed.ok())
        return Status::InvalidField("config", where + ": " + parsed.field_violations().at(0).description,
                                    "INVALID_CONFIG");
    } else if (key == "insecure")
      ok = ParseBool(value, o.insecure);
    else if (key == "demo")
      ok = ParseBool(value, o.demo);
    else if (key == "group_commit")
      ok = ParseBool(value, o.group_commit);
    else if (key == "reader_connections")
      ok = ParseInt(value, o.reader_connections);
    else if (key == "max_metadata_bytes")
      ok = ParseInt(value, o.max_metadata_bytes);
    else if (key == "max_receive_message_bytes")
      ok = ParseInt(value, o.max_receive_message_bytes);
    else if (key == "shutdown_grace_seconds")
      ok = ParseInt(value, o.shutdown_grace_seconds);
    else if (key == "timed_transition_interval_seconds")
      ok = ParseInt(value, o.timed_transition_interval_seconds);
    else if (key == "max_concurrent_calls")
      ok = ParseInt(value, o.max_concurrent_calls);
    else if (key == "rate_limit_per_second")
      ok = ParseInt(value, o.rate_limit_per_second);
    else if (key == "rate_limit_burst")
      ok = ParseInt(value, o.rate_limit_burst);
    else if (key == "failed_auth_per_second")
      ok = ParseInt(value, o.failed_auth_per_second);
    else if (key == "failed_auth_burst")
      ok = ParseInt(value, o.failed_auth_burst);
    else if (key == "max_streams_per_connection")
      ok = ParseInt(value, o.max_streams_per_connection);
    else if (key == "grpc_memory_mib")
      ok = ParseInt(value, o.grpc_memory_mib);
    else if (key == "grpc_max_threads")
      ok = ParseInt(value, o.grpc_max_threads);
    else if (key == "startup_check")
      ok = ParseBool(value, o.startup_check);
    else if (key == "signing_keys_dir")
      o.signing_keys_dir = value;
    else if (key == "audit_checkpoint_file")
      o.audit_checkpoint_file = value;
    else if (key == "audit_checkpoint_interval_seconds")
      ok = ParseInt(value, o.audit_checkpoint_interval_seconds);
    else if (key == "log_format")
      o.log_format = value;
    else if (key == "metrics_listen")
      o.metrics_listen = value;
    else if (key == "max_document_mib")
      ok = ParseInt(value, o.max_document_mib);
    else if (key == "document_quota_mib")
      ok = ParseInt(value, o.document_quota_mib);
    else
      return Status::InvalidField("config", where + ": unknown key `" + key + "`", "INVALID_CONFIG");
    if (!ok) return Status::InvalidField("config", where + ": bad value for `" + key + "`", "INVALID_CONFIG");
  }
  return Status::Ok();
}

bool IsLoopbackAddress(const std::string& host_port) {
  std::string host = host_port;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.find(']') - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

Status CheckTlsFiles(const ServerOptions& o) {
  if (o.tls_cert.empty()) return Status::Ok();
  auto bad = [](const std::string& field, const std::string& why) {
    return Status::InvalidField(field, why, "INVALID_TLS_FILE");
  };
  auto open = [](const std::string& path) {
    return std::unique_ptr<BIO, decltype(&BIO_free)>(BIO_new_file(path.c_str(), "r"), BIO_free);
  };
  auto cert_bio = open(o.tls_cert);
  if (!cert_bio) return bad("tls_cert", "cannot read " + o.tls_cert + ": " + std::strerror(errno));
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr),
                                                   X509_free);
  if (!cert) return bad("tls_cert", o.tls_cert + " holds no PEM certificate");
  auto key_bio = open(o.tls_key);
  if (!key_bio) return bad("tls_key", "cannot read " + o.tls_key + ": " + std::strerror(errno));
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) return bad("tls_key", o.tls_key + " holds no PEM private key (or it is encrypted)");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return bad("tls_key", o.tls_key + " is not the private key of the certificate in " + o.tls_cert);
  }
  if (!o.tls_client_ca.empty()) {
    auto ca_bio = open(o.tls_client_ca);
    if (!ca_bio) return bad("tls_client_ca", "cannot read " + o.tls_client_ca + ": " + std::strerror(errno));
    std::unique_ptr<X509, decltype(&X509_free)> ca(PEM_read_bio_X509(ca_bio.get(), nullptr, nullptr, nullptr),
                                                   X509_free);
    if (!ca) return bad("tls_client_ca", o.tls_client_ca + " holds no PEM certificate");
  }
  ERR_clear_error();
  return Status::Ok();
}

Status ParseCertificateRoles(const std::string& text, std::map<std::string, Role>& out) {
  out.clear();
  std::stringstream pairs(text);
  std::string pair;
  while (std::getline(pairs, pair, ',')) {
    pair = Trim(pair);
    auto bad = [&pair](const std::string& why) {
      return Status::InvalidField("client_certificate_roles", "`" + pair + "`: " + why, "INVALID_CONFIG");
    };
    auto eq = pair.rfind('=');
    if (eq == std::string::npos) return bad("expected NAME=ROLE");
    std::string name = Trim(pair.substr(0, eq));
    std::string role = Trim(pair.substr(eq + 1));
    Role r = role == "admin"     ? Role::kAdmin
             : role == "officer" ? Role::kOfficer
             : role == "auditor" ? Role::kAuditor
                                 : Role::kUnspecified;
    if (name.empty()) return bad("the certificate name is empty");
    if (r == Role::kUnspecified) return bad("the role must be admin, officer or auditor");
    if (!out.emplace(name, r).second) return bad("the name is given twice");
  }
  return Status::Ok();
}

Status ValidateServerOptions(const ServerOptions& o) {
  FieldErrors errors;
  if (o.listen.empty() || o.listen.find(':') == std::string::npos) {
    errors.Add("listen", "must be HOST:PORT", "INVALID_CONFIG");
  }
  if (o.db.empty() && o.database.empty()) errors.Add("db", "is required", "INVALID_CONFIG");
  if (!o.database.empty()) {
    auto location = ParseDatabaseUrl(o.database);
    if (!location.ok()) errors.Add("database", location.status().message(), "INVALID_CONFIG");
  }
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error"};
  bool level_ok = false;
  for (const char* l : kLevels) level_ok = level_ok || o.log_level == l;
  if (!level_ok) errors.Add("log_level", "must be trace, debug, info, warn or error", "INVALID_CONFIG");
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    errors.Add("tls_cert", "tls_cert and tls_key go together", "INVALID_CONFIG");
  }
  bool tls = !o.tls_cert.empty();
  if (!o.tls_client_ca.empty() && !tls) {
    errors.Add("tls_client_ca", "client certificates need TLS: set tls_cert and tls_key", "INVALID_CONFIG");
  }
  if (!o.client_certificate_roles.empty() && o.tls_client_ca.empty()) {
    errors.Add("client_certificate_roles", "needs tls_client_ca, the CA that signs the client certificates",
               "INVALID_CONFIG");
  }
  if (!IsLoopbackAddress(o.listen) && !tls && !o.insecure) {
    errors.Add("listen",
               o.listen +
                   " is not a loopback address: configure tls_cert/tls_key, or pass --insecure "
                   "if a TLS proxy or VPN protects it",
               "INSECURE_LISTEN");
  }
  if (o.demo && !IsLoopbackAddress(o.listen)) {
    errors.Add("demo", "demo mode publishes well-known keys and is allowed on a loopback address only",
               "INSECURE_DEMO");
  }
  if (o.reader_connections < 1 || o.reader_connections > 64) {
    errors.Add("reader_connections", "must be between 1 and 64", "INVALID_CONFIG");
  }
  if (o.max_receive_message_bytes < 1024 || o.max_receive_message_bytes > 64 * 1024 * 1024) {
    errors.Add("max_receive_message_bytes", "must be between 1 KiB and 64 MiB", "INVALID_CONFIG");
  }
  if (o.max_metadata_bytes < 1024 || o.max_metadata_bytes > 1024 * 1024) {
    errors.Add("max_metadata_bytes", "must be between 1 KiB and 1 MiB", "INVALID_CONFIG");
  }
  if (o.shutdown_grace_seconds < 0 || o.shutdown_grace_seconds > 600) {
    errors.Add("shutdown_grace_seconds", "must be between 0 and 600", "INVALID_CONFIG");
  }
  if (o.timed_transition_interval_seconds < 1 || o.timed_transition_interval_seconds > 86400) {
    errors.Add("timed_transition_interval_seconds", "must be between 1 and 86400", "INVALID_CONFIG");
  }
  if (o.max_concurrent_calls < 1 || o.max_concurrent_calls > 100000) {
    errors.Add("max_concurrent_calls", "must be between 1 and 100000", "INVALID_CONFIG");
  }
  if (o.failed_auth_per_second < 0 || o.failed_auth_burst < 1) {
    errors.Add("failed_auth_per_second", "rate must be >= 0 (0: off) and burst >= 1", "INVALID_CONFIG");
  }
  if (o.log_format != "text" && o.log_format != "json") {
    errors.Add("log_format", "must be text or json", "INVALID_CONFIG");
  }
  if (!o.metrics_listen.empty()) {
    if (o.metrics_listen.rfind(':') == std::string::npos) {
      errors.Add("metrics_listen", "must be HOST:PORT, e.g. 127.0.0.1:9464", "INVALID_CONFIG");
    } else if (!IsLoopbackAddress(o.metrics_listen) && !o.insecure) {
      errors.Add("metrics_listen",
                 "is not a loopback address; the endpoint has no TLS or authentication: keep it on 127.0.0.1 (a "
                 "local scraper or proxy) or set insecure = true",
                 "INSECURE_LISTEN");
    }
  }
  if (o.max_document_mib < 1 || o.max_document_mib > 4096) {
    errors.Add("max_document_mib", "must be between 1 and 4096", "INVALID_CONFIG");
  }
  if (o.document_quota_mib < 1 || o.document_quota_mib > 1 << 20) {
    errors.Add("document_quota_mib", "must be between 1 and 1048576 (1 TiB)", "INVALID_CONFIG");
  }
  if (o.health_check_interval_ms < 10 || o.health_check_interval_ms > 60000) {
    errors.Add("health_check_interval_ms", "must be between 10 and 60000", "INVALID_CONFIG");
  }
  if (o.audit_checkpoint_interval_seconds < 1 || o.audit_checkpoint_interval_seconds > 86400) {
    errors.Add("audit_checkpoint_interval_seconds", "must be between 1 and 86400", "INVALID_CONFIG");
  }
  if (o.max_streams_per_connection < 1 || o.max_streams_per_connection > 10000) {
    errors.Add("max_streams_per_connection", "must be between 1 and 10000", "INVALID_CONFIG");
  }
  if (o.grpc_memory_mib < 16 || o.grpc_memory_mib > 65536) {
    errors.Add("grpc_memory_mib", "must be between 16 and 65536", "INVALID_CONFIG");
  }
  if (o.grpc_max_threads < 4 || o.grpc_max_threads > 4096) {
    errors.Add("grpc_max_threads", "must be between 4 and 4096", "INVALID_CONFIG");
  }
  if (o.rate_limit_per_second < 0 || o.rate_limit_burst < 1) {
    errors.Add("rate_limit_per_second", "rate must be >= 0 (0: off) and burst >= 1", "INVALID_CONFIG");
  }
  return errors.ToStatus();
}

}  // namespace biopolis
