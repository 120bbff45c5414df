// biopolisctl: organizations: the companies known to the zone.
#include "biopolis/organizations.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

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
    auto effective = std::make_shared<std::string>();
    c->add_option("--effective-date", *effective, "YYYY-MM-DD the change took effect (officers; default today)")
        ->check(kDate);
    add_fields(c, *f);
    c->callback([&action, f, name, c, to_proto, effective] {
      auto paths = MaskFromFlags(c, {{"--kpp", "kpp"},
                                     {"--full-name", "full_name"},
                                     {"--short-name", "short_name"},
                                     {"--address", "legal_address"},
                                     {"--contact-person", "contact_person"},
                                     {"--contact-email", "contact_email"},
                                     {"--contact-phone", "contact_phone"}});
      action = [f, name, paths, to_proto, effective](Client& cl, OutputFormat fmt) {
        v1::UpdateOrganizationRequest req;
        *req.mutable_organization() = to_proto(*f);
        req.mutable_organization()->set_name(*name);
        req.mutable_organization()->set_etag(f->etag);
        for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
        if (!effective->empty()) ParseDate(*effective, req.mutable_effective_date());
        return Print(cl.organizations().Update(std::move(req)), fmt);
      };
    });
  }
  AsOfNameCommand<v1::Organization>(orgs, action, "get", "Show an organization", "organizations/{id}",
                                    [](Client& c, const std::string& n, auto as_of) {
                                      return as_of ? c.organizations().Get(n, *as_of) : c.organizations().Get(n);
                                    });
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

}  // namespace biopolis::cli
