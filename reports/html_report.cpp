#include "reports/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "reports/case_anchor.h"
#include "reports/csp_hash.h"
#include "reports/html_assets.h"
#include "reports/html_case.h"
#include "reports/root_causes.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"
#include "reports/version.h"

namespace rfcheck::reports {
namespace {

using Rows = std::vector<std::pair<std::string, VerdictCounts>>;

std::string esc(std::string_view text) { return html_escape(text); }

// Adds a case to the row named `name`, made on first use: rows keep the run's order.
void count_into(Rows& rows, const std::string& name, const CaseResult& result) {
  for (auto& [row, counts] : rows) {
    if (row == name) return counts.add(result);
  }
  rows.emplace_back(name, VerdictCounts{});
  rows.back().second.add(result);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "RFC 959" before "RFC 2428", "4.1.2" before "4.1.10": runs of digits compare as numbers
// (by length without leading zeros, then digit by digit, so no run is too long to compare).
bool natural_less(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    if (!is_digit(a[0]) || !is_digit(b[0])) {
      if (a[0] != b[0]) return a[0] < b[0];
      a.remove_prefix(1), b.remove_prefix(1);
      continue;
    }
    auto run = [](std::string_view& s) {
      std::size_t end = 0;
      while (end < s.size() && is_digit(s[end])) ++end;
      std::string_view digits = s.substr(0, end);
      s.remove_prefix(end);
      while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
      return digits;
    };
    const std::string_view x = run(a), y = run(b);
    if (x.size() != y.size()) return x.size() < y.size();
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

void sort_rows(Rows& rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& x, const auto& y) { return natural_less(x.first, y.first); });
}

// "RFC 959" of "RFC 959 4.1.3" (refs are "RFC <number> <section>", spec_loader's pattern).
std::string rfc_of(const std::string& ref) {
  if (ref.empty()) return "(no ref)";
  const std::size_t number_end = ref.find(' ', ref.find(' ') + 1);
  return ref.substr(0, number_end);
}

void append_table(std::string& out, std::string_view title, const Rows& rows) {
  fmt::format_to(std::back_inserter(out),
                 "<div class=\"scroll\"><table>\n<caption>{}</caption>\n<thead><tr><th></th>"
                 "<th>total</th><th>pass</th><th>fail</th><th>known</th><th>incon&#173;clusive</th>"
                 "<th>error</th><th>skip</th></tr></thead>\n<tbody>\n",
                 title);
  for (const auto& [name, c] : rows) {
    fmt::format_to(std::back_inserter(out),
                   "<tr><th>{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                   "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                   "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                   esc(name), c.total(), c.pass, c.fail, c.known, c.inconclusive, c.error, c.skip);
  }
  out += "</tbody>\n</table></div>\n";
}

// Counted by protocol, level, RFC and section (a case under the one ref it cites).
void append_totals(std::string& out, const RunResult& run) {
  Rows protocol, level, rfc, section;
  protocol.emplace_back(run.protocol, count_verdicts(run));
  const auto by_level = count_by_level(run);
  for (Level l : {Level::kMust, Level::kShould, Level::kMay}) {
    level.emplace_back(std::string(to_string(l)), by_level[static_cast<int>(l)]);
  }
  for (const CaseResult& r : run.cases) {
    count_into(rfc, rfc_of(r.ref), r);
    count_into(section, r.ref.empty() ? "(no ref)" : r.ref, r);
  }
  sort_rows(rfc);
  sort_rows(section);
  out += "<section id=\"totals\">\n<h2>Totals</h2>\n<div class=\"totals\">\n";
  append_table(out, "by protocol", protocol);
  append_table(out, "by level", level);
  append_table(out, "by RFC", rfc);
  append_table(out, "by section", section);
  out += "</div>\n</section>\n";
}

void append_header(std::string& out, const RunResult& run) {
  const Headline headline = run_headline(run);
  fmt::format_to(std::back_inserter(out),
                 "<header>\n<h1>rfcheck: {} ({})</h1>\n<p class=\"headline {}\">{}</p>\n"
                 "<p class=\"meta\">started {} &#183; {} ms &#183; gate {} &#183; {} cases</p>\n",
                 esc(run.target), esc(run.protocol), headline.kind, esc(headline.text),
                 esc(run.started_at.empty() ? "\u2014" : run.started_at), run.duration.count(),
                 to_string(run.gate), run.cases.size());
  if (!run.ended_early.empty()) {
    fmt::format_to(std::back_inserter(out),
                   "<p><strong>The run ended early:</strong> "
                   "<code class=\"server\">{}</code></p>\n",
                   esc(run.ended_early));
  }
  out += "<nav class=\"meta\"><a href=\"#totals\">totals</a> &#183; <a href=\"#root-causes\">"
         "root causes</a> &#183; <a href=\"#failures\">not passed</a> &#183; "
         "<a href=\"#passed\">passed</a></nav>\n</header>\n";
}

void append_root_causes(std::string& out, const std::vector<RootCause>& causes) {
  fmt::format_to(std::back_inserter(out),
                 "<section id=\"root-causes\">\n<h2>Root causes ({})</h2>\n", causes.size());
  if (causes.empty()) out += "<p>No problem was found in more than one case.</p>\n";
  for (const RootCause& cause : causes) {
    fmt::format_to(std::back_inserter(out),
                   "<div id=\"cause-{}\"><h3>#{} {} <code>{}</code> ({}): <code class=\"server\">"
                   "{}</code></h3>\n<p>In {} cases ({} failed by it alone):",
                   cause.number, cause.number, to_string(cause.level), esc(cause.kind),
                   esc(cause.ref), esc(cause.message), cause.cases.size(), cause.only_cause.size());
    for (const std::string& id : cause.cases) {
      fmt::format_to(std::back_inserter(out), " <a href=\"{}\"><code>{}</code></a>",
                     esc(case_link({}, id)), esc(id));
    }
    out += "</p></div>\n";
  }
  out += "</section>\n";
}

// The filter controls; hidden until the script runs, since without it they do nothing.
void append_filters(std::string& out, const RunResult& run) {
  std::set<std::string> tags;
  for (const CaseResult& r : run.cases) tags.insert(r.tags.begin(), r.tags.end());
  out += "<form id=\"filters\" hidden=\"hidden\">\n"
         "<label>verdict <select name=\"verdict\"><option value=\"\">any</option>"
         "<option value=\"not-pass\">not passed</option>";
  for (std::string_view v : {"fail", "error", "known", "inconclusive", "skip", "pass"}) {
    fmt::format_to(std::back_inserter(out), "<option value=\"{0}\">{0}</option>", v);
  }
  out += "</select></label>\n<label>level <select name=\"level\"><option value=\"\">any</option>"
         "<option value=\"must\">MUST</option><option value=\"should\">SHOULD</option>"
         "<option value=\"may\">MAY</option></select></label>\n"
         "<label>tag <select name=\"tag\"><option value=\"\">any</option>";
  for (const std::string& tag : tags) {
    fmt::format_to(std::back_inserter(out), "<option value=\"{0}\">{0}</option>", esc(tag));
  }
  out += "</select></label>\n<label>text <input type=\"search\" name=\"text\" "
         "placeholder=\"id, reply, RFC text\"/></label>\n<button type=\"reset\">clear</button>\n"
         "<span id=\"shown\" aria-live=\"polite\"></span>\n</form>\n";
}

void append_cases(std::string& out, const RunResult& run, const std::vector<RootCause>& causes) {
  std::size_t passed = 0;
  for (const CaseResult& r : run.cases) passed += r.verdict == Verdict::kPass ? 1 : 0;
  fmt::format_to(std::back_inserter(out),
                 "<section id=\"failures\" class=\"case-group\">\n<h2>Not passed ({})</h2>\n",
                 run.cases.size() - passed);
  for (const CaseResult& r : run.cases) {
    if (r.verdict != Verdict::kPass) append_case_article(out, r, causes);
  }
  fmt::format_to(std::back_inserter(out),
                 "</section>\n<section id=\"passed\" class=\"case-group\">\n<h2>Passed ({})</h2>\n"
                 "<ul class=\"passed\">\n", passed);
  for (const CaseResult& r : run.cases) {
    if (r.verdict == Verdict::kPass) append_case_line(out, r);
  }
  out += "</ul>\n</section>\n";
}

// Stale baseline entries and the launcher's notes (the server's stderr: hostile too).
void append_run_notes(std::string& out, const RunResult& run) {
  if (!run.stale_baseline.empty()) {
    out += "<section id=\"stale-baseline\">\n<h2>Stale baseline entries</h2>\n<ul>\n";
    for (const StaleBaselineEntry& e : run.stale_baseline) {
      fmt::format_to(std::back_inserter(out), "<li><code>{}</code>: {}</li>\n", esc(e.id),
                     esc(e.reason));
    }
    out += "</ul>\n</section>\n";
  }
  if (run.target_log.empty()) return;
  out += "<section id=\"target-log\">\n<h2>Target log</h2>\n<pre class=\"server\">";
  for (const std::string& line : run.target_log) out += esc(line) + "\n";
  out += "</pre>\n</section>\n";
}

}  // namespace

void write_html(const RunResult& run, std::ostream& out) {
  // Nothing leaves the page (default-src 'none'), and only its own style sheet and script,
  // named by their hashes, apply: no 'unsafe-inline', so even markup that escaping missed
  // could not run a script or an event handler.
  std::string page = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src {}; script-src {}\"/>\n",
      csp_script_hash(kRunHtmlStyle), csp_script_hash(kRunHtmlScript));
  fmt::format_to(std::back_inserter(page),
                 "<title>rfcheck: {} ({}): {}</title>\n<style>{}</style>\n", esc(run.target),
                 esc(run.protocol), esc(run_headline(run).text), kRunHtmlStyle);
  page += "</head>\n<body>\n";
  append_header(page, run);
  append_totals(page, run);
  const std::vector<RootCause> causes = find_root_causes(run);
  append_root_causes(page, causes);
  append_filters(page, run);
  append_cases(page, run, causes);
  append_run_notes(page, run);
  fmt::format_to(std::back_inserter(page),
                 "<footer>rfcheck {} &#183; case anchors: #case-&lt;case id&gt;</footer>\n"
                 "<script>{}</script>\n</body>\n</html>\n",
                 kToolVersion, kRunHtmlScript);
  out << page;
}

}  // namespace rfcheck::reports
