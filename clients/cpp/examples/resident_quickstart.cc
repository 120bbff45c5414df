// A resident company's integration: draft an application, dry-run the checks,
// fix what they report, submit, and follow it.
//
//   BIOPOLIS_ADDRESS=127.0.0.1:50051 BIOPOLIS_API_KEY=<resident key> ./resident_quickstart
#include <biopolis/applications.h>

#include <cstdlib>
#include <iostream>

int main() {
  biopolis::client::ClientOptions options;
  if (const char* address = std::getenv("BIOPOLIS_ADDRESS")) options.target = address;
  if (const char* key = std::getenv("BIOPOLIS_API_KEY")) options.api_key = key;
  // Only the service this program calls: its header alone compiles fast.
  biopolis::client::Applications applications(options);

  // Our draft, if we have one; otherwise a new draft. A failed List is an
  // error, not "no draft": the failed page comes as an element with the error.
  std::string name;
  auto drafts = applications.List(biopolis::client::ListOptions().Filter("state = \"STATE_DRAFT\""));
  for (const auto& app : drafts) {
    if (!app) {
      std::cerr << app.error().ToString() << "\n";
      return 1;
    }
    name = app->name();
  }
  if (name.empty()) {
    biopolis::v1::Application draft;
    draft.set_project_name("Enzyme production line");
    draft.set_project_description("Industrial enzymes for food and feed");
    draft.add_okved_codes("20.14");
    draft.set_planned_investment_kopecks(95'000'000'00);  // 95 mln roubles
    draft.set_planned_investment_3y_kopecks(30'000'000'00);
    draft.set_planned_jobs(25);
    auto created = applications.Create(draft);
    if (!created) {
      std::cerr << created.error().ToString() << "\n";
      return 1;
    }
    name = created->name();
  }
  std::cout << "application: " << name << "\n";

  // The dry run says what submission would refuse, rule by rule.
  auto check = applications.CheckEligibility(name);
  if (!check) {
    std::cerr << check.error().ToString() << "\n";
    return 1;
  }
  auto current = applications.Get(name);
  if (!current) {
    std::cerr << current.error().ToString() << "\n";
    return 1;
  }
  biopolis::v1::Application fix;
  fix.set_name(name);
  fix.set_etag(current->etag());
  std::vector<std::string> paths;
  for (const auto& v : check->violations()) {
    std::cout << "  " << v.field() << ": " << v.reason() << "\n";
    if (v.reason() == "INVESTMENT_BELOW_MINIMUM") {
      fix.set_planned_investment_kopecks(130'000'000'00);
      paths.push_back("planned_investment_kopecks");
    } else if (v.reason() == "INVESTMENT_3Y_BELOW_MINIMUM") {
      fix.set_planned_investment_3y_kopecks(45'000'000'00);
      paths.push_back("planned_investment_3y_kopecks");
    }
  }
  std::string etag = current->etag();
  if (!paths.empty()) {
    auto updated = applications.Update(fix, paths);
    if (!updated) {
      std::cerr << updated.error().ToString() << "\n";
      return 1;
    }
    etag = updated->etag();
  }

  auto submitted = applications.Submit(name, etag);
  if (!submitted) {
    // Field violations say exactly what is still wrong.
    std::cerr << submitted.error().ToString() << "\n";
    return 1;
  }
  std::cout << "submitted: " << biopolis::v1::Application::State_Name(submitted->state()) << " under policy version "
            << submitted->policy_version() << "\n";
  return 0;
}
