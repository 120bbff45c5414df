// biopolisctl: API keys, backups and the audit log (administrators, auditors).
#include <fstream>

#include "biopolis/api_keys.h"
#include "biopolis/audit.h"
#include "biopolis/audit_verification.h"
#include "biopolis/backups.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

void AddKeys(CLI::App& app, Action& action) {
  auto* keys = app.add_subcommand("keys", "API keys (administrators)")->require_subcommand(1);
  {
    auto* c = keys->add_subcommand("create", "Create a key; prints its secret once")
                  ->footer(
                      "Example:\n  biopolisctl keys create --role ROLE_RESIDENT --organization organizations/3 "
                      "--name \"ООО Ромашка, integration\"");
    auto role = std::make_shared<std::string>();
    auto org = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    c->add_option("--role", *role, "admin, officer, resident or auditor (or ROLE_ADMIN, ...)")
        ->required()
        ->transform([](std::string s) {
          // Accept the short form: "officer" -> "ROLE_OFFICER".
          if (s.rfind("ROLE_", 0) != 0) {
            for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            s = "ROLE_" + s;
          }
          return s;
        })
        ->check(CLI::Validator(
            [](std::string& s) {
              v1::Role r;
              return v1::Role_Parse(s, &r) && r != v1::ROLE_UNSPECIFIED ? std::string() : "unknown role " + s;
            },
            "ROLE"));
    c->add_option("--organization", *org, "organizations/{id}, for ROLE_RESIDENT");
    c->add_option("--name", *name, "Who holds the key")->required();
    c->callback([&action, role, org, name] {
      action = [role, org, name](Client& client, OutputFormat f) {
        v1::ApiKey key;
        v1::Role r;
        v1::Role_Parse(*role, &r);
        key.set_role(r);
        key.set_organization(*org);
        key.set_display_name(*name);
        auto created = client.api_keys().Create(key);
        if (!created.ok()) return ReportError(created.error());
        if (f == OutputFormat::kJson) {
          PrintMessage(*created, f);
        } else {
          PrintMessage(created->api_key(), f);
          std::cout << "secret: " << created->secret() << "\n(shown once: store it now)\n";
        }
        return 0;
      };
    });
  }
  keys->add_subcommand("list", "List keys")->callback([&action] {
    action = [](Client& c, OutputFormat f) { return PrintAll(c.api_keys().List(), f); };
  });
  {
    auto* c = keys->add_subcommand("revoke", "Revoke a key");
    auto name = std::make_shared<std::string>();
    c->add_option("name", *name, "apiKeys/{id}")->required();
    c->callback([&action, name] {
      action = [name](Client& cl, OutputFormat f) { return Print(cl.api_keys().Revoke(*name), f); };
    });
  }
}

void AddBackup(CLI::App& app, Action& action) {
  auto* c = app.add_subcommand("backup", "Write a consistent online backup on the server's machine (administrators)")
                ->footer(
                    "Example:\n  biopolisctl backup /var/backups/biopolis/biopolis-2026-11-27.db\n\n"
                    "Restore: stop biopolisd, copy the backup over the database file (removing any -wal and "
                    "-shm files beside it), start biopolisd.");
  auto path = std::make_shared<std::string>();
  c->add_option("path", *path, "Absolute path; the folder must exist and the file must not")->required();
  c->callback([&action, path] {
    action = [path](Client& cl, OutputFormat f) {
      Progress progress("backup");
      progress.Count(0);  // a line while the server writes the copy (one call, no steps to count)
      auto backup = cl.backups().Create(*path);
      progress.Done();
      return Print(backup, f);
    };
  });
}

void AddAudit(CLI::App& app, Action& action) {
  auto* audit = app.add_subcommand("audit", "The audit log (auditors, administrators)")->require_subcommand(1);
  ListCommand<v1::AuditRecord>(audit, action, "List audit records, oldest first",
                               "On actor, action, resource, sequence",
                               [](Client& cl, const ListOptions& o) { return cl.audit().List(o); })
      ->footer("Example:\n  biopolisctl audit list --filter 'resource = \"applications/7\"'");
  {
    auto* c = audit->add_subcommand("checkpoints", "Print the server's signed checkpoints of the log, newest first")
                  ->footer(
                      "Each line is a checkpoint as the server keeps it; save them to check the log later:\n"
                      "  biopolisctl audit checkpoints >> zone-checkpoints.txt\n"
                      "  biopolisctl audit verify --checkpoint zone-checkpoints.txt");
    c->callback([&action] {
      action = [](Client& cl, OutputFormat f) {
        std::string token;
        do {
          auto page = cl.audit().ListCheckpointsPage(ListOptions().PageSize(500), token);
          if (!page.ok()) return ReportError(page.error());
          if (f == OutputFormat::kJson) {
            PrintMessage(*page, f);
          } else {
            for (const auto& cp : page->checkpoints()) std::cout << cp.line() << "\n";
          }
          token = page->next_page_token();
        } while (!token.empty());
        return 0;
      };
    });
  }
  auto checkpoint_file = std::make_shared<std::string>();
  auto* verify =
      audit->add_subcommand("verify", "Recompute the hash chain of the whole log; name the first bad record")
          ->footer(
              "Checks every record's hash and link, the sequence for gaps, and the log against signed checkpoints:\n"
              "those in --checkpoint FILE (lines saved from `audit checkpoints`) when given, else the server's own.\n"
              "A truncated or rewritten tail fails against a checkpoint. Exit 7 when anything does not hold.");
  verify->add_option("--checkpoint", *checkpoint_file, "A file of saved checkpoint lines to check the log against");
  verify->callback([&action, checkpoint_file] {
    action = [checkpoint_file](Client& cl, OutputFormat) {
      client::AuditVerifyOptions options;
      if (!checkpoint_file->empty()) {
        std::ifstream in(*checkpoint_file);
        if (!in) {
          std::cerr << "error: cannot read " << *checkpoint_file << "\n";
          return static_cast<int>(kExitInvalid);
        }
        options.saved_checkpoints.emplace();
        for (std::string line; std::getline(in, line);) options.saved_checkpoints->push_back(line);
      }
      auto verified = client::VerifyAuditLog(cl.audit(), options);
      if (!verified.ok()) return ReportError(verified.error());
      if (!verified->intact) {
        std::cerr << (verified->broken_sequence == 0 ? "audit checkpoint BAD SIGNATURE: " : "audit chain BROKEN at ")
                  << verified->problem << "\n";
        return static_cast<int>(kExitIntegrity);
      }
      std::cout << "audit chain intact: " << verified->records_checked << " records"
                << (verified->records_checked == 0 ? "" : ", last hash " + verified->last_hash) << "; "
                << verified->checkpoints << " signed checkpoint(s) match"
                << (checkpoint_file->empty() ? " (the server's)" : " (" + *checkpoint_file + ")") << "\n";
      return 0;
    };
  });
}

}  // namespace biopolis::cli
