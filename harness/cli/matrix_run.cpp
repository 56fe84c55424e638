#include "cli/matrix_run.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "core/text_file.h"
#include "protocols/registry.h"
#include "run_report/run_report_reader.h"
#include "reports/matrix_report.h"
#include "reports/report_target.h"
#include "spec/target_loader.h"
#include "target/spawn.h"

namespace rfcheck::cli {
namespace {

namespace fs = std::filesystem;

struct Column {
  reports::MatrixColumn result;  // result.profile: the profile file it runs
  std::vector<std::string> child_reports;  // --report values for its own run
  pid_t pid = -1;
  bool done = false;
};

enum class MatrixFormat { kHtml, kMarkdown, kCsv, kPerTarget };

struct MatrixReport {
  MatrixFormat format;
  std::string format_name;
  fs::path path;
};

bool is_baseline_file(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 14 && name.compare(name.size() - 14, 14, ".baseline.yaml") == 0;
}

// Folders become their profiles (*.yaml, *.yml, baselines left out), in name order.
std::vector<std::string> expand(const std::vector<std::string>& targets, std::string& error) {
  std::vector<std::string> files;
  for (const std::string& given : targets) {
    std::error_code ec;
    if (!fs::is_directory(given, ec)) {
      files.push_back(given);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(given, ec)) {
      const fs::path& p = entry.path();
      if ((p.extension() == ".yaml" || p.extension() == ".yml") && !is_baseline_file(p)) {
        found.push_back(p.string());
      }
    }
    if (found.empty()) error = "--target " + given + ": the folder holds no target profile (*.yaml)";
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string unique_name(std::string name, std::set<std::string>& taken) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  }
  std::string candidate = name;
  for (int n = 2; !taken.insert(candidate).second; ++n) candidate = name + "-" + std::to_string(n);
  return candidate;
}

// out/rfcheck.json -> out/rfcheck.vsftpd.json
fs::path per_target_path(const fs::path& path, const std::string& name) {
  return path.parent_path() / (path.stem().string() + "." + name + path.extension().string());
}

std::optional<MatrixReport> parse_matrix_report(const std::string& arg, std::string& error) {
  const auto colon = arg.find(':');
  std::string name = arg.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (colon == std::string::npos || colon + 1 == arg.size()) {
    error = "--report '" + arg + "': expected FORMAT:PATH";
    return std::nullopt;
  }
  const fs::path path = arg.substr(colon + 1);
  if (name == "html") return MatrixReport{MatrixFormat::kHtml, name, path};
  if (name == "markdown") return MatrixReport{MatrixFormat::kMarkdown, name, path};
  if (name == "csv") return MatrixReport{MatrixFormat::kCsv, name, path};
  if (reports::parse_report_target(arg)) return MatrixReport{MatrixFormat::kPerTarget, name, path};
  error = "--report '" + arg + "': with several targets, FORMAT is html, markdown or csv (the "
          "matrix) or json, junit, sarif (one file per target, PATH gaining the target's name)";
  return std::nullopt;
}

// Each profile, loaded for its name and protocol; one that does not load is a column with the
// error and no run.
std::vector<Column> columns_for(const std::vector<std::string>& files) {
  std::vector<Column> columns;
  std::set<std::string> taken;
  for (const std::string& file : files) {
    Column column;
    column.result.profile = file;
    auto loaded = load_target_profile(file, protocol_names());
    if (auto* e = std::get_if<LoadError>(&loaded)) {
      column.result.name = unique_name(fs::path(file).stem().string(), taken);
      column.result.problem = "bad profile: " + e->describe();
      column.result.exit_code = kExitUsage;
      column.done = true;
    } else {
      const TargetProfile& profile = std::get<TargetProfile>(loaded);
      column.result.name = unique_name(profile.name, taken);
      column.result.protocol = profile.protocol;
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

std::string self_executable() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("rfcheck") : self.string();
}

pid_t start_child(Column& column, const MatrixRequest& request, const fs::path& work) {
  std::vector<std::string> argv = {self_executable(), "run"};
  argv.insert(argv.end(), request.forwarded.begin(), request.forwarded.end());
  argv.insert(argv.end(), {"--target", column.result.profile, "--report",
                           "json:" + (work / (column.result.name + ".json")).string()});
  for (const std::string& r : column.child_reports) argv.insert(argv.end(), {"--report", r});
  SpawnOptions options;
  options.argv = argv;
  options.stdout_path = (work / (column.result.name + ".out")).string();
  options.stderr_path = options.stdout_path;
  std::string error;
  const pid_t pid = spawn_process(options, error);
  if (pid < 0) {
    column.result.problem = "could not start rfcheck for it: " + error;
    column.result.exit_code = kExitUsage;
    column.done = true;
  }
  return pid;
}

// The child's report, or why there is none (its last line of output says why it stopped).
void collect(Column& column, int status, const fs::path& work) {
  column.done = true;
  column.result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  const std::string output = read_text_file(work / (column.result.name + ".out")).value_or("");
  std::cout << "\n== " << column.result.name << " (" << column.result.profile << "): exit "
            << column.result.exit_code << " ==\n" << output << std::flush;
  auto read = read_run_report((work / (column.result.name + ".json")).string());
  if (auto* run = std::get_if<RunResult>(&read)) {
    column.result.run = std::move(*run);
    column.result.problem = column.result.run->ended_early;
    return;
  }
  std::string last = output.substr(0, output.find_last_not_of('\n') + 1);
  last = last.substr(last.find_last_of('\n') + 1);
  column.result.problem = last.empty() ? "left no report" : last;
}

void run_children(std::vector<Column>& columns, const MatrixRequest& request, const fs::path& work) {
  std::size_t next = 0, running = 0;
  while (true) {
    while (running < static_cast<std::size_t>(request.parallel) && next < columns.size()) {
      Column& column = columns[next++];
      if (column.done) continue;
      column.pid = start_child(column, request, work);
      if (column.pid > 0) ++running;
    }
    if (running == 0) return;
    for (Column& column : columns) {
      if (column.done || column.pid <= 0) continue;
      auto status = wait_until(column.pid, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
      if (!status) continue;
      collect(column, *status, work);
      --running;
    }
  }
}

int worst_exit(const std::vector<Column>& columns) {
  std::set<int> codes;
  for (const Column& c : columns) codes.insert(c.result.exit_code);
  for (int code : {kExitUsage, kExitTarget, kExitFailed, kExitNothingJudged}) {
    if (codes.count(code)) return code;
  }
  for (int code : codes) {
    if (code != kExitOk) return kExitTarget;  // killed by a signal: it did not finish
  }
  return kExitOk;
}

std::optional<std::string> write_matrix(const MatrixReport& report, const std::vector<reports::MatrixColumn>& columns) {
  return reports::write_file_atomically(report.path, [&](std::ostream& out) {
    if (report.format == MatrixFormat::kHtml) reports::write_matrix_html(columns, out);
    if (report.format == MatrixFormat::kMarkdown) reports::write_matrix_markdown(columns, out);
    if (report.format == MatrixFormat::kCsv) reports::write_matrix_csv(columns, out);
  });
}

// The matrix's reports, and what each child writes for its own target.
std::optional<std::vector<MatrixReport>> plan_reports(const MatrixRequest& request, std::vector<Column>& columns) {
  std::vector<MatrixReport> matrix;
  for (const std::string& arg : request.reports) {
    std::string error;
    auto report = parse_matrix_report(arg, error);
    if (report) error = reports::check_report_path(report->path).value_or("");
    if (!error.empty()) {
      std::cerr << "rfcheck: " << error << "\n";
      return std::nullopt;
    }
    // An HTML matrix links each cell to the case in a page per target, written beside it.
    const bool per_target = report->format == MatrixFormat::kPerTarget || report->format == MatrixFormat::kHtml;
    for (Column& column : columns) {
      if (!per_target) break;
      const fs::path own = per_target_path(report->path, column.result.name);
      column.child_reports.push_back(report->format_name + ":" + own.string());
      if (report->format == MatrixFormat::kHtml) column.result.html_report = own.filename().string();
    }
    if (report->format != MatrixFormat::kPerTarget) matrix.push_back(*report);
  }
  return matrix;
}

}  // namespace

bool is_matrix_run(const std::vector<std::string>& targets) {
  std::error_code ec;
  return targets.size() > 1 || (targets.size() == 1 && fs::is_directory(targets[0], ec));
}

std::vector<std::string> forwarded_run_arguments(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--report" || a == "--parallel-targets") {
      ++i;  // and its value
    } else if (a == "--target") {
      while (i + 1 < args.size() && !args[i + 1].empty() && args[i + 1][0] != '-') ++i;
    } else if (a.rfind("--report=", 0) != 0 && a.rfind("--target=", 0) != 0 &&
               a.rfind("--parallel-targets=", 0) != 0) {
      out.push_back(a);
    }
  }
  return out;
}

int run_matrix(const MatrixRequest& request) {
  std::string error;
  std::vector<Column> columns = columns_for(expand(request.targets, error));
  if (!error.empty()) {
    std::cerr << "rfcheck: " << error << "\n";
    return kExitUsage;
  }
  auto matrix_reports = plan_reports(request, columns);
  if (!matrix_reports) return kExitUsage;
  std::string work_template = (fs::temp_directory_path() / "rfcheck-matrix-XXXXXX").string();
  if (!mkdtemp(work_template.data())) {
    std::cerr << "rfcheck: cannot make a temporary folder in " << fs::temp_directory_path() << "\n";
    return kExitUsage;
  }
  const fs::path work = work_template;
  run_children(columns, request, work);
  std::error_code ec;
  fs::remove_all(work, ec);

  std::vector<reports::MatrixColumn> results;
  for (const Column& c : columns) results.push_back(c.result);
  int exit_code = worst_exit(columns);
  for (const MatrixReport& report : *matrix_reports) {
    if (auto failed = write_matrix(report, results)) {
      std::cerr << "rfcheck: " << *failed << "\n";
      exit_code = kExitUsage;
    }
  }
  std::cout << "\nMATRIX: " << columns.size() << " targets:";
  for (const Column& c : columns) {
    std::cout << "\n  " << c.result.name << ": exit " << c.result.exit_code
              << (c.result.problem.empty() ? "" : " (" + c.result.problem + ")");
  }
  std::cout << "\n";
  return exit_code;
}

}  // namespace rfcheck::cli
