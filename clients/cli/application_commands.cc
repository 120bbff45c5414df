// biopolisctl: applications: resident-status applications, draft to agreement.
#include "biopolis/applications.h"
#include "biopolis/documents.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

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
  {
    // For people, the application with its dossier: the documents attached
    // and, while it can still change, the kinds the policy requires that are missing.
    auto* c = apps->add_subcommand("get", "Show an application with its documents");
    auto name = std::make_shared<std::string>();
    c->add_option("name", *name, "applications/{id}")->required();
    c->callback([&action, name] {
      action = [name](Client& cl, OutputFormat f) {
        int code = Print(cl.applications().Get(*name), f);
        if (code != 0 || f == OutputFormat::kJson || f == OutputFormat::kName) return code;
        std::cout << "\nDocuments:\n";
        if (int listed = PrintAll(cl.documents().List(*name), f); listed != 0) return listed;
        auto check = cl.applications().CheckEligibility(*name);
        if (check.ok()) {
          std::string missing;
          for (const auto& v : check->violations()) {
            if (v.reason() != "MISSING_DOCUMENTS") continue;
            const std::string prefix = "no document of kind ";
            std::string kind = v.description().rfind(prefix, 0) == 0 ? v.description().substr(prefix.size()) : "";
            kind = kind.substr(0, kind.find(' '));
            missing += (missing.empty() ? "" : ", ") + kind;
          }
          if (!missing.empty()) std::cout << "\nMissing documents (required by the policy): " << missing << "\n";
        }
        return 0;
      };
    });
  }
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
            return static_cast<int>(kExitInvalid);
          }
          cm->set_investment_kopecks(kopecks);
          cm->set_jobs(jobs);
        }
        return Print(cl.applications().SignAgreement(req), f);
      };
    });
  }
}

}  // namespace biopolis::cli
