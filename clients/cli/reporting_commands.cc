// biopolisctl: reports, compliance and statistics.
#include "biopolis/reporting.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

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

}  // namespace biopolis::cli
