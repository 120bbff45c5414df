// biopolisctl: plots and leases.
#include "biopolis/land.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

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

}  // namespace biopolis::cli
