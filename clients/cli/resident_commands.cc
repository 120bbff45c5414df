// biopolisctl: residents: the registry of residents.
#include "biopolis/residents.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

void AddResidents(CLI::App& app, Action& action) {
  auto* res = app.add_subcommand("residents", "The registry of residents")->require_subcommand(1);
  {
    auto* c = res->add_subcommand("list", "List registry entries");
    auto o = std::make_shared<ListOptions>();
    c->add_option("--filter", o->filter, "e.g. state = \"STATE_ACTIVE\"");
    c->add_option("--order-by", o->order_by, "registry_number or create_time");
    auto as_of = std::make_shared<std::string>();
    AsOfOption(c, *as_of);
    c->callback([&action, o, as_of] {
      if (!as_of->empty()) o->AsOf(*ParseAsOf(*as_of));
      action = [o](Client& cl, OutputFormat f) { return PrintAll(cl.residents().List(*o), f); };
    });
  }
  AsOfNameCommand<v1::Resident>(res, action, "get", "Show a registry entry", "residents/{id}",
                                [](Client& c, const std::string& n, auto as_of) {
                                  return as_of ? c.residents().Get(n, *as_of) : c.residents().Get(n);
                                });
  {
    auto* c = res->add_subcommand("versions", "Show a registry entry's history, oldest first");
    auto name = std::make_shared<std::string>();
    c->add_option("name", *name, "residents/{id}")->required();
    c->callback([&action, name] {
      action = [name](Client& cl, OutputFormat f) { return PrintAll(cl.residents().ListVersions(*name), f); };
    });
  }
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

}  // namespace biopolis::cli
