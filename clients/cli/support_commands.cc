// biopolisctl: support measures and requests.
#include "biopolis/support.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

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
    auto documents = std::make_shared<std::vector<std::string>>();
    EnumOption<v1::SupportMeasure::Kind>(c, "--kind", *kind, v1::SupportMeasure::Kind_Parse, "e.g. KIND_SUBSIDY")
        ->required();
    DocumentKindsOption(c, *documents, "A document kind every request must carry to be submitted (repeat)");
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
    c->callback([&action, kind, fields, money, okved, active, documents] {
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
        AddDocumentKinds(*documents, [&](v1::Document::Kind k) { m.add_required_documents(k); });
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

}  // namespace biopolis::cli
