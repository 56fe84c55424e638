// rfcheck lint [DIR...]: loads specs strictly, with no server, and lists every problem: the
// cases, the requirements catalogue beside them (ROOT/requirements) and every quote and
// catalogue sentence against the RFC texts (ROOT/rfc), ROOT being each folder's parent.
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "protocols/registry.h"
#include "spec/catalogue_loader.h"
#include "spec/spec_loader.h"

namespace rfcheck::cli {
namespace {

std::size_t print_errors(const LoadErrors& errors) {
  for (const auto& e : errors) std::cout << "ERROR: " << e.describe() << "\n";
  return errors.size();
}

std::size_t requirement_count(const CatalogueSet& set) {
  std::size_t n = 0;
  for (const auto& c : set.catalogues) n += c.requirements.size();
  return n;
}

}  // namespace

Command add_lint_command(CLI::App& app) {
  auto* sub = app.add_subcommand("lint", "Check spec files and the requirements catalogue without a server");
  auto dirs = std::make_shared<std::vector<std::string>>();
  sub->add_option("dirs", *dirs,
                  "Spec folders, each holding a protocol.yaml (default: the specs of every protocol: " +
                      protocol_names_text() + ")");
  return [dirs]() {
    if (dirs->empty()) {
      for (const auto& name : protocol_names()) dirs->push_back(default_specs_dir(name));
    }
    namespace fs = std::filesystem;
    std::map<std::string, CatalogueLoadResult> roots;  // each specs root loaded once
    std::size_t errors = 0;
    for (const auto& dir : *dirs) {
      std::error_code ec;
      auto root = fs::weakly_canonical(fs::absolute(dir, ec) / "..", ec).string();
      if (!roots.count(root)) {
        auto& catalogues = roots[root] = load_catalogues(root);
        errors += print_errors(catalogues.errors);
        if (!catalogues.catalogues.catalogues.empty() || !catalogues.errors.empty()) {
          std::cout << "lint: " << (fs::path(root) / "requirements").string() << ": "
                    << catalogues.catalogues.catalogues.size() << " catalogues, "
                    << requirement_count(catalogues.catalogues) << " requirements, "
                    << catalogues.errors.size() << " errors\n";
        }
      }
      auto loaded = load_spec_dir(dir);
      auto citations = check_case_citations(loaded.specs, roots.at(root));
      const auto found = print_errors(loaded.errors) + print_errors(citations);
      errors += found;
      std::cout << "lint: " << dir << ": " << loaded.specs.suites.size() << " suites, "
                << loaded.specs.all_cases().size() << " cases, " << found << " errors\n";
    }
    return errors == 0 ? kExitOk : kExitUsage;
  };
}

}  // namespace rfcheck::cli
