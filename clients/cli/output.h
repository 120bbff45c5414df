// biopolisctl's output: JSON (the proto's canonical JSON mapping) or a
// compact table, and the exit codes scripts rely on.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "biopolis/result.h"

namespace biopolis::cli {

// table: aligned columns for people (sized to the terminal, roubles, dates);
// wide: a table of every field; name: resource names only, one per line (for
// xargs); json: the proto's exact JSON mapping (kopecks, RFC 3339), for scripts.
enum class OutputFormat { kTable, kWide, kName, kJson };

// "table", "wide", "name", "json"; false for anything else.
bool ParseOutputFormat(const std::string& text, OutputFormat* out);

// Exit codes: stable, documented in docs/CLI.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitOther = 1,
  kExitInvalid = 2,      // INVALID_ARGUMENT, OUT_OF_RANGE, bad usage
  kExitNotFound = 3,     // NOT_FOUND
  kExitDenied = 4,       // PERMISSION_DENIED, UNAUTHENTICATED
  kExitUnavailable = 5,  // UNAVAILABLE, DEADLINE_EXCEEDED
  kExitConflict = 6,     // FAILED_PRECONDITION, ABORTED, ALREADY_EXISTS
  kExitIntegrity = 7,    // `audit verify` found the chain broken
};

int ExitCodeFor(client::StatusCode code);

// Prints one message.
void PrintMessage(const google::protobuf::Message& message, OutputFormat format);
// Prints a list: JSON array, or one table row per item.
void PrintList(const std::vector<const google::protobuf::Message*>& items, OutputFormat format);
// Whether standard output / standard error get colour: a terminal, and NO_COLOR unset or empty.
bool ColorOn(int fd);
// The terminal's width in columns for `fd` (COLUMNS when set), 0 when it is not a terminal.
int TerminalWidth(int fd);

// Prints the error to stderr and returns its exit code.
int ReportError(const client::Error& error);

}  // namespace biopolis::cli
