// rfcheck diff OLD.json NEW.json: two runs' JSON reports compared case by case. Exit 1 when a
// case regressed at the gated levels (or the new run did not complete and the old one did),
// so a CI job can gate a change on "nothing that passed fails now".
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "run_report/run_report_reader.h"
#include "reports/report_target.h"
#include "reports/run_diff.h"
#include "reports/run_diff_report.h"

namespace rfcheck::cli {
namespace {

struct DiffOptions {
  std::string before, after;
  std::string fail_on;  // empty: the new run's gate
  std::string json_path;
};

std::optional<RunResult> read_report(const std::string& path) {
  auto read = read_run_report(path);
  if (auto* error = std::get_if<std::string>(&read)) {
    std::cerr << "rfcheck: " << *error << "\n";
    return std::nullopt;
  }
  return std::get<RunResult>(std::move(read));
}

int compare(const DiffOptions& o, const RunResult& before, const RunResult& after) {
  Level gate = after.gate;
  if (!o.fail_on.empty()) {
    auto level = parse_level(o.fail_on);
    if (!level) {
      std::cerr << "rfcheck: --fail-on takes must, should or may, not '" << o.fail_on << "'\n";
      return kExitUsage;
    }
    gate = *level;
  }
  if (before.protocol != after.protocol) {
    std::cerr << "rfcheck: " << o.before << " is a " << before.protocol << " run and " << o.after
              << " a " << after.protocol << " run: their cases cannot be compared\n";
    return kExitUsage;
  }
  const reports::RunDiff diff = reports::diff_runs(before, after, gate);
  reports::write_diff_text(diff, before, after, std::cout);
  if (!o.json_path.empty()) {
    auto failed = reports::write_file_atomically(o.json_path, [&](std::ostream& out) {
      reports::write_diff_json(diff, before, after, out);
    });
    if (failed) {
      std::cerr << "rfcheck: " << *failed << "\n";
      return kExitUsage;
    }
  }
  // Cases a run cut short never reached show up as removed; that is no fix of the server.
  if (!after.ended_early.empty() && before.ended_early.empty()) {
    std::cout << "The new run did not complete: " << after.ended_early << "\n";
    return kExitFailed;
  }
  return diff.regressions.empty() ? kExitOk : kExitFailed;
}

}  // namespace

Command add_diff_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "diff", "Compare two runs' JSON reports: regressions, fixes, new and removed cases");
  auto o = std::make_shared<DiffOptions>();
  sub->add_option("old", o->before, "The JSON report of the earlier run")->required();
  sub->add_option("new", o->after, "The JSON report of the later run")->required();
  sub->add_option("--fail-on", o->fail_on,
                  "Lowest level whose regressions fail (exit 1): must, should, may "
                  "(default: the new run's gate)");
  sub->add_option("--json", o->json_path, "Also write the comparison as JSON (rfcheck-diff/1) to PATH");
  return [o]() {
    const auto before = read_report(o->before);
    const auto after = before ? read_report(o->after) : std::nullopt;
    if (!before || !after) return kExitUsage;
    return compare(*o, *before, *after);
  };
}

}  // namespace rfcheck::cli
