// biopolisctl: extracts (signed registry extracts, checked offline),
// signing-keys, the public registry and its open-data export.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "biopolis/extract_verification.h"
#include "biopolis/extracts.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {
namespace {

// Writes `bytes` to `path` through a `.partial` file renamed at the end, so
// a path never holds half a document.
bool WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "error: cannot write " << partial << "\n";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) std::cerr << "error: cannot rename " << partial << " to " << path << ": " << ec.message() << "\n";
  return !ec;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Saves what an extract command asked for: the extract file, the PDF.
int SaveExtract(Client& cl, client::Result<v1::RegistryExtract> extract, const std::string& out, const std::string& pdf,
                OutputFormat f) {
  if (!extract.ok()) return ReportError(extract.error());
  if (!out.empty() && !WriteFileAtomically(out, extract->document())) return kExitOther;
  if (!pdf.empty()) {
    auto with_pdf = cl.extracts().Get(extract->name(), /*include_pdf=*/true);
    if (!with_pdf.ok()) return ReportError(with_pdf.error());
    if (!WriteFileAtomically(pdf, with_pdf->pdf())) return kExitOther;
  }
  extract->clear_content();
  extract->clear_document();
  return Print(client::Result<v1::RegistryExtract>(*std::move(extract)), f);
}

void AddExtractOutputs(CLI::App* c, std::string& out, std::string& pdf) {
  c->add_option("--out", out, "Write the extract file (canonical JSON, what `extracts verify` reads)");
  c->add_option("--pdf", pdf, "Write the printable PDF");
}

}  // namespace

void AddExtracts(CLI::App& app, Action& action) {
  auto* ext = app.add_subcommand("extracts", "Signed registry extracts")->require_subcommand(1);
  {
    auto* c =
        ext->add_subcommand("issue", "Issue a signed extract (officers; a resident for itself)")
            ->footer("Example:\n  biopolisctl extracts issue residents/1 --as-of 2026-03-14 --out e.json --pdf e.pdf");
    auto subject = std::make_shared<std::string>();
    auto as_of = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto pdf = std::make_shared<std::string>();
    c->add_option("subject", *subject, "organizations/{id} or residents/{id}")->required();
    AsOfOption(c, *as_of);
    AddExtractOutputs(c, *out, *pdf);
    c->callback([&action, subject, as_of, out, pdf] {
      action = [subject, as_of, out, pdf](Client& cl, OutputFormat f) {
        auto when = as_of->empty() ? std::nullopt : ParseAsOf(*as_of);
        return SaveExtract(cl, cl.extracts().Issue(*subject, when), *out, *pdf, f);
      };
    });
  }
  {
    auto* c = ext->add_subcommand("get", "Show an issued extract; save its file or PDF");
    auto name = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto pdf = std::make_shared<std::string>();
    c->add_option("name", *name, "registryExtracts/{id}")->required();
    AddExtractOutputs(c, *out, *pdf);
    c->callback([&action, name, out, pdf] {
      action = [name, out, pdf](Client& cl, OutputFormat f) {
        return SaveExtract(cl, cl.extracts().Get(*name), *out, *pdf, f);
      };
    });
  }
  {
    auto* c = ext->add_subcommand("list", "List issued extracts, newest first");
    auto o = std::make_shared<ListOptions>();
    c->add_option("--filter", o->filter, "e.g. organization = \"organizations/3\"");
    c->callback(
        [&action, o] { action = [o](Client& cl, OutputFormat f) { return PrintAll(cl.extracts().List(*o), f); }; });
  }
  {
    auto* c = ext->add_subcommand("verify", "Check an extract file or PDF offline; exit 7 when it does not verify")
                  ->footer(
                      "With --keys, nothing is asked of any server (the zone's published keys file).\n"
                      "Without it, the keys are fetched from the server (no API key needed).");
    auto file = std::make_shared<std::string>();
    auto keys_file = std::make_shared<std::string>();
    c->add_option("file", *file, "The extract file or PDF")->required()->check(CLI::ExistingFile);
    c->add_option("--keys", *keys_file, "The zone's published keys file (signing-keys export)")
        ->check(CLI::ExistingFile);
    c->callback([&action, file, keys_file] {
      action = [file, keys_file](Client& cl, OutputFormat) -> int {
        std::string keys_text;
        if (!keys_file->empty()) {
          keys_text = ReadFile(*keys_file).value_or("");
        } else {
          auto fetched = cl.public_registry().SigningKeys();
          if (!fetched.ok()) return ReportError(fetched.error());
          keys_text = fetched->keys_file();
        }
        auto keys = client::ParsePublishedKeys(keys_text);
        if (!keys) {
          std::cerr << "error: " << (keys_file->empty() ? "the server's keys" : *keys_file)
                    << " is not a keys file (signing-keys export)\n";
          return kExitInvalid;
        }
        auto bytes = ReadFile(*file);
        if (!bytes) {
          std::cerr << "error: cannot read " << *file << "\n";
          return kExitOther;
        }
        auto v = client::VerifyExtract(*bytes, *keys);
        if (!v.valid) {
          std::cerr << "extract does NOT verify: " << v.problem << "\n";
          return static_cast<int>(kExitIntegrity);
        }
        std::cout << "extract " << v.number << " VERIFIES"
                  << (v.pdf ? " (PDF: every byte, and the extract it carries)" : "") << "\n"
                  << "  signed by the zone's key " << v.key_id
                  << (v.key_revoke_time.empty() ? "" : " (revoked at " + v.key_revoke_time + ", after issue)") << "\n"
                  << "  issued at " << v.issued_at << ", stating the facts as of " << v.as_of << "\n"
                  << "  about " << v.subject << ": " << v.organization_name << ", INN " << v.inn << ", OGRN " << v.ogrn
                  << "\n"
                  << "  registry entry: "
                  << (v.registry_number.empty() ? "none (not a resident then)" : v.registry_number + ", " + v.state)
                  << "\n";
        return kExitOk;
      };
    });
  }

  auto* keys = app.add_subcommand("signing-keys", "The zone's signing keys")->require_subcommand(1);
  {
    auto* c = keys->add_subcommand("list", "List the published keys (no API key needed)");
    c->callback([&action] {
      action = [](Client& cl, OutputFormat f) -> int {
        auto keys = cl.public_registry().SigningKeys();
        if (!keys.ok()) return ReportError(keys.error());
        std::vector<const google::protobuf::Message*> items;
        for (const auto& k : keys->signing_keys()) items.push_back(&k);
        PrintList(items, f);
        return kExitOk;
      };
    });
  }
  {
    auto* c = keys->add_subcommand("export", "Write the published keys file, for offline verification");
    auto out = std::make_shared<std::string>();
    c->add_option("--out", *out, "File")->required();
    c->callback([&action, out] {
      action = [out](Client& cl, OutputFormat) -> int {
        auto keys = cl.public_registry().SigningKeys();
        if (!keys.ok()) return ReportError(keys.error());
        return WriteFileAtomically(*out, keys->keys_file()) ? kExitOk : kExitOther;
      };
    });
  }
  {
    auto* c = keys->add_subcommand("rotate", "Add a new signing key, active from now (administrators)");
    c->callback(
        [&action] { action = [](Client& cl, OutputFormat f) { return Print(cl.signing_keys().Rotate(), f); }; });
  }
  NameCommand<v1::SigningKey>(keys, action, "revoke", "Revoke a retired key (administrators)", "key id, e.g. k1",
                              [](Client& c, const std::string& id) { return c.signing_keys().Revoke(id); });

  auto* pub = app.add_subcommand("public-registry", "The public registry (no API key needed)")->require_subcommand(1);
  {
    auto* c = pub->add_subcommand("search", "Search residents by name, INN or OGRN");
    auto req = std::make_shared<v1::ListPublicResidentsRequest>();
    auto name = std::make_shared<std::string>();
    auto inn = std::make_shared<std::string>();
    auto ogrn = std::make_shared<std::string>();
    auto as_of = std::make_shared<std::string>();
    c->add_option("--name", *name, "Words of the name");
    c->add_option("--inn", *inn, "INN");
    c->add_option("--ogrn", *ogrn, "OGRN or OGRNIP");
    AsOfOption(c, *as_of);
    c->callback([&action, name, inn, ogrn, as_of] {
      action = [name, inn, ogrn, as_of](Client& cl, OutputFormat f) {
        v1::ListPublicResidentsRequest req;
        req.set_name_contains(*name);
        req.set_inn(*inn);
        req.set_ogrn(*ogrn);
        if (!as_of->empty()) client::SetTimestamp(*ParseAsOf(*as_of), req.mutable_as_of());
        return PrintAll(cl.public_registry().List(req, 100), f);
      };
    });
  }
  {
    auto* c = pub->add_subcommand("get", "Show a resident's public facts by registry number");
    auto number = std::make_shared<std::string>();
    auto as_of = std::make_shared<std::string>();
    c->add_option("registry_number", *number, "e.g. 43-2026-0001")->required();
    AsOfOption(c, *as_of);
    c->callback([&action, number, as_of] {
      action = [number, as_of](Client& cl, OutputFormat f) {
        return Print(cl.public_registry().Get(*number, as_of->empty() ? std::nullopt : ParseAsOf(*as_of)), f);
      };
    });
  }
}

// `export public-registry`: the open-data files and their signed manifest.
void AddPublicRegistryExport(CLI::App* exp, Action& action) {
  auto* c = exp->add_subcommand("public-registry", "The public registry as open data (CSV, JSON, signed manifest)");
  auto dir = std::make_shared<std::string>(".");
  auto as_of = std::make_shared<std::string>();
  c->add_option("--out-dir", *dir, "Folder for public-registry.csv, .json and manifest.json")->capture_default_str();
  AsOfOption(c, *as_of);
  c->callback([&action, dir, as_of] {
    action = [dir, as_of](Client& cl, OutputFormat) -> int {
      auto exported = cl.public_registry().Export(as_of->empty() ? std::nullopt : ParseAsOf(*as_of));
      if (!exported.ok()) return ReportError(exported.error());
      // Checked before anything is kept: the manifest's signature, and the
      // files against it.
      auto keys = cl.public_registry().SigningKeys();
      if (!keys.ok()) return ReportError(keys.error());
      auto published = client::ParsePublishedKeys(keys->keys_file());
      const std::string problem = client::VerifyOpenData(
          exported->signed_manifest, {{"public-registry.csv", exported->csv}, {"public-registry.json", exported->json}},
          published.value_or(client::PublishedKeys()));
      if (!problem.empty()) {
        std::cerr << "error: the export does not verify: " << problem << "\n";
        return static_cast<int>(kExitIntegrity);
      }
      const std::filesystem::path folder(*dir);
      if (!WriteFileAtomically((folder / "public-registry.csv").string(), exported->csv) ||
          !WriteFileAtomically((folder / "public-registry.json").string(), exported->json) ||
          !WriteFileAtomically((folder / "manifest.json").string(), exported->signed_manifest)) {
        return kExitOther;
      }
      std::cout << "wrote public-registry.csv, public-registry.json and manifest.json (signed) to " << *dir << "\n";
      return kExitOk;
    };
  });
}

}  // namespace biopolis::cli
