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
#include <google/protobuf/util/json_util.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include "biopolis/audit_verification.h"
#include "biopolis/client.h"
#include "output.h"

namespace {

namespace v1 = ::biopolis::v1;
using biopolis::cli::OutputFormat;
using biopolis::client::Client;
using biopolis::client::ListOptions;

struct Globals {
  std::string address = "127.0.0.1:50051";
  std::string api_key;
  std::string output = "table";
  std::string ca_file;
  int timeout_seconds = 30;
};

// The action chosen on the command line, run after parsing.
using Action = std::function<int(Client&, OutputFormat)>;

template <typename T>
int Print(const biopolis::client::Result<T>& r, OutputFormat f) {
  if (!r.ok()) return biopolis::cli::ReportError(r.error());
  biopolis::cli::PrintMessage(*r, f);
  return 0;
}

template <typename T>
int PrintAll(biopolis::client::Pager<T> pager, OutputFormat f) {
  auto all = pager.All();
  if (!all.ok()) return biopolis::cli::ReportError(all.error());
  std::vector<const google::protobuf::Message*> items;
  for (const auto& item : *all) items.push_back(&item);
  biopolis::cli::PrintList(items, f);
  return 0;
}

bool ParseDate(const std::string& text, google::type::Date* out) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return true;
}

// Validates "YYYY-MM-DD" options at parse time.
const CLI::Validator kDate = CLI::Validator(
    [](std::string& s) {
      google::type::Date d;
      return ParseDate(s, &d) ? std::string() : "expected YYYY-MM-DD, got " + s;
    },
    "DATE");

// An update command's field mask: the paths of the flags the user gave, so only
// those fields change. `flags` pairs each flag with its field path.
std::vector<std::string> MaskFromFlags(const CLI::App* command,
                                       std::initializer_list<std::pair<const char*, const char*>> flags) {
  std::vector<std::string> paths;
  for (const auto& [flag, path] : flags) {
    // Several flags may change one field (the eligibility rules): name it once.
    if (command->count(flag) > 0 && std::find(paths.begin(), paths.end(), path) == paths.end()) {
      paths.push_back(path);
    }
  }
  if (paths.empty()) throw CLI::ValidationError(command->get_name(), "give at least one field to change");
  return paths;
}

template <typename Enum>
CLI::Option* EnumOption(CLI::App* app, const std::string& name, std::string& target,
                        bool (*parse)(const std::string&, Enum*), const std::string& help) {
  return app->add_option(name, target, help)
      ->check(CLI::Validator(
          [parse](std::string& s) {
            Enum e;
            return parse(s, &e) ? std::string() : "unknown value " + s;
          },
          "ENUM"));
}

// `cmd NAME`: one resource by name.
template <typename T>
CLI::App* NameCommand(CLI::App* parent, Action& action, const char* cmd, const char* help, const char* what,
                      std::function<biopolis::client::Result<T>(Client&, const std::string&)> fn) {
  auto* c = parent->add_subcommand(cmd, help);
  auto name = std::make_shared<std::string>();
  c->add_option("name", *name, what)->required();
  c->callback(
      [&action, name, fn] { action = [name, fn](Client& cl, OutputFormat f) { return Print(fn(cl, *name), f); }; });
  return c;
}

// `cmd NAME --flag TEXT`: a custom method with one text argument.
template <typename T>
CLI::App* NameTextCommand(
    CLI::App* parent, Action& action, const char* cmd, const char* help, const char* what, const char* flag,
    bool required, std::function<biopolis::client::Result<T>(Client&, const std::string&, const std::string&)> fn) {
  auto* c = parent->add_subcommand(cmd, help);
  auto name = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  c->add_option("name", *name, what)->required();
  auto* opt = c->add_option(flag, *text, "Text");
  if (required) opt->required();
  c->callback([&action, name, text, fn] {
    action = [name, text, fn](Client& cl, OutputFormat f) { return Print(fn(cl, *name, *text), f); };
  });
  return c;
}

// `list [--filter F] [--order-by O]`.
template <typename T>
CLI::App* ListCommand(CLI::App* parent, Action& action, const char* help, const char* filter_help,
                      std::function<biopolis::client::Pager<T>(Client&, const ListOptions&)> fn) {
  auto* c = parent->add_subcommand("list", help);
  auto o = std::make_shared<ListOptions>();
  c->add_option("--filter", o->filter, filter_help);
  c->add_option("--order-by", o->order_by, "Order, e.g. create_time desc");
  c->callback([&action, o, fn] { action = [o, fn](Client& cl, OutputFormat f) { return PrintAll(fn(cl, *o), f); }; });
  return c;
}

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
        if (!created.ok()) return biopolis::cli::ReportError(created.error());
        if (f == OutputFormat::kJson) {
          biopolis::cli::PrintMessage(*created, f);
        } else {
          biopolis::cli::PrintMessage(created->api_key(), f);
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

void AddOrganizations(CLI::App& app, Action& action) {
  auto* orgs = app.add_subcommand("organizations", "Organizations")->require_subcommand(1);
  struct Fields {
    std::string inn, ogrn, kpp, full_name, short_name, address, person, email, phone, etag;
  };
  auto add_fields = [](CLI::App* c, Fields& f) {
    c->add_option("--kpp", f.kpp, "KPP (legal entities)");
    c->add_option("--full-name", f.full_name, "Full legal name");
    c->add_option("--short-name", f.short_name, "Short name");
    c->add_option("--address", f.address, "Legal address");
    c->add_option("--contact-person", f.person, "Contact person");
    c->add_option("--contact-email", f.email, "Contact e-mail");
    c->add_option("--contact-phone", f.phone, "Contact phone");
  };
  auto to_proto = [](const Fields& f) {
    v1::Organization o;
    o.set_inn(f.inn);
    o.set_ogrn(f.ogrn);
    o.set_kpp(f.kpp);
    o.set_full_name(f.full_name);
    o.set_short_name(f.short_name);
    o.set_legal_address(f.address);
    o.set_contact_person(f.person);
    o.set_contact_email(f.email);
    o.set_contact_phone(f.phone);
    return o;
  };
  {
    auto* c = orgs->add_subcommand("create", "Register an organization (officers)")
                  ->footer(
                      "Example:\n  biopolisctl organizations create --inn 7707083893 --ogrn 1027700132195 "
                      "--kpp 773601001 --full-name \"ПАО Сбербанк\" --address \"Москва\"");
    auto f = std::make_shared<Fields>();
    c->add_option("--inn", f->inn, "INN (10 or 12 digits)")->required();
    c->add_option("--ogrn", f->ogrn, "OGRN (13) or OGRNIP (15)")->required();
    add_fields(c, *f);
    c->callback([&action, f, to_proto] {
      action = [f, to_proto](Client& cl, OutputFormat fmt) {
        return Print(cl.organizations().Create(to_proto(*f)), fmt);
      };
    });
  }
  {
    auto* c = orgs->add_subcommand("update", "Change the given fields of an organization");
    auto f = std::make_shared<Fields>();
    auto name = std::make_shared<std::string>();
    c->add_option("name", *name, "organizations/{id}")->required();
    c->add_option("--etag", f->etag, "Fail with exit 6 if the record changed since this etag");
    add_fields(c, *f);
    c->callback([&action, f, name, c, to_proto] {
      auto paths = MaskFromFlags(c, {{"--kpp", "kpp"},
                                     {"--full-name", "full_name"},
                                     {"--short-name", "short_name"},
                                     {"--address", "legal_address"},
                                     {"--contact-person", "contact_person"},
                                     {"--contact-email", "contact_email"},
                                     {"--contact-phone", "contact_phone"}});
      action = [f, name, paths, to_proto](Client& cl, OutputFormat fmt) {
        v1::Organization o = to_proto(*f);
        o.set_name(*name);
        o.set_etag(f->etag);
        return Print(cl.organizations().Update(o, paths), fmt);
      };
    });
  }
  NameCommand<v1::Organization>(orgs, action, "get", "Show an organization", "organizations/{id}",
                                [](Client& c, const std::string& n) { return c.organizations().Get(n); });
  {
    auto* c = orgs->add_subcommand("list", "List organizations")
                  ->footer(
                      "Example:\n  biopolisctl organizations list --filter 'kind = \"KIND_LEGAL_ENTITY\"' --order-by "
                      "full_name");
    auto o = std::make_shared<ListOptions>();
    c->add_option("--filter", o->filter, "Filter, e.g. inn = \"7707083893\"");
    c->add_option("--order-by", o->order_by, "create_time, full_name or inn, optionally desc");
    c->callback([&action, o] {
      action = [o](Client& cl, OutputFormat f) { return PrintAll(cl.organizations().List(*o), f); };
    });
  }
}

void AddApplications(CLI::App& app, Action& action) {
  auto* apps = app.add_subcommand("applications", "Resident applications")->require_subcommand(1);
  {
    auto* c = apps->add_subcommand("list", "List applications")
                  ->footer("Example:\n  biopolisctl applications list --state STATE_SUBMITTED --order-by create_time");
    auto o = std::make_shared<ListOptions>();
    auto state = std::make_shared<std::string>();
    EnumOption<v1::Application::State>(c, "--state", *state, v1::Application::State_Parse, "Only this state");
    c->add_option("--filter", o->filter, "Filter, e.g. planned_jobs >= 50");
    c->add_option("--order-by", o->order_by, "create_time, update_time, planned_investment_kopecks, planned_jobs");
    c->callback([&action, o, state] {
      if (!state->empty()) {
        o->filter = "state = \"" + *state + "\"" + (o->filter.empty() ? "" : " AND " + o->filter);
      }
      action = [o](Client& cl, OutputFormat f) { return PrintAll(cl.applications().List(*o), f); };
    });
  }
  using A = v1::Application;
  NameCommand<A>(apps, action, "get", "Show an application", "applications/{id}",
                 [](Client& c, const std::string& n) { return c.applications().Get(n); });
  NameCommand<A>(apps, action, "submit", "Submit a draft (the company)", "applications/{id}",
                 [](Client& c, const std::string& n) { return c.applications().Submit(n); });
  NameCommand<A>(apps, action, "accept", "Accept a submitted application for review (officers)", "applications/{id}",
                 [](Client& c, const std::string& n) { return c.applications().Accept(n); });
  NameCommand<A>(apps, action, "refer", "Refer to the expert council (officers)", "applications/{id}",
                 [](Client& c, const std::string& n) { return c.applications().ReferToExpertCouncil(n); });
  NameCommand<v1::CheckApplicationEligibilityResponse>(
      apps, action, "eligibility", "Dry-run the submission checks", "applications/{id}",
      [](Client& c, const std::string& n) { return c.applications().CheckEligibility(n); });
  NameTextCommand<A>(
      apps, action, "request-info", "Ask the applicant for information (officers)", "applications/{id}", "--text", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.applications().RequestInformation(n, t); });
  NameTextCommand<A>(apps, action, "respond", "Answer an information request (the company)", "applications/{id}",
                     "--text", true, [](Client& c, const std::string& n, const std::string& t) {
                       return c.applications().RespondToInformationRequest(n, t);
                     });
  NameTextCommand<A>(
      apps, action, "approve", "Approve (officers)", "applications/{id}", "--comment", false,
      [](Client& c, const std::string& n, const std::string& t) { return c.applications().Approve(n, t); });
  NameTextCommand<A>(
      apps, action, "withdraw", "Withdraw (the company)", "applications/{id}", "--reason", false,
      [](Client& c, const std::string& n, const std::string& t) { return c.applications().Withdraw(n, t); });
  {
    auto* c = apps->add_subcommand("opinion", "Record the expert council's opinion (officers)");
    auto name = std::make_shared<std::string>();
    auto opinion = std::make_shared<std::string>();
    auto summary = std::make_shared<std::string>();
    c->add_option("name", *name, "applications/{id}")->required();
    EnumOption<v1::Application::ExpertOpinion>(c, "--opinion", *opinion, v1::Application::ExpertOpinion_Parse,
                                               "EXPERT_OPINION_POSITIVE or EXPERT_OPINION_NEGATIVE")
        ->required();
    c->add_option("--summary", *summary, "The council's summary")->required();
    c->callback([&action, name, opinion, summary] {
      action = [name, opinion, summary](Client& cl, OutputFormat f) {
        v1::Application::ExpertOpinion o;
        v1::Application::ExpertOpinion_Parse(*opinion, &o);
        return Print(cl.applications().RecordExpertOpinion(*name, o, *summary), f);
      };
    });
  }
  {
    auto* c = apps->add_subcommand("reject", "Reject with grounds (officers)");
    auto name = std::make_shared<std::string>();
    auto ground = std::make_shared<std::string>();
    auto explanation = std::make_shared<std::string>();
    c->add_option("name", *name, "applications/{id}")->required();
    EnumOption<v1::Application::RejectionGround>(c, "--ground", *ground, v1::Application::RejectionGround_Parse,
                                                 "e.g. REJECTION_GROUND_POLICY_NOT_MET")
        ->required();
    c->add_option("--explanation", *explanation, "Reasoning")->required();
    c->callback([&action, name, ground, explanation] {
      action = [name, ground, explanation](Client& cl, OutputFormat f) {
        v1::Application::RejectionGround g;
        v1::Application::RejectionGround_Parse(*ground, &g);
        return Print(cl.applications().Reject(*name, g, *explanation), f);
      };
    });
  }
  {
    auto* c =
        apps->add_subcommand("sign", "Record the signed agreement: enters the company in the registry (officers)")
            ->footer(
                "Example:\n  biopolisctl applications sign applications/7 --number C-43-007/2026 --date "
                "2026-11-20 \\\n    --commitment 2027-12-31:5000000000:40 --commitment 2030-12-31:15000000000:120");
    auto name = std::make_shared<std::string>();
    auto number = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto commitments = std::make_shared<std::vector<std::string>>();
    c->add_option("name", *name, "applications/{id}")->required();
    c->add_option("--number", *number, "Agreement number")->required();
    c->add_option("--date", *date, "Agreement date YYYY-MM-DD")->required()->check(kDate);
    c->add_option("--commitment", *commitments, "DUE_DATE:INVESTMENT_KOPECKS:JOBS (repeat)")->required();
    c->callback([&action, name, number, date, commitments] {
      action = [name, number, date, commitments](Client& cl, OutputFormat f) {
        v1::SignAgreementRequest req;
        req.set_name(*name);
        req.set_agreement_number(*number);
        ParseDate(*date, req.mutable_agreement_date());
        for (const auto& text : *commitments) {
          auto* cm = req.add_commitments();
          char due[16] = {0};
          long long kopecks = 0;
          int jobs = 0;
          if (std::sscanf(text.c_str(), "%10[0-9-]:%lld:%d", due, &kopecks, &jobs) != 3 ||
              !ParseDate(due, cm->mutable_due_date())) {
            std::cerr << "error: --commitment " << text << ": expected YYYY-MM-DD:KOPECKS:JOBS\n";
            return static_cast<int>(biopolis::cli::kExitInvalid);
          }
          cm->set_investment_kopecks(kopecks);
          cm->set_jobs(jobs);
        }
        return Print(cl.applications().SignAgreement(req), f);
      };
    });
  }
}

void AddResidents(CLI::App& app, Action& action) {
  auto* res = app.add_subcommand("residents", "The registry of residents")->require_subcommand(1);
  {
    auto* c = res->add_subcommand("list", "List registry entries");
    auto o = std::make_shared<ListOptions>();
    c->add_option("--filter", o->filter, "e.g. state = \"STATE_ACTIVE\"");
    c->add_option("--order-by", o->order_by, "registry_number or create_time");
    c->callback(
        [&action, o] { action = [o](Client& cl, OutputFormat f) { return PrintAll(cl.residents().List(*o), f); }; });
  }
  NameCommand<v1::Resident>(res, action, "get", "Show a registry entry", "residents/{id}",
                            [](Client& c, const std::string& n) { return c.residents().Get(n); });
  {
    auto* c = res->add_subcommand("violation", "Issue a violation notice (officers)");
    auto name = std::make_shared<std::string>();
    auto description = std::make_shared<std::string>();
    auto cure_by = std::make_shared<std::string>();
    c->add_option("name", *name, "residents/{id}")->required();
    c->add_option("--description", *description, "What is violated")->required();
    c->add_option("--cure-by", *cure_by, "YYYY-MM-DD")->required()->check(kDate);
    c->callback([&action, name, description, cure_by] {
      action = [name, description, cure_by](Client& cl, OutputFormat f) {
        v1::IssueViolationNoticeRequest req;
        req.set_name(*name);
        req.set_description(*description);
        ParseDate(*cure_by, req.mutable_cure_by());
        return Print(cl.residents().IssueViolationNotice(req), f);
      };
    });
  }
  NameTextCommand<v1::Resident>(
      res, action, "cure", "Record that a violation was cured (officers)", "residents/{id}", "--note", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.residents().CureViolation(n, t); });
  {
    auto* c = res->add_subcommand("terminate", "Terminate resident status (officers)");
    auto name = std::make_shared<std::string>();
    auto ground = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto explanation = std::make_shared<std::string>();
    c->add_option("name", *name, "residents/{id}")->required();
    EnumOption<v1::Resident::TerminationGround>(c, "--ground", *ground, v1::Resident::TerminationGround_Parse,
                                                "e.g. TERMINATION_GROUND_COURT_DECISION")
        ->required();
    c->add_option("--effective-date", *date, "YYYY-MM-DD")->required()->check(kDate);
    c->add_option("--explanation", *explanation, "For people")->required();
    c->callback([&action, name, ground, date, explanation] {
      action = [name, ground, date, explanation](Client& cl, OutputFormat f) {
        v1::TerminateResidentRequest req;
        req.set_name(*name);
        v1::Resident::TerminationGround g;
        v1::Resident::TerminationGround_Parse(*ground, &g);
        req.set_ground(g);
        ParseDate(*date, req.mutable_effective_date());
        req.set_explanation(*explanation);
        return Print(cl.residents().Terminate(req), f);
      };
    });
  }
}

void AddPolicy(CLI::App& app, Action& action) {
  auto* pol = app.add_subcommand("policy", "Zone policy versions")->require_subcommand(1);
  {
    auto* c = pol->add_subcommand("get", "Show a version (default: the one in force today)");
    auto name = std::make_shared<std::string>("policies/current");
    c->add_option("name", *name, "policies/{version} or policies/current")->capture_default_str();
    c->callback([&action, name] {
      action = [name](Client& cl, OutputFormat f) { return Print(cl.policies().Get(*name), f); };
    });
  }
  pol->add_subcommand("list", "List versions")->callback([&action] {
    action = [](Client& cl, OutputFormat f) { return PrintAll(cl.policies().List(), f); };
  });
  {
    auto* c = pol->add_subcommand("create", "Publish a new version (administrators)")
                  ->footer(
                      "Example:\n  biopolisctl policy create --effective-from 2027-01-01 --min-investment "
                      "15000000000 --min-investment-3y 5000000000 --okved 21 --okved 72.11 --info-days 30");
    auto p = std::make_shared<v1::ZonePolicy>();
    auto from = std::make_shared<std::string>();
    auto min = std::make_shared<long long>(0);
    auto min3 = std::make_shared<long long>(0);
    auto okved = std::make_shared<std::vector<std::string>>();
    auto days = std::make_shared<int>(0);
    auto reservation_days = std::make_shared<int>(90);
    auto description = std::make_shared<std::string>();
    c->add_option("--effective-from", *from, "YYYY-MM-DD, today or later")->required()->check(kDate);
    c->add_option("--min-investment", *min, "Minimum total investment, kopecks")->required();
    c->add_option("--min-investment-3y", *min3, "Minimum within 3 years, kopecks")->required();
    c->add_option("--okved", *okved, "Allowed OKVED prefix (repeat)")->required();
    c->add_option("--info-days", *days, "Days to answer an information request")->required();
    c->add_option("--reservation-days", *reservation_days, "Days a plot stays reserved for an application")
        ->capture_default_str();
    c->add_option("--description", *description, "What changed and why");
    c->callback([&action, from, min, min3, okved, days, reservation_days, description] {
      action = [=](Client& cl, OutputFormat f) {
        v1::ZonePolicy policy;
        ParseDate(*from, policy.mutable_effective_from());
        policy.set_min_investment_kopecks(*min);
        policy.set_min_investment_3y_kopecks(*min3);
        for (const auto& o : *okved) policy.add_allowed_okved_prefixes(o);
        policy.set_info_request_days(*days);
        policy.set_reservation_days(*reservation_days);
        policy.set_description(*description);
        return Print(cl.policies().Create(policy), f);
      };
    });
  }
}

void AddLand(CLI::App& app, Action& action) {
  auto* plots = app.add_subcommand("plots", "Land plots")->require_subcommand(1);
  {
    auto* c =
        plots->add_subcommand("list", "Search plots")
            ->footer(
                "Example:\n  biopolisctl plots list --filter 'state = \"STATE_AVAILABLE\" AND area_m2 >= 5000 AND "
                "power_kw >= 500' --order-by area_m2");
    auto o = std::make_shared<ListOptions>();
    c->add_option("--filter", o->filter,
                  "On state, area_m2, power_kw, water_m3_per_day, gas_m3_per_hour, "
                  "sewage_m3_per_day, permitted_use, site, cadastral_number");
    c->add_option("--order-by", o->order_by, "area_m2, create_time or power_kw, optionally desc");
    c->callback(
        [&action, o] { action = [o](Client& cl, OutputFormat f) { return PrintAll(cl.land().ListPlots(*o), f); }; });
  }
  NameCommand<v1::Plot>(plots, action, "get", "Show a plot", "plots/{id}",
                        [](Client& c, const std::string& n) { return c.land().GetPlot(n); });
  {
    auto* c = plots->add_subcommand("create", "Add a plot to the catalogue (officers)")
                  ->footer(
                      "Example:\n  biopolisctl plots create --cadastral-number 43:40:000302:130 --site \"Site 1\" "
                      "--area 12000 --use PERMITTED_USE_PRODUCTION --power-kw 800");
    auto p = std::make_shared<v1::Plot>();
    auto use = std::make_shared<std::string>();
    auto cadastral = std::make_shared<std::string>();
    auto site = std::make_shared<std::string>();
    auto notes = std::make_shared<std::string>();
    auto numbers = std::make_shared<std::array<long long, 5>>();
    c->add_option("--cadastral-number", *cadastral, "NN:NN:NNNNNN(N):N")->required();
    c->add_option("--site", *site, "Site or section of the zone")->required();
    c->add_option("--area", (*numbers)[0], "Area, m2")->required();
    EnumOption<v1::PermittedUse>(c, "--use", *use, v1::PermittedUse_Parse, "e.g. PERMITTED_USE_PRODUCTION")->required();
    c->add_option("--power-kw", (*numbers)[1], "Electric power, kW");
    c->add_option("--water", (*numbers)[2], "Water, m3/day");
    c->add_option("--gas", (*numbers)[3], "Gas, m3/h");
    c->add_option("--sewage", (*numbers)[4], "Sewage, m3/day");
    c->add_option("--notes", *notes, "Notes");
    c->callback([&action, use, cadastral, site, notes, numbers] {
      action = [=](Client& cl, OutputFormat f) {
        v1::Plot plot;
        plot.set_cadastral_number(*cadastral);
        plot.set_site(*site);
        plot.set_area_m2((*numbers)[0]);
        v1::PermittedUse u;
        v1::PermittedUse_Parse(*use, &u);
        plot.set_permitted_use(u);
        plot.mutable_capacity()->set_power_kw((*numbers)[1]);
        plot.mutable_capacity()->set_water_m3_per_day((*numbers)[2]);
        plot.mutable_capacity()->set_gas_m3_per_hour((*numbers)[3]);
        plot.mutable_capacity()->set_sewage_m3_per_day((*numbers)[4]);
        plot.set_notes(*notes);
        return Print(cl.land().CreatePlot(plot), f);
      };
    });
  }
  NameTextCommand<v1::Plot>(
      plots, action, "block", "Make a plot unavailable (officers)", "plots/{id}", "--reason", true,
      [](Client& c, const std::string& n, const std::string& r) { return c.land().BlockPlot(n, r); });
  NameCommand<v1::Plot>(plots, action, "unblock", "Make a blocked plot available again (officers)", "plots/{id}",
                        [](Client& c, const std::string& n) { return c.land().UnblockPlot(n); });
  NameTextCommand<v1::Plot>(
      plots, action, "release", "Release a reservation (officers)", "plots/{id}", "--reason", true,
      [](Client& c, const std::string& n, const std::string& r) { return c.land().ReleasePlotReservation(n, r); });
  {
    auto* c = plots->add_subcommand("reserve", "Reserve a plot for an application under review (officers)");
    auto name = std::make_shared<std::string>();
    auto app = std::make_shared<std::string>();
    c->add_option("name", *name, "plots/{id}")->required();
    c->add_option("--application", *app, "applications/{id}")->required();
    c->callback([&action, name, app] {
      action = [name, app](Client& cl, OutputFormat f) { return Print(cl.land().ReservePlot(*name, *app), f); };
    });
  }
  {
    auto* c = plots->add_subcommand("retire", "Retire a plot that was split or merged (officers)");
    auto name = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    auto successors = std::make_shared<std::vector<std::string>>();
    c->add_option("name", *name, "plots/{id}")->required();
    c->add_option("--reason", *reason, "Why")->required();
    c->add_option("--successor", *successors, "plots/{id} that replaces it (repeat)")->required();
    c->callback([&action, name, reason, successors] {
      action = [=](Client& cl, OutputFormat f) { return Print(cl.land().RetirePlot(*name, *reason, *successors), f); };
    });
  }
  plots->add_subcommand("utilisation", "Zone-wide land use (officers, auditors)")->callback([&action] {
    action = [](Client& cl, OutputFormat f) { return Print(cl.land().GetUtilisation(), f); };
  });

  auto* leases = app.add_subcommand("leases", "Leases of plots")->require_subcommand(1);
  {
    auto* c = leases->add_subcommand("list", "List leases");
    auto o = std::make_shared<ListOptions>();
    c->add_option("--filter", o->filter, "On state, plot, resident");
    c->add_option("--order-by", o->order_by, "create_time or end_date");
    c->callback(
        [&action, o] { action = [o](Client& cl, OutputFormat f) { return PrintAll(cl.land().ListLeases(*o), f); }; });
  }
  NameCommand<v1::Lease>(leases, action, "get", "Show a lease", "leases/{id}",
                         [](Client& c, const std::string& n) { return c.land().GetLease(n); });
  {
    auto* c = leases->add_subcommand("create", "Sign a lease (officers)")
                  ->footer(
                      "Example:\n  biopolisctl leases create --plot plots/14 --resident residents/2 --start 2027-01-01 "
                      "--end 2075-12-31 --annual-rent 252000000");
    auto plot = std::make_shared<std::string>();
    auto resident = std::make_shared<std::string>();
    auto start = std::make_shared<std::string>();
    auto end = std::make_shared<std::string>();
    auto rent = std::make_shared<long long>(0);
    auto number = std::make_shared<std::string>();
    c->add_option("--plot", *plot, "plots/{id}")->required();
    c->add_option("--resident", *resident, "residents/{id}")->required();
    c->add_option("--start", *start, "First day, YYYY-MM-DD")->required()->check(kDate);
    c->add_option("--end", *end, "Last day, YYYY-MM-DD")->required()->check(kDate);
    c->add_option("--annual-rent", *rent, "Kopecks a year")->required();
    c->add_option("--number", *number, "Lease agreement number");
    c->callback([&action, plot, resident, start, end, rent, number] {
      action = [=](Client& cl, OutputFormat f) {
        v1::Lease lease;
        lease.set_plot(*plot);
        lease.set_resident(*resident);
        ParseDate(*start, lease.mutable_start_date());
        ParseDate(*end, lease.mutable_end_date());
        lease.set_annual_rent_kopecks(*rent);
        lease.set_agreement_number(*number);
        return Print(cl.land().CreateLease(lease), f);
      };
    });
  }
  NameTextCommand<v1::Lease>(
      leases, action, "terminate", "End a lease early (officers)", "leases/{id}", "--reason", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.land().TerminateLease(n, t); });
}

void AddSupport(CLI::App& app, Action& action) {
  using R = v1::SupportRequest;
  auto* support = app.add_subcommand("support", "Support measures and requests")->require_subcommand(1);
  auto* measures = support->add_subcommand("measures", "The catalogue of measures")->require_subcommand(1);
  {
    auto* c =
        ListCommand<v1::SupportMeasure>(measures, action, "List measures", "On kind",
                                        [](Client& cl, const ListOptions& o) { return cl.support().ListMeasures(o); });
    auto open = std::make_shared<bool>(false);
    c->add_flag("--open", *open, "Only those open today");
    c->callback([&action, c, open] {
      ListOptions o;
      o.filter = c->get_option("--filter")->as<std::string>();
      o.order_by = c->get_option("--order-by")->as<std::string>();
      action = [o, open](Client& cl, OutputFormat f) {
        return PrintAll(cl.support().ListMeasures(ListOptions(o).OpenOnly(*open)), f);
      };
    });
  }
  NameCommand<v1::SupportMeasure>(measures, action, "get", "Show a measure", "supportMeasures/{id}",
                                  [](Client& c, const std::string& n) { return c.support().GetMeasure(n); });
  NameCommand<v1::SupportMeasureStatistics>(measures, action, "stats", "Budget, committed, disbursed, requests",
                                            "supportMeasures/{id}",
                                            [](Client& c, const std::string& n) { return c.support().Statistics(n); });
  {
    auto* c = measures->add_subcommand("create", "Add a measure (officers)")
                  ->footer(
                      "Example:\n  biopolisctl support measures create --kind KIND_GRANT --title \"R&D grant\" "
                      "--legal-basis \"Decree 1-P\" --open-from 2027-01-01 --budget 2000000000 --cap 500000000");
    auto kind = std::make_shared<std::string>();
    auto fields = std::make_shared<std::array<std::string, 5>>();  // title, basis, from, until, description
    auto money = std::make_shared<std::array<long long, 3>>();     // budget, cap, min investment made
    auto okved = std::make_shared<std::vector<std::string>>();
    auto active = std::make_shared<bool>(false);
    EnumOption<v1::SupportMeasure::Kind>(c, "--kind", *kind, v1::SupportMeasure::Kind_Parse, "e.g. KIND_SUBSIDY")
        ->required();
    c->add_option("--title", (*fields)[0], "Title")->required();
    c->add_option("--legal-basis", (*fields)[1], "Legal act")->required();
    c->add_option("--open-from", (*fields)[2], "YYYY-MM-DD")->required()->check(kDate);
    c->add_option("--open-until", (*fields)[3], "YYYY-MM-DD")->check(kDate);
    c->add_option("--description", (*fields)[4], "Description");
    c->add_option("--budget", (*money)[0], "Total budget, kopecks (0: non-monetary)");
    c->add_option("--cap", (*money)[1], "Cap per resident, kopecks");
    c->add_option("--min-investment-made", (*money)[2], "Eligibility: investment made, kopecks");
    c->add_option("--okved", *okved, "Eligibility: OKVED prefix (repeat)");
    c->add_flag("--require-active", *active, "Eligibility: resident status active");
    c->callback([&action, kind, fields, money, okved, active] {
      action = [=](Client& cl, OutputFormat f) {
        v1::SupportMeasure m;
        v1::SupportMeasure::Kind k;
        v1::SupportMeasure::Kind_Parse(*kind, &k);
        m.set_kind(k);
        m.set_title((*fields)[0]);
        m.set_legal_basis((*fields)[1]);
        ParseDate((*fields)[2], m.mutable_open_from());
        if (!(*fields)[3].empty()) ParseDate((*fields)[3], m.mutable_open_until());
        m.set_description((*fields)[4]);
        m.set_total_budget_kopecks((*money)[0]);
        m.set_cap_per_resident_kopecks((*money)[1]);
        m.mutable_eligibility()->set_min_investment_made_kopecks((*money)[2]);
        for (const auto& o : *okved) m.mutable_eligibility()->add_okved_prefixes(o);
        m.mutable_eligibility()->set_require_active_status(*active);
        return Print(cl.support().CreateMeasure(m), f);
      };
    });
  }
  {
    auto* c = measures->add_subcommand("update", "Change the given fields of a measure (officers)")
                  ->footer(
                      "Only the flags given are changed. Example (raise the budget, close the measure):\n"
                      "  biopolisctl support measures update supportMeasures/2 --budget 6000000000 "
                      "--open-until 2027-12-31 --etag 3\n"
                      "Eligibility flags change those rules and keep the others; the measure is read first\n"
                      "and written back under its etag (exit 6 if someone changed it meanwhile). Example:\n"
                      "  biopolisctl support measures update supportMeasures/3 --okved 21 --okved 72.11 "
                      "--require-active true");
    auto name = std::make_shared<std::string>();
    auto etag = std::make_shared<std::string>();
    auto fields = std::make_shared<std::array<std::string, 5>>();  // title, basis, from, until, description
    auto money = std::make_shared<std::array<long long, 2>>();     // budget, cap
    c->add_option("name", *name, "supportMeasures/{id}")->required();
    c->add_option("--etag", *etag, "Fail with exit 6 if the measure changed since this etag");
    c->add_option("--title", (*fields)[0], "Title");
    c->add_option("--legal-basis", (*fields)[1], "Legal act");
    c->add_option("--open-from", (*fields)[2], "YYYY-MM-DD")->check(kDate);
    c->add_option("--open-until", (*fields)[3], "YYYY-MM-DD (an empty string: open-ended)");
    c->add_option("--description", (*fields)[4], "Description");
    c->add_option("--budget", (*money)[0], "Total budget, kopecks (not below what is committed)");
    c->add_option("--cap", (*money)[1], "Cap per resident, kopecks");
    struct EligibilityFlags {
      long long min_investment_made = 0;
      std::vector<std::string> okved;
      bool any_okved = false;
      bool require_active = false;
      bool require_no_violation = false;
    };
    auto rules = std::make_shared<EligibilityFlags>();
    c->add_option("--min-investment-made", rules->min_investment_made,
                  "Eligibility: investment made, kopecks (0: no minimum)");
    c->add_option("--okved", rules->okved, "Eligibility: OKVED prefix (repeat; replaces the list)");
    c->add_flag("--any-okved", rules->any_okved, "Eligibility: empty the OKVED list (any activity)");
    c->add_option("--require-active", rules->require_active, "Eligibility: resident must be active (true|false)");
    c->add_option("--require-no-violation", rules->require_no_violation,
                  "Eligibility: no open violation notice (true|false)");
    c->callback([&action, c, name, etag, fields, money, rules] {
      if (c->count("--okved") > 0 && rules->any_okved) {
        throw CLI::ValidationError("--any-okved", "give either --okved or --any-okved");
      }
      auto paths = MaskFromFlags(c, {{"--title", "title"},
                                     {"--legal-basis", "legal_basis"},
                                     {"--open-from", "open_from"},
                                     {"--open-until", "open_until"},
                                     {"--description", "description"},
                                     {"--budget", "total_budget_kopecks"},
                                     {"--cap", "cap_per_resident_kopecks"},
                                     {"--min-investment-made", "eligibility"},
                                     {"--okved", "eligibility"},
                                     {"--any-okved", "eligibility"},
                                     {"--require-active", "eligibility"},
                                     {"--require-no-violation", "eligibility"}});
      const bool set_min_investment = c->count("--min-investment-made") > 0;
      const bool set_okved = c->count("--okved") > 0 || rules->any_okved;
      const bool set_require_active = c->count("--require-active") > 0;
      const bool set_require_no_violation = c->count("--require-no-violation") > 0;
      const bool change_rules = set_min_investment || set_okved || set_require_active || set_require_no_violation;
      google::type::Date until;
      if (!(*fields)[3].empty() && !ParseDate((*fields)[3], &until)) {
        throw CLI::ValidationError("--open-until", "not a date YYYY-MM-DD: " + (*fields)[3]);
      }
      action = [=](Client& cl, OutputFormat f) {
        v1::SupportMeasure m;
        m.set_name(*name);
        m.set_etag(*etag);
        m.set_title((*fields)[0]);
        m.set_legal_basis((*fields)[1]);
        if (!(*fields)[2].empty()) ParseDate((*fields)[2], m.mutable_open_from());
        if (!(*fields)[3].empty()) ParseDate((*fields)[3], m.mutable_open_until());
        m.set_description((*fields)[4]);
        m.set_total_budget_kopecks((*money)[0]);
        m.set_cap_per_resident_kopecks((*money)[1]);
        if (change_rules) {
          // The rules travel as one field: start from the stored ones.
          auto current = cl.support().GetMeasure(*name);
          if (!current.ok()) return Print(current, f);
          if (m.etag().empty()) m.set_etag(current->etag());
          *m.mutable_eligibility() = current->eligibility();
          auto* e = m.mutable_eligibility();
          if (set_min_investment) e->set_min_investment_made_kopecks(rules->min_investment_made);
          if (set_okved) {
            e->clear_okved_prefixes();
            for (const auto& o : rules->okved) e->add_okved_prefixes(o);
          }
          if (set_require_active) e->set_require_active_status(rules->require_active);
          if (set_require_no_violation) e->set_require_no_open_violation(rules->require_no_violation);
        }
        return Print(cl.support().UpdateMeasure(m, paths), f);
      };
    });
  }
  {
    auto* c = support->add_subcommand("eligibility", "Dry-run a measure's rules for a resident");
    auto measure = std::make_shared<std::string>();
    auto resident = std::make_shared<std::string>();
    c->add_option("measure", *measure, "supportMeasures/{id}")->required();
    c->add_option("--resident", *resident, "residents/{id} (officers; a resident key checks itself)");
    c->callback([&action, measure, resident] {
      action = [=](Client& cl, OutputFormat f) { return Print(cl.support().CheckEligibility(*measure, *resident), f); };
    });
  }
  auto* requests = support->add_subcommand("requests", "Support requests")->require_subcommand(1);
  ListCommand<R>(requests, action, "List requests", "On state, measure, resident",
                 [](Client& cl, const ListOptions& o) { return cl.support().ListRequests(o); });
  NameCommand<R>(requests, action, "get", "Show a request", "supportRequests/{id}",
                 [](Client& c, const std::string& n) { return c.support().GetRequest(n); });
  {
    auto* c = requests->add_subcommand("create", "Draft a request (residents)");
    auto measure = std::make_shared<std::string>();
    auto amount = std::make_shared<long long>(0);
    auto purpose = std::make_shared<std::string>();
    auto justification = std::make_shared<std::string>();
    c->add_option("--measure", *measure, "supportMeasures/{id}")->required();
    c->add_option("--amount", *amount, "Requested, kopecks");
    c->add_option("--purpose", *purpose, "What it is for")->required();
    c->add_option("--justification", *justification, "Why the resident qualifies");
    c->callback([&action, measure, amount, purpose, justification] {
      action = [=](Client& cl, OutputFormat f) {
        R r;
        r.set_measure(*measure);
        r.set_requested_kopecks(*amount);
        r.set_purpose(*purpose);
        r.set_justification(*justification);
        return Print(cl.support().CreateRequest(r), f);
      };
    });
  }
  NameCommand<R>(requests, action, "submit", "Submit a draft (residents)", "supportRequests/{id}",
                 [](Client& c, const std::string& n) { return c.support().Submit(n); });
  NameCommand<R>(requests, action, "accept", "Accept for review (officers)", "supportRequests/{id}",
                 [](Client& c, const std::string& n) { return c.support().Accept(n); });
  NameTextCommand<R>(
      requests, action, "request-info", "Ask for information (officers)", "supportRequests/{id}", "--text", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.support().RequestInformation(n, t); });
  NameTextCommand<R>(requests, action, "respond", "Answer an information request (residents)", "supportRequests/{id}",
                     "--text", true,
                     [](Client& c, const std::string& n, const std::string& t) { return c.support().Respond(n, t); });
  NameTextCommand<R>(requests, action, "reject", "Reject (officers)", "supportRequests/{id}", "--reason", true,
                     [](Client& c, const std::string& n, const std::string& t) { return c.support().Reject(n, t); });
  NameTextCommand<R>(requests, action, "withdraw", "Withdraw (residents)", "supportRequests/{id}", "--reason", false,
                     [](Client& c, const std::string& n, const std::string& t) { return c.support().Withdraw(n, t); });
  NameTextCommand<R>(requests, action, "close", "Close; an undisbursed remainder returns to the budget (officers)",
                     "supportRequests/{id}", "--reason", false,
                     [](Client& c, const std::string& n, const std::string& t) { return c.support().Close(n, t); });
  {
    auto* c = requests->add_subcommand("approve", "Approve with a granted amount (officers)");
    auto name = std::make_shared<std::string>();
    auto granted = std::make_shared<long long>(0);
    c->add_option("name", *name, "supportRequests/{id}")->required();
    c->add_option("--granted", *granted, "Granted, kopecks (0 for a non-monetary measure)");
    c->callback([&action, name, granted] {
      action = [=](Client& cl, OutputFormat f) { return Print(cl.support().Approve(*name, *granted), f); };
    });
  }
  {
    auto* c = requests->add_subcommand("disburse", "Record a payment against the grant (officers)");
    auto name = std::make_shared<std::string>();
    auto amount = std::make_shared<long long>(0);
    auto date = std::make_shared<std::string>();
    auto reference = std::make_shared<std::string>();
    c->add_option("name", *name, "supportRequests/{id}")->required();
    c->add_option("--amount", *amount, "Kopecks")->required();
    c->add_option("--date", *date, "Payment date YYYY-MM-DD")->required()->check(kDate);
    c->add_option("--reference", *reference, "Payment order");
    c->callback([&action, name, amount, date, reference] {
      action = [=](Client& cl, OutputFormat f) {
        R::Disbursement d;
        d.set_amount_kopecks(*amount);
        ParseDate(*date, d.mutable_date());
        d.set_reference(*reference);
        return Print(cl.support().Disburse(*name, d), f);
      };
    });
  }
}

void AddServiceDesk(CLI::App& app, Action& action) {
  using R = v1::ServiceRequest;
  auto* desk = app.add_subcommand("desk", "The one-stop shop")->require_subcommand(1);
  auto* types = desk->add_subcommand("types", "Service types")->require_subcommand(1);
  ListCommand<v1::ServiceType>(types, action, "List service types", "On category",
                               [](Client& cl, const ListOptions& o) { return cl.service_desk().ListTypes(o); });
  {
    auto* c = types->add_subcommand("create", "Add a service type (administrators)");
    auto title = std::make_shared<std::string>();
    auto category = std::make_shared<std::string>();
    auto unit = std::make_shared<std::string>();
    auto sla = std::make_shared<int>(0);
    c->add_option("--title", *title, "Title")->required();
    EnumOption<v1::ServiceCategory>(c, "--category", *category, v1::ServiceCategory_Parse,
                                    "e.g. SERVICE_CATEGORY_CERTIFICATION")
        ->required();
    c->add_option("--unit", *unit, "Responsible unit or partner agency")->required();
    c->add_option("--sla-days", *sla, "Working days to resolve")->required();
    c->callback([&action, title, category, unit, sla] {
      action = [=](Client& cl, OutputFormat f) {
        v1::ServiceType t;
        t.set_title(*title);
        v1::ServiceCategory cat;
        v1::ServiceCategory_Parse(*category, &cat);
        t.set_category(cat);
        t.set_responsible_unit(*unit);
        t.set_sla_working_days(*sla);
        return Print(cl.service_desk().CreateType(t), f);
      };
    });
  }
  {
    auto* c = types->add_subcommand("update", "Change the given fields of a service type (administrators)")
                  ->footer("Example: biopolisctl desk types update serviceTypes/1 --sla-days 15");
    auto name = std::make_shared<std::string>();
    auto etag = std::make_shared<std::string>();
    auto text = std::make_shared<std::array<std::string, 4>>();  // title, description, category, unit
    auto sla = std::make_shared<int>(0);
    auto inactive = std::make_shared<bool>(false);
    c->add_option("name", *name, "serviceTypes/{id}")->required();
    c->add_option("--etag", *etag, "Fail with exit 6 if the type changed since this etag");
    c->add_option("--title", (*text)[0], "Title");
    c->add_option("--description", (*text)[1], "Description");
    EnumOption<v1::ServiceCategory>(c, "--category", (*text)[2], v1::ServiceCategory_Parse,
                                    "e.g. SERVICE_CATEGORY_CERTIFICATION");
    c->add_option("--unit", (*text)[3], "Responsible unit or partner agency");
    c->add_option("--sla-days", *sla, "Working days to resolve");
    c->add_option("--inactive", *inactive, "true: no new requests of this type; false: open again");
    c->callback([&action, c, name, etag, text, sla, inactive] {
      auto paths = MaskFromFlags(c, {{"--title", "title"},
                                     {"--description", "description"},
                                     {"--category", "category"},
                                     {"--unit", "responsible_unit"},
                                     {"--sla-days", "sla_working_days"},
                                     {"--inactive", "inactive"}});
      action = [=](Client& cl, OutputFormat f) {
        v1::ServiceType t;
        t.set_name(*name);
        t.set_etag(*etag);
        t.set_title((*text)[0]);
        t.set_description((*text)[1]);
        v1::ServiceCategory cat = v1::SERVICE_CATEGORY_UNSPECIFIED;
        if (!(*text)[2].empty()) v1::ServiceCategory_Parse((*text)[2], &cat);
        t.set_category(cat);
        t.set_responsible_unit((*text)[3]);
        t.set_sla_working_days(*sla);
        t.set_inactive(*inactive);
        return Print(cl.service_desk().UpdateType(t, paths), f);
      };
    });
  }
  auto* requests = desk->add_subcommand("requests", "Service requests")->require_subcommand(1);
  {
    auto* c = requests->add_subcommand("list", "List requests, most urgent first");
    auto o = std::make_shared<ListOptions>();
    auto overdue = std::make_shared<bool>(false);
    c->add_option("--filter", o->filter, "On state, service_type, organization, assignee");
    c->add_option("--order-by", o->order_by, "due_time (default) or create_time");
    c->add_flag("--overdue", *overdue, "Only requests past due now");
    c->callback([&action, o, overdue] {
      action = [=](Client& cl, OutputFormat f) {
        return PrintAll(cl.service_desk().ListRequests(ListOptions(*o).OverdueOnly(*overdue)), f);
      };
    });
  }
  NameCommand<R>(requests, action, "get", "Show a request", "serviceRequests/{id}",
                 [](Client& c, const std::string& n) { return c.service_desk().GetRequest(n); });
  {
    auto* c = requests->add_subcommand("create", "Open a request (residents)");
    auto type = std::make_shared<std::string>();
    auto description = std::make_shared<std::string>();
    c->add_option("--type", *type, "serviceTypes/{id}")->required();
    c->add_option("--description", *description, "What is needed")->required();
    c->callback([&action, type, description] {
      action = [=](Client& cl, OutputFormat f) {
        R r;
        r.set_service_type(*type);
        r.set_description(*description);
        return Print(cl.service_desk().CreateRequest(r), f);
      };
    });
  }
  NameCommand<R>(requests, action, "take", "Take it (officers)", "serviceRequests/{id}",
                 [](Client& c, const std::string& n) { return c.service_desk().Take(n); });
  NameCommand<R>(requests, action, "confirm", "Confirm the resolution (residents)", "serviceRequests/{id}",
                 [](Client& c, const std::string& n) { return c.service_desk().Confirm(n); });
  NameTextCommand<R>(
      requests, action, "ask", "Ask the resident; the SLA clock pauses (officers)", "serviceRequests/{id}", "--text",
      true, [](Client& c, const std::string& n, const std::string& t) { return c.service_desk().AskResident(n, t); });
  NameTextCommand<R>(
      requests, action, "respond", "Answer; the SLA clock resumes (residents)", "serviceRequests/{id}", "--text", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.service_desk().Respond(n, t); });
  NameTextCommand<R>(
      requests, action, "resolve", "Resolve with the outcome (officers)", "serviceRequests/{id}", "--outcome", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.service_desk().Resolve(n, t); });
  NameTextCommand<R>(
      requests, action, "reopen", "Reopen a resolution (residents)", "serviceRequests/{id}", "--reason", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.service_desk().Reopen(n, t); });
  NameTextCommand<R>(
      requests, action, "cancel", "Cancel (residents)", "serviceRequests/{id}", "--reason", false,
      [](Client& c, const std::string& n, const std::string& t) { return c.service_desk().Cancel(n, t); });
  auto* messages = desk->add_subcommand("messages", "A request's conversation")->require_subcommand(1);
  {
    auto* c = messages->add_subcommand("list", "Show the conversation");
    auto parent = std::make_shared<std::string>();
    c->add_option("request", *parent, "serviceRequests/{id}")->required();
    c->callback([&action, parent] {
      action = [=](Client& cl, OutputFormat f) { return PrintAll(cl.service_desk().ListMessages(*parent), f); };
    });
  }
  NameTextCommand<v1::ServiceMessage>(
      messages, action, "add", "Add a message", "serviceRequests/{id}", "--text", true,
      [](Client& c, const std::string& n, const std::string& t) { return c.service_desk().AddMessage(n, t); });
  desk->add_subcommand("stats", "SLA performance (officers, auditors)")->callback([&action] {
    action = [](Client& cl, OutputFormat f) { return Print(cl.service_desk().Statistics(), f); };
  });
}

void AddReporting(CLI::App& app, Action& action) {
  using R = v1::Report;
  auto* reports = app.add_subcommand("reports", "Periodic resident reports")->require_subcommand(1);
  ListCommand<R>(reports, action, "List reports", "On resident, year, quarter, state",
                 [](Client& cl, const ListOptions& o) { return cl.reporting().List(o); });
  NameCommand<R>(reports, action, "get", "Show a report", "reports/{id}",
                 [](Client& c, const std::string& n) { return c.reporting().Get(n); });
  {
    auto* c = reports->add_subcommand("create", "Start a quarter's report (residents)")
                  ->footer(
                      "Example:\n  biopolisctl reports create --year 2026 --quarter 4 --investment 5000000000 "
                      "--capex 3000000000 --jobs 40");
    auto period = std::make_shared<std::array<int, 3>>();  // year, quarter, jobs
    auto money = std::make_shared<std::array<long long, 5>>();
    c->add_option("--year", (*period)[0], "Year")->required();
    c->add_option("--quarter", (*period)[1], "1..4")->required();
    c->add_option("--jobs", (*period)[2], "Jobs at the end of the quarter");
    c->add_option("--investment", (*money)[0], "Investment in the quarter, kopecks");
    c->add_option("--capex", (*money)[1], "Of it, capital expenditure, kopecks");
    c->add_option("--revenue", (*money)[2], "Revenue, kopecks");
    c->add_option("--taxes", (*money)[3], "Taxes paid, kopecks");
    c->add_option("--benefits", (*money)[4], "Tax benefits used, kopecks");
    c->callback([&action, period, money] {
      action = [=](Client& cl, OutputFormat f) {
        R r;
        r.set_year((*period)[0]);
        r.set_quarter((*period)[1]);
        r.set_jobs_at_period_end((*period)[2]);
        r.set_investment_kopecks((*money)[0]);
        r.set_capex_kopecks((*money)[1]);
        r.set_revenue_kopecks((*money)[2]);
        r.set_taxes_paid_kopecks((*money)[3]);
        r.set_tax_benefits_used_kopecks((*money)[4]);
        return Print(cl.reporting().Create(r), f);
      };
    });
  }
  NameCommand<R>(reports, action, "submit", "Submit (residents)", "reports/{id}",
                 [](Client& c, const std::string& n) { return c.reporting().Submit(n); });
  NameCommand<R>(reports, action, "accept", "Accept (officers)", "reports/{id}",
                 [](Client& c, const std::string& n) { return c.reporting().Accept(n); });
  NameCommand<R>(reports, action, "correct", "Start a correction of an accepted report (residents)", "reports/{id}",
                 [](Client& c, const std::string& n) { return c.reporting().Correct(n); });
  NameTextCommand<R>(reports, action, "return", "Return with comments (officers)", "reports/{id}", "--comment", true,
                     [](Client& c, const std::string& n, const std::string& t) { return c.reporting().Return(n, t); });
  reports->add_subcommand("overdue", "Quarters whose report is past due")->callback([&action] {
    action = [](Client& cl, OutputFormat f) {
      return PrintAll(cl.reporting().ListOverdue(ListOptions().PageSize(500)), f);
    };
  });

  auto* compliance = app.add_subcommand("compliance", "Compliance with commitments")->require_subcommand(1);
  NameCommand<v1::ResidentCompliance>(compliance, action, "get", "One resident", "residents/{id}",
                                      [](Client& c, const std::string& n) { return c.reporting().Compliance(n); });
  {
    auto* c = compliance->add_subcommand("list", "Every resident not terminated");
    auto status = std::make_shared<std::string>();
    EnumOption<v1::ComplianceStatus>(c, "--status", *status, v1::ComplianceStatus_Parse,
                                     "e.g. COMPLIANCE_STATUS_BREACHED");
    c->callback([&action, status] {
      action = [=](Client& cl, OutputFormat f) {
        v1::ComplianceStatus s = v1::COMPLIANCE_STATUS_UNSPECIFIED;
        if (!status->empty()) v1::ComplianceStatus_Parse(*status, &s);
        return PrintAll(cl.reporting().ListCompliance(s), f);
      };
    });
  }
  {
    auto* c = app.add_subcommand("stats", "Zone statistics (officers, auditors)");
    auto as_of = std::make_shared<std::string>();
    c->add_option("--as-of", *as_of, "YYYY-MM-DD (default today)")->check(kDate);
    c->callback([&action, as_of] {
      action = [=](Client& cl, OutputFormat f) {
        google::type::Date d;
        bool set = !as_of->empty() && ParseDate(*as_of, &d);
        return Print(cl.reporting().ZoneStatistics(set ? &d : nullptr), f);
      };
    });
  }
}

// CSV with RFC 4180 quoting.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string DateText(const google::type::Date& d) {
  if (d.year() == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return buf;
}

// Writes a CSV export as the pages arrive (constant memory, whatever the
// collection's size): to standard output, or to FILE through FILE.partial,
// renamed only once the last page is written, so a failed export never
// leaves a short file that looks complete.
template <typename T, typename RowFn>
int ExportCsv(biopolis::client::Pager<T> pager, const std::string& out, const std::vector<std::string>& header,
              RowFn row) {
  std::ofstream file;
  std::ostream* os = &std::cout;
  const std::string partial = out + ".partial";
  if (out != "-") {
    file.open(partial, std::ios::trunc);
    if (!file) {
      std::cerr << "error: cannot write " << partial << "\n";
      return static_cast<int>(biopolis::cli::kExitOther);
    }
    os = &file;
  }
  auto write = [os](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) *os << (i ? "," : "") << CsvField(fields[i]);
    *os << "\r\n";
  };
  write(header);
  for (const auto& item : pager) write(row(item));
  if (pager.error()) {
    if (out != "-") {
      file.close();
      std::remove(partial.c_str());
    }
    return biopolis::cli::ReportError(*pager.error());
  }
  if (out != "-") {
    file.close();
    if (!file || std::rename(partial.c_str(), out.c_str()) != 0) {
      std::cerr << "error: cannot write " << out << "\n";
      return static_cast<int>(biopolis::cli::kExitOther);
    }
  }
  return 0;
}

void AddExportAndEvents(CLI::App& app, Action& action) {
  auto* exp = app.add_subcommand("export", "Export as CSV")->require_subcommand(1);
  auto out = std::make_shared<std::string>("-");
  {
    auto* c = exp->add_subcommand("residents", "The registry of residents");
    c->add_option("--out", *out, "File (- for standard output)")->capture_default_str();
    c->callback([&action, out] {
      action = [out](Client& cl, OutputFormat) {
        return ExportCsv(cl.residents().List(ListOptions().PageSize(500)), *out,
                         {"registry_number", "name", "organization", "organization_name", "state", "agreement_number",
                          "agreement_date", "registration_date"},
                         [](const v1::Resident& r) -> std::vector<std::string> {
                           return {r.registry_number(),
                                   r.name(),
                                   r.organization(),
                                   r.organization_display_name(),
                                   v1::Resident::State_Name(r.state()),
                                   r.agreement_number(),
                                   DateText(r.agreement_date()),
                                   DateText(r.registration_date())};
                         });
      };
    });
  }
  {
    auto* c = exp->add_subcommand("plots", "The land catalogue");
    c->add_option("--out", *out, "File (- for standard output)")->capture_default_str();
    c->callback([&action, out] {
      action = [out](Client& cl, OutputFormat) {
        return ExportCsv(cl.land().ListPlots(ListOptions().PageSize(500)), *out,
                         {"name", "cadastral_number", "site", "area_m2", "permitted_use", "state", "power_kw",
                          "water_m3_per_day", "gas_m3_per_hour", "sewage_m3_per_day"},
                         [](const v1::Plot& p) -> std::vector<std::string> {
                           return {p.name(),
                                   p.cadastral_number(),
                                   p.site(),
                                   std::to_string(p.area_m2()),
                                   v1::PermittedUse_Name(p.permitted_use()),
                                   v1::Plot::State_Name(p.state()),
                                   std::to_string(p.capacity().power_kw()),
                                   std::to_string(p.capacity().water_m3_per_day()),
                                   std::to_string(p.capacity().gas_m3_per_hour()),
                                   std::to_string(p.capacity().sewage_m3_per_day())};
                         });
      };
    });
  }
  auto* events = app.add_subcommand("events", "The change feed")->require_subcommand(1);
  {
    auto* c = events->add_subcommand("watch", "Print events as JSON lines; reconnects by itself")
                  ->footer("Example:\n  biopolisctl events watch --after 120 --type applications --count 10");
    auto options = std::make_shared<biopolis::client::WatchOptions>();
    auto count = std::make_shared<long long>(0);
    c->add_option("--after", options->after_sequence, "Start after this sequence (default: from the first)");
    c->add_flag("--now", options->start_at_now, "Only events from now on");
    c->add_option("--type", options->resource_types, "Only this collection (repeat), e.g. applications");
    c->add_option("--count", *count, "Stop after this many events (default: never)");
    c->callback([&action, options, count] {
      action = [=](Client& cl, OutputFormat) {
        auto stream = cl.events().Watch(*options);
        v1::Event e;
        long long n = 0;
        while ((*count == 0 || n < *count) && stream->Next(&e)) {
          std::string line;
          google::protobuf::util::JsonPrintOptions o;
          o.preserve_proto_field_names = true;
          (void)google::protobuf::util::MessageToJsonString(e, &line, o);
          std::cout << line << std::endl;
          ++n;
        }
        if (*count != 0 && n == *count) return 0;
        return stream->error() ? biopolis::cli::ReportError(*stream->error()) : 0;
      };
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
    action = [path](Client& cl, OutputFormat f) { return Print(cl.api_keys().CreateBackup(*path), f); };
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
          if (!page.ok()) return biopolis::cli::ReportError(page.error());
          if (f == OutputFormat::kJson) {
            biopolis::cli::PrintMessage(*page, f);
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
      biopolis::client::AuditVerifyOptions options;
      if (!checkpoint_file->empty()) {
        std::ifstream in(*checkpoint_file);
        if (!in) {
          std::cerr << "error: cannot read " << *checkpoint_file << "\n";
          return static_cast<int>(biopolis::cli::kExitInvalid);
        }
        options.saved_checkpoints.emplace();
        for (std::string line; std::getline(in, line);) options.saved_checkpoints->push_back(line);
      }
      auto verified = biopolis::client::VerifyAuditLog(cl, options);
      if (!verified.ok()) return biopolis::cli::ReportError(verified.error());
      if (!verified->intact) {
        std::cerr << (verified->broken_sequence == 0 ? "audit checkpoint BAD SIGNATURE: " : "audit chain BROKEN at ")
                  << verified->problem << "\n";
        return static_cast<int>(biopolis::cli::kExitIntegrity);
      }
      std::cout << "audit chain intact: " << verified->records_checked << " records"
                << (verified->records_checked == 0 ? "" : ", last hash " + verified->last_hash) << "; "
                << verified->checkpoints << " signed checkpoint(s) match"
                << (checkpoint_file->empty() ? " (the server's)" : " (" + *checkpoint_file + ")") << "\n";
      return 0;
    };
  });
}

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
  app.add_option("--output,-o", g.output, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  app.add_option("--ca-file", g.ca_file, "PEM root certificates: connect with TLS")->check(CLI::ExistingFile);
  app.add_option("--timeout", g.timeout_seconds, "Seconds per attempt")->capture_default_str();

  Action action;
  AddKeys(app, action);
  AddOrganizations(app, action);
  AddApplications(app, action);
  AddResidents(app, action);
  AddPolicy(app, action);
  AddLand(app, action);
  AddSupport(app, action);
  AddServiceDesk(app, action);
  AddReporting(app, action);
  AddBackup(app, action);
  AddExportAndEvents(app, action);
  AddAudit(app, action);

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
  Client client(options);
  return action(client, g.output == "json" ? OutputFormat::kJson : OutputFormat::kTable);
}
