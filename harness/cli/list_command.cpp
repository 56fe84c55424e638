// rfcheck list: the cases a run would execute, with id, level, ref and tags.
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/filter_options.h"
#include "spec/spec_loader.h"

namespace rfcheck::cli {

Command add_list_command(CLI::App& app) {
  auto* sub = app.add_subcommand("list", "List the cases of a protocol's suites");
  struct Options {
    std::string protocol = "ftp";
    std::string specs;
    FilterOptions filter;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("--protocol", o->protocol, "Protocol whose suites to list")->capture_default_str();
  sub->add_option("--specs", o->specs, "Spec folder (default: the installed specs/<protocol>)");
  add_filter_options(*sub, o->filter);
  return [o]() {
    auto loaded = load_spec_dir(o->specs.empty() ? default_specs_dir(o->protocol) : o->specs);
    for (const auto& e : loaded.errors) std::cerr << "ERROR: " << e.describe() << "\n";
    if (!loaded.ok()) return kExitUsage;
    CaseFilter filter;
    if (auto err = to_case_filter(o->filter, filter); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    const auto cases = select_cases(loaded.specs, filter);
    for (const Case* c : cases) {
      std::string tags;
      for (const auto& t : c->tags) tags += (tags.empty() ? "" : ",") + t;
      std::cout << std::left << std::setw(44) << c->id << " " << std::setw(6)
                << to_string(c->level) << " " << std::setw(18) << c->ref << " [" << tags << "] "
                << c->title << "\n";
    }
    std::cout << cases.size() << " cases\n";
    return kExitOk;
  };
}

}  // namespace rfcheck::cli
