// The --report option: "junit:PATH", "json:PATH", "sarif:PATH", "markdown:PATH" or
// "html:PATH", and writing that report.
// Failures come back as messages for the CLI to print; nothing here throws or exits.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rfcheck::reports {

enum class ReportFormat { kJunit, kJson, kSarif, kMarkdown, kHtml };

struct ReportTarget {
  ReportFormat format = ReportFormat::kJunit;
  std::filesystem::path path;
  // Markdown only: where the run's HTML report is, as a link destination (set by
  // link_html_report); its failures link to their cases there. Empty: no links.
  std::string html_link;
};

std::string_view to_string(ReportFormat format);

// "junit|json": for the CLI's help text and error messages.
std::string report_formats();

// Parses "FORMAT:PATH" (the format name is case-insensitive; PATH is everything after the
// first ':', so "json:C:\out.json" works). On failure returns nullopt and, when `error` is
// not null, sets it to a one-line message.
std::optional<ReportTarget> parse_report_target(std::string_view arg, std::string* error = nullptr);

// Lets each Markdown report link to the HTML report's case anchors (html_report.h): to
// `html_url` when given (--html-url: where CI publishes the page), else, when `targets` has an
// html report, to it by a path relative to the Markdown file's folder. With neither, no links.
// Returns a one-line message for a URL that cannot take "#case-<id>" (one with a fragment,
// or with spaces or control characters); bytes Markdown would act on are percent-encoded.
std::optional<std::string> link_html_report(std::vector<ReportTarget>& targets,
                                            std::string_view html_url);

// Writes the report to target.path, creating its parent directories. The file is written
// beside the destination and renamed into place, so a reader never sees half a report.
// Returns nullopt on success, else a one-line message naming the path.
std::optional<std::string> write_report(const ReportTarget& target, const RunResult& run);

// Before a run: can a report be written to PATH? Creates its parent directories and a file
// beside it (removed again), so a run that takes minutes does not end in a report that
// cannot be written. nullopt when it can, else a one-line message naming the path.
std::optional<std::string> check_report_path(const std::filesystem::path& path);

// The same for any report: `write` fills the file beside PATH, which is then renamed to PATH.
std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 const std::function<void(std::ostream&)>& write);

}  // namespace rfcheck::reports
