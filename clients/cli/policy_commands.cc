// biopolisctl: policy: the zone policy versions.
#include "biopolis/policies.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

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
    auto documents = std::make_shared<std::vector<std::string>>();
    c->add_option("--effective-from", *from, "YYYY-MM-DD, today or later")->required()->check(kDate);
    c->add_option("--min-investment", *min, "Minimum total investment, kopecks")->required();
    c->add_option("--min-investment-3y", *min3, "Minimum within 3 years, kopecks")->required();
    c->add_option("--okved", *okved, "Allowed OKVED prefix (repeat)")->required();
    c->add_option("--info-days", *days, "Days to answer an information request")->required();
    c->add_option("--reservation-days", *reservation_days, "Days a plot stays reserved for an application")
        ->capture_default_str();
    c->add_option("--description", *description, "What changed and why");
    DocumentKindsOption(c, *documents, "A document kind every application must carry to be submitted (repeat)");
    c->callback([&action, from, min, min3, okved, days, reservation_days, description, documents] {
      action = [=](Client& cl, OutputFormat f) {
        v1::ZonePolicy policy;
        ParseDate(*from, policy.mutable_effective_from());
        policy.set_min_investment_kopecks(*min);
        policy.set_min_investment_3y_kopecks(*min3);
        for (const auto& o : *okved) policy.add_allowed_okved_prefixes(o);
        policy.set_info_request_days(*days);
        policy.set_reservation_days(*reservation_days);
        policy.set_description(*description);
        AddDocumentKinds(*documents, [&](v1::Document::Kind k) { policy.add_required_application_documents(k); });
        return Print(cl.policies().Create(policy), f);
      };
    });
  }
}

}  // namespace biopolis::cli
