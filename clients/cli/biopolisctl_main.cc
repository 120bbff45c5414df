// biopolisctl: the administrators' and officers' command line, built on the
// C++ SDK. CLI11 (Debian's libcli11-dev) provides subcommands, typed options,
// environment fallbacks and --help.
//
//   export BIOPOLIS_ADDRESS=127.0.0.1:50051 BIOPOLIS_API_KEY=bpk_...
//   biopolisctl applications list --state STATE_SUBMITTED
//   biopolisctl applications accept applications/7
//
// Exit codes: 0 ok, 2 invalid input, 3 not found, 4 permission/authentication,
// 5 unavailable, 6 conflict (wrong state, stale etag, exists), 1 other.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>

#include "commands.h"

namespace {

using biopolis::cli::Action;
using biopolis::cli::OutputFormat;

struct Globals {
  std::string address = "127.0.0.1:50051";
  std::string api_key;
  std::string output = "table";
  std::string ca_file;
  int timeout_seconds = 30;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"biopolisctl: administer and script the Biopolis SEZ registry"};
  app.require_subcommand(1);
  // Global options may also follow the subcommand (`biopolisctl residents list -o json`).
  app.fallthrough();
  app.set_version_flag("--version", "biopolisctl 0.1.0");
  Globals g;
  app.add_option("--address", g.address, "biopolisd HOST:PORT")->envname("BIOPOLIS_ADDRESS")->capture_default_str();
  app.add_option("--api-key", g.api_key, "API key (prefer the environment variable)")->envname("BIOPOLIS_API_KEY");
  app.add_option("--output,-o", g.output,
                 "table (for people: aligned, roubles, dates), wide (every field), name (names only), json (exact)")
      ->check(CLI::IsMember({"table", "wide", "name", "json"}))
      ->capture_default_str();
  app.add_option("--ca-file", g.ca_file, "PEM root certificates: connect with TLS")->check(CLI::ExistingFile);
  app.add_option("--timeout", g.timeout_seconds, "Seconds per attempt")->capture_default_str();

  Action action;
  biopolis::cli::AddKeys(app, action);
  biopolis::cli::AddOrganizations(app, action);
  biopolis::cli::AddApplications(app, action);
  biopolis::cli::AddResidents(app, action);
  biopolis::cli::AddPolicy(app, action);
  biopolis::cli::AddLand(app, action);
  biopolis::cli::AddSupport(app, action);
  biopolis::cli::AddServiceDesk(app, action);
  biopolis::cli::AddReporting(app, action);
  biopolis::cli::AddBackup(app, action);
  biopolis::cli::AddExportAndEvents(app, action);
  biopolis::cli::AddDocuments(app, action);
  biopolis::cli::AddExtracts(app, action);
  biopolis::cli::AddAudit(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : biopolis::cli::kExitInvalid;
  }
  if (!action) {
    std::cerr << app.help();
    return biopolis::cli::kExitInvalid;
  }
  biopolis::client::ClientOptions options;
  options.target = g.address;
  options.api_key = g.api_key;
  options.deadline = std::chrono::seconds(g.timeout_seconds);
  if (!g.ca_file.empty()) {
    std::ifstream in(g.ca_file);
    options.tls_root_certs.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  biopolis::client::Client client(options);
  OutputFormat format = OutputFormat::kTable;
  biopolis::cli::ParseOutputFormat(g.output, &format);  // checked by the option's validator
  return action(client, format);
}
