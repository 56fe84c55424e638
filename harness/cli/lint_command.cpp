// rfcheck lint [DIR...]: loads specs strictly, with no server, and lists every problem.
#include <iostream>

#include "cli/commands.h"
#include "protocols/registry.h"
#include "spec/spec_loader.h"

namespace rfcheck::cli {

Command add_lint_command(CLI::App& app) {
  auto* sub = app.add_subcommand("lint", "Check spec files without a server");
  auto dirs = std::make_shared<std::vector<std::string>>();
  sub->add_option("dirs", *dirs,
                  "Spec folders, each holding a protocol.yaml (default: the specs of every protocol: " +
                      protocol_names_text() + ")");
  return [dirs]() {
    if (dirs->empty()) {
      for (const auto& name : protocol_names()) dirs->push_back(default_specs_dir(name));
    }
    std::size_t errors = 0, cases = 0;
    for (const auto& dir : *dirs) {
      auto loaded = load_spec_dir(dir);
      for (const auto& e : loaded.errors) std::cout << "ERROR: " << e.describe() << "\n";
      errors += loaded.errors.size();
      cases += loaded.specs.all_cases().size();
      std::cout << "lint: " << dir << ": " << loaded.specs.suites.size() << " suites, "
                << loaded.specs.all_cases().size() << " cases, " << loaded.errors.size()
                << " errors\n";
    }
    return errors == 0 ? kExitOk : kExitUsage;
  };
}

}  // namespace rfcheck::cli
