// biopolisctl's command groups: each adds its subcommands to `app` and, when
// one of them is chosen, sets `action` to run it.
#pragma once

#include <CLI/CLI.hpp>

#include "command_support.h"

namespace biopolis::cli {

void AddKeys(CLI::App& app, Action& action);
void AddBackup(CLI::App& app, Action& action);
void AddAudit(CLI::App& app, Action& action);
void AddOrganizations(CLI::App& app, Action& action);
void AddApplications(CLI::App& app, Action& action);
void AddResidents(CLI::App& app, Action& action);
void AddPolicy(CLI::App& app, Action& action);
void AddLand(CLI::App& app, Action& action);
void AddSupport(CLI::App& app, Action& action);
void AddServiceDesk(CLI::App& app, Action& action);
void AddReporting(CLI::App& app, Action& action);
void AddExportAndEvents(CLI::App& app, Action& action);
void AddDocuments(CLI::App& app, Action& action);
void AddExtracts(CLI::App& app, Action& action);
// `export public-registry`, under the `export` command.
void AddPublicRegistryExport(CLI::App* exp, Action& action);

}  // namespace biopolis::cli
