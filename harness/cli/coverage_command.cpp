// rfcheck coverage: how much of each RFC the suites check, from the requirements catalogue
// (ROOT/requirements) and the `covers:` of every case (docs/requirements.md).
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/requirement_coverage.h"
#include "protocols/registry.h"
#include "reports/report_target.h"
#include "reports/requirement_coverage_report.h"
#include "spec/catalogue_loader.h"
#include "spec/spec_loader.h"

namespace rfcheck::cli {
namespace {

namespace fs = std::filesystem;

struct CoverageReport {
  bool html = false;
  fs::path path;
};

std::optional<CoverageReport> parse_coverage_report(const std::string& arg, std::string& error) {
  const auto colon = arg.find(':');
  const std::string format = arg.substr(0, colon);
  if (colon == std::string::npos || (format != "json" && format != "html") ||
      colon + 1 == arg.size()) {
    error = "--report '" + arg + "': expected json:PATH or html:PATH";
    return std::nullopt;
  }
  return CoverageReport{format == "html", fs::path(arg.substr(colon + 1))};
}

// Every protocol's cases under ROOT; the loads stay alive because the cases point into them.
bool load_all_cases(const fs::path& root, std::vector<SpecLoadResult>& loads,
                    std::vector<const Case*>& cases) {
  bool ok = true;
  for (const auto& protocol : protocol_names()) {
    std::error_code ec;
    if (!fs::is_directory(root / protocol, ec)) continue;
    loads.push_back(load_spec_dir((root / protocol).string()));
    for (const auto& e : loads.back().errors) std::cerr << "ERROR: " << e.describe() << "\n";
    ok = ok && loads.back().ok();
  }
  for (const auto& load : loads) {
    for (const Case* c : load.specs.all_cases()) cases.push_back(c);
  }
  return ok;
}

}  // namespace

Command add_coverage_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "coverage", "How many of each RFC's server requirements the cases check");
  struct Options {
    std::string specs;
    std::vector<int> rfcs;
    std::vector<std::string> reports;
    bool summary = false;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("--specs", o->specs,
                  "Specs root holding requirements/, rfc/ and a folder per protocol "
                  "(default: $RFCHECK_SPECS, else the installed specs)");
  sub->add_option("--rfc", o->rfcs, "Only this RFC (repeatable)");
  sub->add_option("--report", o->reports, "Also write json:PATH or html:PATH (repeatable)");
  sub->add_flag("--summary", o->summary, "Leave out the list of requirements without a case");
  return [o]() {
    std::vector<CoverageReport> reports;
    for (const auto& arg : o->reports) {
      std::string error;
      auto report = parse_coverage_report(arg, error);
      if (!report) {
        std::cerr << "rfcheck: " << error << "\n";
        return kExitUsage;
      }
      reports.push_back(*report);
    }
    const fs::path root = o->specs.empty() ? fs::path(specs_root()) : fs::path(o->specs);
    auto catalogues = load_catalogues(root.string());
    for (const auto& e : catalogues.errors) std::cerr << "ERROR: " << e.describe() << "\n";
    if (catalogues.catalogues.catalogues.empty()) {
      std::cerr << "rfcheck: no requirements catalogue in " << (root / "requirements").string()
                << " (docs/requirements.md)\n";
      return kExitUsage;
    }
    std::vector<SpecLoadResult> loads;
    std::vector<const Case*> cases;
    if (!load_all_cases(root, loads, cases) || !catalogues.errors.empty()) return kExitUsage;
    auto& all = catalogues.catalogues.catalogues;
    if (!o->rfcs.empty()) {
      std::erase_if(all, [&](const Catalogue& c) {
        return std::find(o->rfcs.begin(), o->rfcs.end(), c.rfc) == o->rfcs.end();
      });
      if (all.empty()) {
        std::cerr << "rfcheck: no catalogue for the RFCs given to --rfc\n";
        return kExitUsage;
      }
    }
    const auto coverage = compute_coverage(catalogues.catalogues, cases);
    reports::write_coverage_text(coverage, !o->summary, std::cout);
    for (const auto& report : reports) {
      auto error = reports::write_file_atomically(report.path, [&](std::ostream& out) {
        if (report.html) reports::write_coverage_html(coverage, out);
        else reports::write_coverage_json(coverage, out);
      });
      if (error) {
        std::cerr << "rfcheck: " << *error << "\n";
        return kExitUsage;
      }
    }
    return kExitOk;
  };
}

}  // namespace rfcheck::cli
