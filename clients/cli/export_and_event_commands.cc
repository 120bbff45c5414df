// biopolisctl: CSV exports and the change feed.
#include <google/protobuf/util/json_util.h>

#include "biopolis/events.h"
#include "biopolis/land.h"
#include "biopolis/residents.h"
#include "command_support.h"
#include "commands.h"

namespace biopolis::cli {

void AddExportAndEvents(CLI::App& app, Action& action) {
  auto* exp = app.add_subcommand("export", "Export as CSV")->require_subcommand(1);
  AddPublicRegistryExport(exp, action);
  auto out = std::make_shared<std::string>("-");
  {
    auto* c = exp->add_subcommand("residents", "The registry of residents");
    c->add_option("--out", *out, "File (- for standard output)")->capture_default_str();
    auto as_of = std::make_shared<std::string>();
    AsOfOption(c, *as_of);
    c->callback([&action, out, as_of] {
      action = [out, as_of](Client& cl, OutputFormat) {
        ListOptions options = ListOptions().PageSize(500);
        if (!as_of->empty()) options.AsOf(*ParseAsOf(*as_of));
        return ExportCsv(cl.residents().List(options), *out,
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
    auto options = std::make_shared<client::WatchOptions>();
    auto count = std::make_shared<long long>(0);
    c->add_option("--after", options->after_sequence, "Start after this sequence (default: from the first)");
    c->add_flag("--now", options->start_at_now, "Only events from now on");
    c->add_option("--type", options->resource_types, "Only this collection (repeat), e.g. applications");
    c->add_option("--count", *count, "Stop after this many events (default: never)");
    c->callback([&action, options, count] {
      action = [=](Client& cl, OutputFormat) {
        // Catching up with stored events: a progress bar on a terminal's stderr until the newest one.
        std::int64_t newest = 0;
        if (!options->start_at_now) {
          auto head = cl.events().ListPage({}, ListOptions().PageSize(1));
          if (head.ok()) newest = head->last_sequence();
        }
        Progress catch_up("catching up");
        auto stream = cl.events().Watch(*options);
        v1::Event e;
        long long n = 0;
        while ((*count == 0 || n < *count) && stream->Next(&e)) {
          if (e.sequence() < newest) {
            catch_up.Fraction(e.sequence(), newest);
          } else {
            catch_up.Done();
          }
          std::string line;
          google::protobuf::util::JsonPrintOptions o;
          o.preserve_proto_field_names = true;
          (void)google::protobuf::util::MessageToJsonString(e, &line, o);
          std::cout << line << std::endl;
          ++n;
        }
        if (*count != 0 && n == *count) return 0;
        return stream->error() ? ReportError(*stream->error()) : 0;
      };
    });
  }
  {
    auto* c = events->add_subcommand("list", "List stored events, oldest first (a snapshot; then `watch --after`)")
                  ->footer(
                      "Example:\n  biopolisctl events list --after 120 --type applications --organization "
                      "organizations/3");
    auto filter = std::make_shared<client::EventFilter>();
    c->add_option("--after", filter->after_sequence, "Events after this sequence (default: from the first)");
    c->add_option("--type", filter->resource_types, "Only this collection (repeat), e.g. applications");
    c->add_option("--organization", filter->organization, "Only events concerning organizations/{id}");
    c->callback([&action, filter] {
      action = [filter](Client& cl, OutputFormat f) {
        return PrintAll(cl.events().List(*filter, ListOptions().PageSize(500)), f);
      };
    });
  }
}

}  // namespace biopolis::cli
