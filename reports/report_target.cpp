#include "reports/report_target.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <fstream>
#include <system_error>

#include "reports/conformance_sarif.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/markdown_report.h"
#include "reports/junit_report.h"

namespace rfcheck::reports {
namespace {

// One row per format: the name on the command line and the writer behind it.
struct FormatRow {
  std::string_view name;
  ReportFormat format;
  void (*write)(const RunResult&, std::ostream&);
};
constexpr FormatRow kFormats[] = {
    {"junit", ReportFormat::kJunit, write_junit},
    {"json", ReportFormat::kJson, write_json},
    {"sarif", ReportFormat::kSarif, write_conformance_sarif},
    {"markdown", ReportFormat::kMarkdown, write_markdown},
    {"html", ReportFormat::kHtml, write_html},
};

const FormatRow& row_of(ReportFormat format) {
  for (const FormatRow& row : kFormats) {
    if (row.format == format) return row;
  }
  return kFormats[0];
}

std::optional<ReportTarget> fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ReportFormat format) { return row_of(format).name; }

std::string report_formats() {
  std::string out;
  for (const FormatRow& row : kFormats) {
    if (!out.empty()) out += '|';
    out += row.name;
  }
  return out;
}

std::optional<ReportTarget> parse_report_target(std::string_view arg, std::string* error) {
  const std::size_t colon = arg.find(':');
  if (colon == std::string_view::npos) {
    return fail(error, "--report '" + std::string(arg) + "': expected FORMAT:PATH with FORMAT one of " +
                           report_formats());
  }
  std::string name(arg.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string_view path = arg.substr(colon + 1);
  for (const FormatRow& row : kFormats) {
    if (row.name != name) continue;
    if (path.empty()) return fail(error, "--report '" + std::string(arg) + "': the path is empty");
    return ReportTarget{row.format, std::filesystem::path(path)};
  }
  return fail(error, "--report '" + std::string(arg) + "': unknown format '" + name +
                         "', expected one of " + report_formats());
}

std::optional<std::string> write_file_atomically(
    const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  const std::string shown = path.string();
  std::filesystem::path temp = path;
  temp += ".tmp";
  try {
    std::error_code ec;
    const std::filesystem::path parent = path.parent_path();
    if (!parent.empty()) {
      std::filesystem::create_directories(parent, ec);
      if (ec) return "cannot create directory " + parent.string() + ": " + ec.message();
    }
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out) return "cannot write report " + shown + ": cannot open " + temp.string();
      write(out);
      out.flush();
      if (!out) {
        out.close();
        std::filesystem::remove(temp, ec);
        return "cannot write report " + shown + ": write failed";
      }
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return "cannot write report " + shown + ": " + ec.message();
    }
    return std::nullopt;
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return "cannot write report " + shown + ": " + e.what();
  }
}

std::optional<std::string> check_report_path(const std::filesystem::path& path) {
  const std::string shown = "cannot write report " + path.string() + ": ";
  std::error_code ec;
  if (path.empty() || path.filename().empty()) return shown + "it names no file";
  if (std::filesystem::is_directory(path, ec)) return shown + "it is a directory";
  const std::filesystem::path parent = path.parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return shown + "cannot create directory " + parent.string() + ": " + ec.message();
  }
  std::filesystem::path probe = path;
  probe += ".tmp";
  {
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    if (!out) {
      return shown + "cannot create a file in " +
             (parent.empty() ? std::string(".") : parent.string());
    }
  }
  std::filesystem::remove(probe, ec);
  return std::nullopt;
}

std::optional<std::string> write_report(const ReportTarget& target, const RunResult& run) {
  return write_file_atomically(target.path,
                               [&](std::ostream& out) { row_of(target.format).write(run, out); });
}

}  // namespace rfcheck::reports
