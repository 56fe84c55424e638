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

#include "core/result.h"

namespace rfcheck::reports {

enum class ReportFormat { kJunit, kJson, kSarif, kMarkdown, kHtml };

struct ReportTarget {
  ReportFormat format = ReportFormat::kJunit;
  std::filesystem::path path;
};

std::string_view to_string(ReportFormat format);

// "junit|json": for the CLI's help text and error messages.
std::string report_formats();

// Parses "FORMAT:PATH" (the format name is case-insensitive; PATH is everything after the
// first ':', so "json:C:\out.json" works). On failure returns nullopt and, when `error` is
// not null, sets it to a one-line message.
std::optional<ReportTarget> parse_report_target(std::string_view arg, std::string* error = nullptr);

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
