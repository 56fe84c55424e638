#include "reports/html_case.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <iterator>
#include <string_view>

#include "reports/case_anchor.h"
#include "reports/case_text.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {
namespace {

std::string esc(std::string_view text) { return html_escape(text); }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The attributes the filters read, and the anchor.
std::string case_attributes(const CaseResult& r) {
  const std::string verdict = lower(verdict_label(r));
  return fmt::format("class=\"case {}\" id=\"{}\" data-verdict=\"{}\" data-level=\"{}\"",
                     verdict, esc(case_anchor(r.id)), verdict,
                     lower(to_string(r.level)));
}

std::string verdict_badge(const CaseResult& r) {
  const std::string_view label = verdict_label(r);
  return fmt::format("<span class=\"v {}\">{}</span>", lower(label), label);
}

std::string tags_html(const CaseResult& r) {
  std::string out;
  for (const std::string& tag : r.tags) out += " <span class=\"tag\">" + esc(tag) + "</span>";
  return out;
}

// A link to the case itself, so a reader can copy it.
std::string id_link(const CaseResult& r) {
  return fmt::format("<a href=\"{}\"><code>{}</code></a>", esc(case_link({}, r.id)), esc(r.id));
}

void append_transcript(std::string& out, const std::vector<TranscriptEntry>& transcript) {
  if (transcript.empty()) return;
  fmt::format_to(std::back_inserter(out),
                 "<details class=\"transcript\"><summary>Transcript ({} entries)</summary>\n"
                 "<div class=\"scroll\"><table class=\"transcript\">\n<thead><tr><th>at ms</th>"
                 "<th>connection</th><th></th><th>text</th></tr></thead>\n<tbody>\n",
                 transcript.size());
  for (const TranscriptEntry& e : transcript) {
    std::string_view text = e.text;  // a reply's lines are joined by '\n'; drop a last one
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    // The row's CSS class is the kind's name: sent, received, data, event, note.
    fmt::format_to(std::back_inserter(out),
                   "<tr class=\"{}\"><td class=\"n\">{:.1f}</td><td>{}</td><td>{}</td>"
                   "<td><pre>{}</pre></td></tr>\n",
                   to_string(e.kind), std::isfinite(e.at_ms) ? e.at_ms : 0.0,
                   esc(e.connection), transcript_prefix(e.kind), esc(text));
  }
  out += "</tbody>\n</table></div>\n</details>\n";
}

void append_findings(std::string& out, const CaseResult& r, const std::vector<RootCause>& causes) {
  if (r.findings.empty()) return;
  out += "<dt>findings</dt><dd><ul>\n";
  for (const Finding& f : r.findings) {
    fmt::format_to(std::back_inserter(out),
                   "<li><code>{}</code> [{}, {}] ({}): <code class=\"server\">{}</code></li>\n",
                   esc(f.kind), esc(f.ref), to_string(f.level), esc(f.connection), esc(f.message));
  }
  out += "</ul>";
  if (const RootCause* only = only_root_cause(causes, r)) {
    fmt::format_to(std::back_inserter(out),
                   "<p>Only <a href=\"#cause-{0}\">root cause #{0}</a> failed this case.</p>",
                   only->number);
  }
  out += "</dd>\n";
}

// Where the case failed: the step's spec file:line:col and its number.
std::string failed_at(const CaseResult& r) {
  std::string where = r.failed_where.line > 0 || !r.failed_where.file.empty()
                          ? r.failed_where.describe()
                          : std::string();
  if (r.failed_step > 0) where += fmt::format(" (step {})", r.failed_step);
  return where;
}

void append_details(std::string& out, const CaseResult& r, const std::vector<RootCause>& causes) {
  auto row = [&](std::string_view name, const std::string& html) {
    fmt::format_to(std::back_inserter(out), "<dt>{}</dt><dd>{}</dd>\n", name, html);
  };
  auto server = [&](std::string_view name, const std::string& text) {  // what a server said
    if (!text.empty()) row(name, "<pre class=\"server\">" + esc(text) + "</pre>");
  };
  out += "<dl class=\"detail\">\n";
  row("ref", r.ref.empty() ? "\u2014" : esc(r.ref));
  if (!r.quote.empty()) row("RFC says", "<blockquote>" + esc(r.quote) + "</blockquote>");
  std::string level(to_string(r.level));
  if (r.failure_level && *r.failure_level != r.level) {
    level += fmt::format(" (fails at {})", to_string(*r.failure_level));
  }
  row("level", level);
  if (!r.tags.empty()) row("tags", tags_html(r));
  if (!r.suite.empty()) row("suite", esc(r.suite));
  server("reason", r.reason);
  server("expected", r.expected);
  server("actual", r.actual);
  if (const std::string where = failed_at(r); !where.empty()) {
    row("failed at", "<code>" + esc(where) + "</code>");
  }
  append_findings(out, r, causes);
  if (r.baseline_reason) row("baseline", esc(*r.baseline_reason));
  row("duration", fmt::format("{} ms", r.duration.count()));
  out += "</dl>\n";
}

}  // namespace

void append_case_article(std::string& out, const CaseResult& r,
                         const std::vector<RootCause>& causes) {
  fmt::format_to(std::back_inserter(out), "<article {}>\n<h3>{} {} {}</h3>\n",
                 case_attributes(r), verdict_badge(r), id_link(r), esc(r.title));
  append_details(out, r, causes);
  append_transcript(out, r.transcript);
  out += "</article>\n";
}

void append_case_line(std::string& out, const CaseResult& r) {
  fmt::format_to(std::back_inserter(out),
                 "<li {}>{} {} {} <span class=\"meta\">{}, {}</span>{}</li>\n", case_attributes(r),
                 verdict_badge(r), id_link(r), esc(r.title), esc(r.ref),
                 to_string(r.level), tags_html(r));
}

}  // namespace rfcheck::reports
