// biopolisctl: documents: the evidence attached to applications, reports,
// support requests and service requests.
#include <filesystem>
#include <fstream>

#include "biopolis/documents.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

namespace {

// A progress bar for a transfer (on a terminal only).
client::TransferProgress BarFor(Progress& progress) {
  return [&progress](std::int64_t done, std::int64_t total) {
    if (total > 0) {
      progress.Fraction(done, total);
    } else {
      progress.Count(done);
    }
  };
}

}  // namespace

void AddDocuments(CLI::App& app, Action& action) {
  auto* docs = app.add_subcommand("documents", "Documents attached to applications, reports and requests")
                   ->require_subcommand(1);
  {
    auto* c = docs->add_subcommand("upload", "Upload a file as a new document, or a new version (--document)")
                  ->footer(
                      "Examples:\n  biopolisctl documents upload plan.pdf --parent applications/3 --kind "
                      "KIND_BUSINESS_PLAN\n  biopolisctl documents upload plan-v2.pdf --document "
                      "applications/3/documents/7");
    auto file = std::make_shared<std::string>();
    auto parent = std::make_shared<std::string>();
    auto document = std::make_shared<std::string>();
    auto kind = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    c->add_option("file", *file, "The file to upload")->required()->check(CLI::ExistingFile);
    auto* p = c->add_option("--parent", *parent,
                            "applications/{id}, reports/{id}, supportRequests/{id} or "
                            "serviceRequests/{id}");
    auto* d = c->add_option("--document", *document, "A document to add a version to: {parent}/documents/{id}");
    p->excludes(d);
    EnumOption<v1::Document::Kind>(c, "--kind", *kind, v1::Document::Kind_Parse,
                                   "KIND_BUSINESS_PLAN, KIND_INVOICE, ... (a new document)");
    c->add_option("--name", *name, "The file name to record (default: the file's own)");
    c->callback([&action, file, parent, document, kind, name] {
      action = [=](Client& cl, OutputFormat f) {
        Progress progress("uploaded");
        client::Result<v1::Document> r = client::Error(client::StatusCode::INVALID_ARGUMENT, "");
        if (!document->empty()) {
          r = cl.documents().UploadVersion(*document, *file, BarFor(progress), *name);
        } else {
          if (parent->empty()) {
            std::cerr << "error: give --parent (a new document) or --document (a new version)\n";
            return static_cast<int>(kExitInvalid);
          }
          v1::Document::Kind k = v1::Document::KIND_UNSPECIFIED;
          v1::Document::Kind_Parse(*kind, &k);
          r = cl.documents().Upload(*parent, k, std::filesystem::path(*file), BarFor(progress), *name);
        }
        progress.Done();
        return Print(r, f);
      };
    });
  }
  {
    auto* c = docs->add_subcommand("list", "List a parent's documents")
                  ->footer("Example:\n  biopolisctl documents list applications/3 --filter 'kind = KIND_INVOICE'");
    auto parent = std::make_shared<std::string>();
    auto o = std::make_shared<ListOptions>();
    c->add_option("parent", *parent, "applications/{id}, reports/{id}, ...")->required();
    c->add_option("--filter", o->filter, "Filter, e.g. kind = KIND_INVOICE");
    c->callback([&action, parent, o] {
      action = [parent, o](Client& cl, OutputFormat f) { return PrintAll(cl.documents().List(*parent, *o), f); };
    });
  }
  NameCommand<v1::Document>(docs, action, "get", "Show a document", "{parent}/documents/{id}",
                            [](Client& c, const std::string& n) { return c.documents().Get(n); });
  {
    auto* c = docs->add_subcommand("versions", "List a document's versions");
    auto name = std::make_shared<std::string>();
    c->add_option("name", *name, "{parent}/documents/{id}")->required();
    c->callback([&action, name] {
      action = [name](Client& cl, OutputFormat f) { return PrintAll(cl.documents().ListVersions(*name), f); };
    });
  }
  NameCommand<v1::Document>(docs, action, "delete", "Delete a document and its versions (while the parent is a draft)",
                            "{parent}/documents/{id}",
                            [](Client& c, const std::string& n) { return c.documents().Delete(n); });
  {
    auto* c = docs->add_subcommand("download", "Download a document (or one version) to a file")
                  ->footer("Example:\n  biopolisctl documents download applications/3/documents/7 -O plan.pdf");
    auto name = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    c->add_option("name", *name, "{parent}/documents/{id} or {parent}/documents/{id}/versions/{n}")->required();
    c->add_option("-O,--output", *out, "Where to write it (default: the document's file name; - for stdout)");
    c->callback([&action, name, out] {
      action = [name, out](Client& cl, OutputFormat f) {
        std::string target = *out;
        if (target.empty()) {
          // The recorded name, reduced to its last component (it never holds a separator).
          auto doc = cl.documents().Get(*name);
          if (!doc.ok()) return ReportError(doc.error());
          target = std::filesystem::path(doc->file_name()).filename().string();
        }
        Progress progress("downloaded");
        client::Result<v1::DocumentVersion> r = client::Error(client::StatusCode::INTERNAL, "");
        if (target == "-") {
          r = cl.documents().Download(*name, std::cout, BarFor(progress));
        } else {
          // Through FILE.partial, renamed once complete and checked: a failed
          // download never leaves a short file that looks whole.
          const std::string partial = target + ".partial";
          {
            std::ofstream file(partial, std::ios::binary | std::ios::trunc);
            if (!file) {
              std::cerr << "error: cannot write " << partial << "\n";
              return static_cast<int>(kExitOther);
            }
            r = cl.documents().Download(*name, file, BarFor(progress));
          }
          if (r.ok()) {
            std::filesystem::rename(partial, target);
          } else {
            std::filesystem::remove(partial);
          }
        }
        progress.Done();
        if (!r.ok()) return ReportError(r.error());
        if (target != "-") {
          if (f == OutputFormat::kJson) {
            PrintMessage(*r, f);
          } else {
            std::cerr << "saved " << target << " (" << r->size_bytes() << " bytes, sha256 " << r->sha256() << ")\n";
          }
        }
        return 0;
      };
    });
  }
}

}  // namespace biopolis::cli
