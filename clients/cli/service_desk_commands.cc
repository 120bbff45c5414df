// biopolisctl: the one-stop shop: service types, requests, messages.
#include "biopolis/service_desk.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

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

}  // namespace biopolis::cli
