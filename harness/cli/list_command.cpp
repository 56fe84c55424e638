// rfcheck list: the cases a run would execute, with id, level, ref and tags.
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/filter_options.h"
#include "protocols/registry.h"
#include "spec/spec_loader.h"

namespace rfcheck::cli {

Command add_list_command(CLI::App& app) {
  auto* sub = app.add_subcommand("list", "List the cases of a protocol's suites");
  struct Options {
    std::string protocol;  // empty: every protocol
    std::string specs;
    FilterOptions filter;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("--protocol", o->protocol,
                  "Protocol whose suites to list: " + protocol_names_text() + " (default: all)");
  sub->add_option("--specs", o->specs, "Spec folder (default: $RFCHECK_SPECS/<protocol>, else the installed specs/<protocol>)");
  add_filter_options(*sub, o->filter);
  return [o]() {
    if (!o->protocol.empty() && !find_protocol_plugin(o->protocol)) {
      std::cerr << "rfcheck: " << unknown_protocol_message(o->protocol) << "\n";
      return kExitUsage;
    }
    CaseFilter filter;
    if (auto err = to_case_filter(o->filter, filter); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    // --specs names one folder (its protocol.yaml says which protocol); else every protocol.
    std::vector<std::string> protocols = {o->protocol};
    if (o->protocol.empty() && o->specs.empty()) protocols = protocol_names();
    std::size_t total = 0;
    for (const auto& protocol : protocols) {
      auto loaded = load_spec_dir(o->specs.empty() ? default_specs_dir(protocol) : o->specs);
      for (const auto& e : loaded.errors) std::cerr << "ERROR: " << e.describe() << "\n";
      if (!loaded.ok()) return kExitUsage;
      const auto cases = select_cases(loaded.specs, filter);
      for (const Case* c : cases) {
        std::string tags;
        for (const auto& t : c->tags) tags += (tags.empty() ? "" : ",") + t;
        std::cout << std::left << std::setw(44) << c->id << " " << std::setw(6)
                  << to_string(c->level) << " " << std::setw(18) << c->ref << " [" << tags
                  << "] " << c->title << "\n";
      }
      total += cases.size();
    }
    std::cout << total << " cases\n";
    return kExitOk;
  };
}

}  // namespace rfcheck::cli
