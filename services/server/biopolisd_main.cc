// biopolisd: the Biopolis SEZ registry server.
//
//   biopolisd [--config FILE] [--listen HOST:PORT] [--db PATH] [--log-level L] [--demo] ...
//   biopolisd bootstrap-admin-key [--db PATH | --database URL] [--name TEXT]
//   biopolisd copy-database --from URL --to URL
//   biopolisd migrate [--db PATH | --database URL]
//
// CLI11 (Debian's libcli11-dev) parses the command line: typed options,
// subcommands and --help for free, instead of a hand-written parser.
#include <malloc.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <thread>

#include "services/api/log_format.h"
#include "services/domain/domain.h"
#include "services/server/biopolis_server.h"
#include "services/server/demo_data.h"
#include "storage/copy_database.h"
#include "storage/open_store.h"

namespace {

// The store a subcommand works on: --database URL, else the --db file. On
// failure, says why on stderr and sets `exit_code` (2: a bad URL, 1: the
// database could not be opened).
std::unique_ptr<biopolis::Store> OpenForCommand(const std::string& db, const std::string& database,
                                                std::string& display, int& exit_code) {
  auto location = biopolis::ParseDatabaseUrl(database.empty() ? "sqlite://" + db : database);
  if (!location.ok()) {
    std::cerr << "error: " << location.status().message() << "\n";
    exit_code = 2;
    return nullptr;
  }
  display = location->display;
  auto store = biopolis::OpenStore(*location, {.readers = 1});
  if (!store.ok()) {
    std::cerr << "error: " << store.status().ToString() << "\n";
    exit_code = 1;
    return nullptr;
  }
  return std::move(*store);
}

int BootstrapAdminKey(const std::string& db, const std::string& database, const std::string& name) {
  std::string display;
  int exit_code = 0;
  auto store = OpenForCommand(db, database, display, exit_code);
  if (!store) return exit_code;
  biopolis::SystemClock clock;
  biopolis::Domain domain(*store, clock);
  biopolis::ApiKeyRecord key;
  key.display_name = name;
  key.role = biopolis::Role::kAdmin;
  auto created = domain.keys.CreateDirect(key, "");
  if (!created.ok()) {
    std::cerr << "error: " << created.status().ToString() << "\n";
    return 1;
  }
  std::cout << "Created apiKeys/" << created->key.id << " (ROLE_ADMIN, \"" << name << "\").\n"
            << "Secret (shown once; store it safely):\n"
            << created->secret << "\n";
  return 0;
}

// Creates or migrates the schema and exits: run as the schema's owner when
// biopolisd itself runs under a role with data privileges only.
int Migrate(const std::string& db, const std::string& database) {
  std::string display;
  int exit_code = 0;
  auto store = OpenForCommand(db, database, display, exit_code);
  if (!store) return exit_code;
  std::cout << display << ": schema v" << store->schema_version() << ", current.\n";
  return 0;
}

int CopyDatabase(const std::string& from, const std::string& to) {
  auto source = biopolis::ParseDatabaseUrl(from);
  auto target = biopolis::ParseDatabaseUrl(to);
  for (const auto* location : {&source, &target}) {
    if (!location->ok()) {
      std::cerr << "error: " << location->status().message() << "\n";
      return 2;
    }
  }
  std::cout << "Copying " << source->display << " to " << target->display << " ...\n";
  auto report = biopolis::CopyDatabase(*source, *target);
  if (!report.ok()) {
    std::cerr << "error: " << report.status().ToString() << "\n";
    return 1;
  }
  for (const auto& [table, rows] : report->tables) std::cout << "  " << table << ": " << rows << " rows\n";
  std::cout << "Verified: every table's row count matches the source; the audit chain of " << report->audit_records
            << " records recomputes on the target and ends at the source's head "
            << (report->audit_head_hash.empty() ? "(empty log)" : report->audit_head_hash) << ".\n"
            << "Schema v" << report->schema_version << ". Point biopolisd's `database` at the target now.\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Document chunks are 1 MiB buffers made on one thread and freed on
  // another. glibc would raise its mmap threshold after the first free and
  // then keep such buffers in per-thread arenas, which only grow: a fixed
  // threshold maps each one and gives it back when freed, so the server's RSS
  // follows the memory in use (docs/PERFORMANCE.md, "Documents").
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  // Logs go to standard error (journald under systemd); standard output is
  // for what the user asked for (the demo keys, a bootstrapped key).
  spdlog::set_default_logger(spdlog::stderr_color_mt("biopolisd"));
  CLI::App app{"biopolisd: the Biopolis special economic zone registry server"};
  app.set_version_flag("--version", std::string("biopolisd ") + BIOPOLIS_VERSION);
  biopolis::ServerOptions options;
  std::string config;
  app.add_option("--config", config, "Config file (key = value lines; flags override it)");
  auto* listen = app.add_option("--listen", options.listen, "Listen address HOST:PORT")->capture_default_str();
  auto* db =
      app.add_option("--db", options.db, "SQLite database file (created and migrated on start)")->capture_default_str();
  auto* database = app.add_option("--database", options.database,
                                  "Database URL: sqlite:///PATH or postgresql://USER@HOST/DB (no password: "
                                  "PGPASSWORD or ~/.pgpass); wins over --db");
  auto* level =
      app.add_option("--log-level", options.log_level, "trace, debug, info, warn or error")->capture_default_str();
  auto* log_format =
      app.add_option("--log-format", options.log_format, "text, or json for log shippers")->capture_default_str();
  auto* cert = app.add_option("--tls-cert", options.tls_cert, "PEM certificate chain for TLS");
  auto* key = app.add_option("--tls-key", options.tls_key, "PEM private key for TLS");
  auto* insecure = app.add_flag("--insecure", options.insecure, "Allow a non-loopback address without TLS");
  auto* demo = app.add_flag("--demo", options.demo, "Seed demo data into an empty database; print demo keys");
  bool skip_check = false;
  auto* skip = app.add_flag("--skip-startup-check", skip_check,
                            "Do not run PRAGMA quick_check at start (see docs/OPERATIONS.md)");
  auto* grace =
      app.add_option("--shutdown-grace-seconds", options.shutdown_grace_seconds, "Time in-flight calls get on SIGTERM")
          ->capture_default_str();

  auto* bootstrap = app.add_subcommand("bootstrap-admin-key",
                                       "Create an administrator key directly in the database and print it once");
  std::string bootstrap_name = "Bootstrap administrator";
  std::string bootstrap_db = options.db;
  std::string bootstrap_database;
  bootstrap->add_option("--db", bootstrap_db, "SQLite database file")->capture_default_str();
  bootstrap->add_option("--database", bootstrap_database, "Database URL (sqlite:///PATH or postgresql://...)");
  bootstrap->add_option("--name", bootstrap_name, "Who holds the key")->capture_default_str();

  auto* copy = app.add_subcommand("copy-database",
                                  "Copy a zone into an empty database (e.g. SQLite to PostgreSQL) and verify it");
  std::string copy_from;
  std::string copy_to;
  copy->add_option("--from", copy_from, "Source URL (sqlite:///PATH or postgresql://...); only read")->required();
  copy->add_option("--to", copy_to, "Target URL; must hold no zone yet")->required();

  auto* migrate = app.add_subcommand("migrate", "Create or migrate the database's schema, then exit");
  std::string migrate_db = options.db;
  std::string migrate_database;
  migrate->add_option("--db", migrate_db, "SQLite database file")->capture_default_str();
  migrate->add_option("--database", migrate_database, "Database URL (sqlite:///PATH or postgresql://...)");

  CLI11_PARSE(app, argc, argv);
  if (*bootstrap) return BootstrapAdminKey(bootstrap_db, bootstrap_database, bootstrap_name);
  if (*migrate) return Migrate(migrate_db, migrate_database);
  if (*copy) return CopyDatabase(copy_from, copy_to);

  if (!config.empty()) {
    // The file first, then the flags given on the command line on top of it.
    biopolis::ServerOptions from_file;
    biopolis::Status st = biopolis::LoadConfigFile(config, from_file);
    if (!st.ok()) {
      std::cerr << "error: " << st.message() << "\n";
      return 2;
    }
    // Every setting from the file, then the flags given on the command line again.
    const biopolis::ServerOptions from_flags = options;
    options = from_file;
    if (listen->count() > 0) options.listen = from_flags.listen;
    if (db->count() > 0) {
      options.db = from_flags.db;
      // A file named on the command line is where the zone is, whatever the file said.
      if (database->count() == 0) options.database.clear();
    }
    if (database->count() > 0) options.database = from_flags.database;
    if (level->count() > 0) options.log_level = from_flags.log_level;
    if (log_format->count() > 0) options.log_format = from_flags.log_format;
    if (cert->count() > 0) options.tls_cert = from_flags.tls_cert;
    if (key->count() > 0) options.tls_key = from_flags.tls_key;
    if (insecure->count() > 0) options.insecure = from_flags.insecure;
    if (demo->count() > 0) options.demo = from_flags.demo;
    if (grace->count() > 0) options.shutdown_grace_seconds = from_flags.shutdown_grace_seconds;
  }
  if (skip->count() > 0) options.startup_check = !skip_check;
  biopolis::Status valid = biopolis::ValidateServerOptions(options);
  if (!valid.ok()) {
    for (const auto& v : valid.field_violations()) std::cerr << "error: " << v.field << ": " << v.description << "\n";
    return 2;
  }
  spdlog::set_level(spdlog::level::from_str(options.log_level));
  biopolis::SetLogFormat(options.log_format == "json" ? biopolis::LogFormat::kJson : biopolis::LogFormat::kText);

  // SIGINT/SIGTERM are handled by a thread with sigwait, never in a handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = biopolis::BiopolisServer::Start(options);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    for (const auto& v : server.status().field_violations()) spdlog::critical("  {}: {}", v.field, v.description);
    return 1;
  }
  if (options.demo) {
    auto seeded = biopolis::SeedDemoData((*server)->domain());
    if (!seeded.ok()) {
      spdlog::critical("demo data: {}", seeded.status().ToString());
      return 1;
    }
    std::cout << (*seeded ? "Demo data seeded.\n" : "Demo data already present.\n")
              << "DEMO MODE: well-known keys (never use them outside this machine):\n";
    for (const auto& k : biopolis::DemoKeys()) {
      std::cout << "  " << k.role << "\t" << k.secret << "\t" << k.holder << "\n";
    }
    std::cout.flush();
  }
  // Under systemd (Type=notify): ready once migrations ran and the listener
  // is up; outside systemd these calls do nothing.
  sd_notifyf(0, "READY=1\nSTATUS=serving on %s, database %s", options.listen.c_str(),
             (options.database.empty() ? options.db : options.database).c_str());
  // The watchdog (WatchdogSec= in the unit): pinged while the database still
  // answers a read, so a wedged server is restarted.
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stopping = false;
  std::thread watchdog;
  std::uint64_t watchdog_usec = 0;
  if (sd_watchdog_enabled(0, &watchdog_usec) > 0) {
    watchdog = std::thread([&] {
      const auto period = std::chrono::microseconds(watchdog_usec / 2);
      std::unique_lock<std::mutex> lock(stop_mu);
      while (!stop_cv.wait_for(lock, period, [&] { return stopping; })) {
        biopolis::Status alive = (*server)->domain().store().Read([](biopolis::Transaction& tx) {
          (void)tx.journal().LastEventSequence();
          return biopolis::Status::Ok();
        });
        if (alive.ok()) sd_notify(0, "WATCHDOG=1");
      }
    });
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("received {}", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    sd_notify(0, "STOPPING=1");
    (*server)->Shutdown();
  });
  (*server)->Wait();
  waiter.join();
  {
    std::lock_guard<std::mutex> lock(stop_mu);
    stopping = true;
  }
  stop_cv.notify_all();
  if (watchdog.joinable()) watchdog.join();
  server->reset();
  return 0;
}
