#include "reports/case_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>

#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// "label:    value", with further lines of a multi-line value indented under the first.
void add_field(std::vector<std::string>& out, std::string_view label, const std::string& value) {
  std::string head = fmt::format("{:<10}", std::string(label) + ":");
  std::string indent(head.size(), ' ');
  bool first = true;
  for (const std::string& line : split_lines(printable(value, true))) {
    out.push_back((first ? head : indent) + line);
    first = false;
  }
}

}  // namespace

std::string_view transcript_prefix(TranscriptEntry::Kind kind) {
  switch (kind) {
    case TranscriptEntry::Kind::kSent: return "C:";
    case TranscriptEntry::Kind::kReceived: return "S:";
    case TranscriptEntry::Kind::kData: return "D:";
    case TranscriptEntry::Kind::kEvent:
    case TranscriptEntry::Kind::kNote: return "*";
  }
  return "?";
}

std::vector<std::string> transcript_lines(const std::vector<TranscriptEntry>& transcript) {
  std::vector<std::string> out;
  for (const TranscriptEntry& entry : transcript) {
    std::string head = fmt::format("[{:8.1f} ms] ", entry.at_ms);
    if (!entry.connection.empty() && entry.connection != "main") {
      head += "(" + printable(entry.connection) + ") ";
    }
    head += fmt::format("{:<3}", transcript_prefix(entry.kind));
    std::string indent(head.size(), ' ');
    // A reply's lines are joined by '\n'; a trailing one would only add an empty line.
    std::string_view text = entry.text;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    bool first = true;
    for (const std::string& line : split_lines(printable(text, true))) {
      out.push_back((first ? head : indent) + line);
      first = false;
    }
  }
  return out;
}

std::string finding_line(const Finding& finding) {
  std::string line = printable(finding.kind);
  if (!finding.ref.empty()) line += " [" + printable(finding.ref) + "]";
  if (!finding.connection.empty() && finding.connection != "main") {
    line += " (" + printable(finding.connection) + ")";
  }
  return line + ": " + printable(finding.message);
}

std::vector<std::string> case_detail_lines(const CaseResult& result) {
  std::vector<std::string> out;
  if (!result.title.empty()) add_field(out, "title", result.title);
  if (!result.ref.empty()) add_field(out, "ref", result.ref);
  add_field(out, "level", std::string(to_string(result.level)));
  if (!result.suite.empty()) add_field(out, "suite", result.suite);
  if (!result.tags.empty()) {
    add_field(out, "tags", fmt::format("{}", fmt::join(result.tags, ", ")));
  }
  if (!result.quote.empty()) add_field(out, "quote", result.quote);
  if (!result.reason.empty()) add_field(out, "reason", result.reason);
  if (!result.expected.empty()) add_field(out, "expected", result.expected);
  if (!result.actual.empty()) add_field(out, "actual", result.actual);
  if (result.failed_step > 0 || result.failed_where.line > 0) {
    std::string where = result.failed_where.describe();
    if (result.failed_step > 0) where += fmt::format(" (step {})", result.failed_step);
    add_field(out, "at", where);
  }
  if (result.baseline_reason) add_field(out, "baseline", *result.baseline_reason);
  if (!result.transcript.empty()) {
    out.emplace_back("transcript:");
    for (std::string& line : transcript_lines(result.transcript)) out.push_back("  " + line);
  }
  if (!result.findings.empty()) {
    out.emplace_back("findings:");
    for (const Finding& finding : result.findings) out.push_back("  " + finding_line(finding));
  }
  return out;
}

}  // namespace rfcheck::reports
