// rfcheck baseline REPORT.json [-o FILE]: drafts a baseline of known deviations from a
// finished run's JSON report, one entry per failing case, each marked for review. With an
// existing FILE the new entries are added to it, and nothing of what a person wrote there
// (entries, reasons, comments) is changed.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "core/text_file.h"
#include "run_report/run_report_reader.h"
#include "reports/report_target.h"
#include "runner/baseline_draft.h"
#include "spec/baseline_writer.h"
#include "spec/target_loader.h"

namespace rfcheck::cli {
namespace {

struct BaselineOptions {
  std::string report;
  std::string output;  // empty: stdout
};

std::vector<std::string> header_of(const RunResult& run, const std::string& report) {
  return {
      "Known deviations of " + run.target + " (" + run.protocol + "), drafted by `rfcheck baseline`",
      "from " + std::filesystem::path(report).filename().string() +
          (run.started_at.empty() ? "" : " (the run of " + run.started_at + ")") + ".",
      "",
      "Each drafted reason starts with UNREVIEWED: and says what the server answered and the RFC",
      "sentence the case checks. Keep an entry only if the server breaks that sentence (not when",
      "the harness or the spec is wrong); then write the reason as what the server does and the",
      "RFC text it breaks, and remove UNREVIEWED:. rfcheck run warns while any entry carries it.",
  };
}

void print_summary(const BaselineDraft& draft, const std::string& where) {
  std::size_t unreviewed = 0;
  for (const BaselineEntry& entry : draft.added) unreviewed += entry.unreviewed() ? 1 : 0;
  std::cerr << "baseline: " << draft.added.size() << " entries added to " << where << " ("
            << unreviewed << " drafted, marked UNREVIEWED)\n";
  for (const BaselineEntry& entry : draft.added) std::cerr << "  + " << entry.id << "\n";
  if (!draft.now_passing.empty()) {
    std::cerr << "baseline: " << draft.now_passing.size()
              << " entries list a case that now passes; remove them by hand:\n";
    for (const std::string& id : draft.now_passing) std::cerr << "  - " << id << "\n";
  }
  if (!draft.errors_left_out.empty()) {
    std::cerr << "baseline: " << draft.errors_left_out.size()
              << " cases ended in error (the harness could not judge them) and got no entry:\n";
    for (const std::string& id : draft.errors_left_out) std::cerr << "  ? " << id << "\n";
  }
}

// The existing file's text, or nullopt when there is none; an unreadable file is an error.
std::optional<std::string> existing_text(const std::string& path, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  auto text = read_text_file(path);
  if (!text) error = path + ": cannot be read";
  return text;
}

int write_baseline(const BaselineOptions& o, const RunResult& run) {
  std::string error;
  const std::optional<std::string> existing = o.output.empty() ? std::nullopt : existing_text(o.output, error);
  if (!error.empty()) {
    std::cerr << "rfcheck: " << error << "\n";
    return kExitUsage;
  }
  std::vector<BaselineEntry> old;
  if (existing) {
    auto loaded = load_baseline_text(*existing, o.output);
    if (auto* e = std::get_if<LoadError>(&loaded)) {
      std::cerr << "ERROR: " << e->describe() << "\nrfcheck: " << o.output << " was left as it was\n";
      return kExitUsage;
    }
    old = std::get<std::vector<BaselineEntry>>(loaded);
  }
  const BaselineDraft draft = draft_baseline(run, old);
  std::string text;
  if (existing) {
    auto appended = append_to_baseline_yaml(*existing, o.output, draft.added);
    if (auto* e = std::get_if<LoadError>(&appended)) {
      std::cerr << "ERROR: " << e->describe() << "\n";
      return kExitUsage;
    }
    text = std::get<std::string>(appended);
  } else {
    text = new_baseline_yaml(header_of(run, o.report), draft.added);
  }
  if (o.output.empty()) {
    std::cout << text;
  } else if (auto failed = reports::write_file_atomically(o.output, [&](std::ostream& out) { out << text; })) {
    std::cerr << "rfcheck: " << *failed << "\n";
    return kExitUsage;
  }
  print_summary(draft, o.output.empty() ? "standard output" : o.output);
  return kExitOk;
}

}  // namespace

Command add_baseline_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "baseline", "Draft a baseline of known deviations from a run's JSON report (--report json:PATH)");
  auto o = std::make_shared<BaselineOptions>();
  sub->add_option("report", o->report, "The JSON report of a run")->required();
  sub->add_option("-o,--output", o->output,
                  "The baseline file to write; when it exists, the new entries are added to it "
                  "and its own are kept as they are (default: standard output)");
  return [o]() {
    auto read = read_run_report(o->report);
    if (auto* error = std::get_if<std::string>(&read)) {
      std::cerr << "rfcheck: " << *error << "\n";
      return kExitUsage;
    }
    const RunResult& run = std::get<RunResult>(read);
    if (!run.ended_early.empty()) {
      std::cerr << "rfcheck: warning: that run did not complete (" << run.ended_early
                << "); the cases it did not reach get no entry\n";
    }
    return write_baseline(*o, run);
  };
}

}  // namespace rfcheck::cli
