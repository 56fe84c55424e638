#include "reports/report_target.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <fstream>
#include <system_error>

#include "reports/conformance_sarif.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/markdown_report.h"
#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

// One row per format: the name on the command line and the writer behind it.
struct FormatRow {
  std::string_view name;
  ReportFormat format;
  void (*write)(const RunResult&, const ReportTarget&, std::ostream&);
};
constexpr FormatRow kFormats[] = {
    {"junit", ReportFormat::kJunit,
     [](const RunResult& run, const ReportTarget&, std::ostream& out) { write_junit(run, out); }},
    {"json", ReportFormat::kJson,
     [](const RunResult& run, const ReportTarget&, std::ostream& out) { write_json(run, out); }},
    {"sarif", ReportFormat::kSarif,
     [](const RunResult& run, const ReportTarget&, std::ostream& out) {
       write_conformance_sarif(run, out);
     }},
    {"markdown", ReportFormat::kMarkdown,
     [](const RunResult& run, const ReportTarget& target, std::ostream& out) {
       write_markdown(run, out, target.html_link);
     }},
    {"html", ReportFormat::kHtml,
     [](const RunResult& run, const ReportTarget&, std::ostream& out) { write_html(run, out); }},
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

// A URL as a Markdown link destination: bytes outside RFC 3986's characters, and the
// parentheses and angle brackets that would end the destination, become %XX ('%' stays, so
// an encoded path is not encoded twice).
std::string link_destination(std::string_view url) {
  return percent_encode(url, "-._~:/?#[]@!$&'*+,;=%");
}

// `to` relative to the folder of `from_file`, as '/'-separated text; absolute when the two
// share no root.
std::string relative_to_folder_of(const std::filesystem::path& from_file,
                                  const std::filesystem::path& to) {
  std::error_code ec;
  const std::filesystem::path target = std::filesystem::absolute(to, ec).lexically_normal();
  const std::filesystem::path folder =
      std::filesystem::absolute(from_file, ec).lexically_normal().parent_path();
  std::filesystem::path relative = target.lexically_relative(folder);
  return (relative.empty() ? target : relative).generic_string();
}

}  // namespace

std::optional<std::string> link_html_report(std::vector<ReportTarget>& targets,
                                            std::string_view html_url) {
  for (char c : html_url) {
    if (c == '#') {
      return "'" + std::string(html_url) + "' has a fragment ('#'); links add #case-<id>";
    }
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return "the URL has a space or a control character; percent-encode it";
    }
  }
  const ReportTarget* html = nullptr;
  for (const ReportTarget& t : targets) {
    if (t.format == ReportFormat::kHtml && !html) html = &t;
  }
  for (ReportTarget& t : targets) {
    if (t.format != ReportFormat::kMarkdown) continue;
    if (!html_url.empty()) {
      t.html_link = link_destination(html_url);
    } else if (html) {
      const std::string relative = relative_to_folder_of(t.path, html->path);
      t.html_link = link_destination(percent_encode_path(relative));
    }
  }
  return std::nullopt;
}

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
    return ReportTarget{row.format, std::filesystem::path(path), {}};
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
                               [&](std::ostream& out) { row_of(target.format).write(run, target, out); });
}

}  // namespace rfcheck::reports
