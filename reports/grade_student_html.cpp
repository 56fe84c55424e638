#include "reports/grade_student_html.h"

#include <fmt/format.h>

#include <map>

#include "reports/case_text.h"
#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

std::string esc(std::string_view text) { return html_escape(text); }
std::string pts(double value) { return fmt::format("{:g}", value); }

constexpr const char* kStyle = R"(<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
.case{border:1px solid #ddd;border-left:4px solid #c33;margin:1rem 0;padding:.5rem 1rem}
blockquote{margin:.5rem 0;padding:.3rem .8rem;background:#f6f6f0;border-left:3px solid #999}
pre{background:#f4f4f4;padding:.5rem;overflow-x:auto;white-space:pre-wrap}
.status{font-weight:bold}.cost{color:#c33;font-weight:bold}
</style>)";

const char* status_sentence(const std::string& status) {
  if (status == "build-failed") return "Your submission did not build, so no case could run.";
  if (status == "never-listened") return "Your server never listened on the port it was given, so no case could run.";
  if (status == "crashed") return "Your server crashed during the run.";
  if (status == "hung") return "Your server stopped answering (or the run hit its time limit).";
  if (status == "error") return "The grader could not judge your submission; your instructor has been told.";
  return "Your server ran every case.";
}

void write_header(const Rubric& rubric, const grade::SubmissionGrade& g, std::ostream& out) {
  out << "<h1>" << esc(rubric.name) << "</h1>\n<p>Submission <b>" << esc(g.id) << "</b>: <b>"
      << pts(g.score.total) << " / " << pts(g.score.max) << "</b> points.</p>\n"
      << "<p class=status>Status: " << esc(g.status) << ". " << status_sentence(g.status) << "</p>\n";
  if (!g.detail.empty()) out << "<pre>" << esc(g.detail) << "</pre>\n";
  if (g.score.penalty > 0) {
    out << "<p>Penalty for status " << esc(g.status) << ": <span class=cost>-" << pts(g.score.penalty)
        << "</span> points.</p>\n";
  }
  if (g.score.cap && g.score.earned - g.score.penalty > *g.score.cap) {
    out << "<p>A submission with status " << esc(g.status) << " scores at most " << pts(*g.score.cap)
        << " points.</p>\n";
  }
}

void write_items(const grade::SubmissionGrade& g, std::ostream& out) {
  out << "<table><tr><th>Item</th><th>Cases passed</th><th>Points</th></tr>\n";
  for (const grade::ItemScore& item : g.score.items) {
    out << "<tr><td>" << esc(item.name) << "</td><td>" << item.passed << " / " << item.total
        << "</td><td>" << pts(item.points) << " / " << pts(item.max) << "</td></tr>\n";
  }
  out << "</table>\n";
}

// What missing the case cost, in words: an all-or-nothing item's points hang on all its
// cases together, so one of several misses alone costs nothing a number could say.
std::string cost_text(const RubricItem& item, const grade::ItemScore& score) {
  if (item.points && !item.partial && score.missed.size() > 1) {
    return "the item's " + pts(*item.points) + " points need every one of its cases; " +
           std::to_string(score.missed.size()) + " missed";
  }
  const double cost = grade::points_if_passed(item, score);
  return pts(cost) + (cost == 1 ? " point" : " points");
}

void write_case(const CaseResult* c, const std::string& id, const std::string& item_name,
                const std::string& cost, std::ostream& out) {
  out << "<div class=case><h3>" << esc(id) << (c ? " — " + esc(c->title) : "") << "</h3>\n"
      << "<p>Item: " << esc(item_name) << ". Cost: <span class=cost>" << esc(cost)
      << "</span>.</p>\n";
  if (!c) {
    out << "<p>This case did not run: the run ended before it (see the status above).</p></div>\n";
    return;
  }
  out << "<p>" << esc(c->ref) << " (" << esc(to_string(c->level)) << ") says:</p><blockquote>"
      << esc(c->quote) << "</blockquote>\n<p>Verdict: <b>" << esc(to_string(c->verdict))
      << "</b>. " << esc(c->reason) << "</p>\n";
  if (!c->expected.empty() || !c->actual.empty()) {
    out << "<table><tr><th>Expected</th><td><code>" << esc(c->expected)
        << "</code></td></tr><tr><th>Your server</th><td><code>" << esc(c->actual)
        << "</code></td></tr></table>\n";
  }
  for (const Finding& f : c->findings) out << "<p>Also found: " << esc(finding_line(f)) << "</p>\n";
  if (!c->transcript.empty()) {
    out << "<details open><summary>Transcript (C: the grader, S: your server)</summary><pre>";
    for (const std::string& line : transcript_lines(c->transcript)) out << esc(line) << "\n";
    out << "</pre></details>\n";
  }
  out << "</div>\n";
}

}  // namespace

void write_student_html(const Rubric& rubric, const grade::SubmissionGrade& g, const RunResult* run, std::ostream& out) {
  std::map<std::string, const CaseResult*> cases;
  if (run) {
    for (const CaseResult& c : run->cases) cases[c.id] = &c;
  }
  out << "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>" << esc(rubric.name)
      << ": " << esc(g.id) << "</title>" << kStyle << "</head><body>\n";
  write_header(rubric, g, out);
  write_items(g, out);
  bool any = false;
  for (std::size_t i = 0; i < g.score.items.size() && i < rubric.items.size(); ++i) {
    const grade::ItemScore& item = g.score.items[i];
    if (item.missed.empty()) continue;
    if (!any) out << "<h2>What cost points</h2>\n";
    any = true;
    const std::string cost = cost_text(rubric.items[i], item);
    for (const std::string& id : item.missed) {
      auto it = cases.find(id);
      write_case(it == cases.end() ? nullptr : it->second, id, item.name, cost, out);
    }
  }
  if (!any) out << "<p>Every case of the rubric passed.</p>\n";
  out << "</body></html>\n";
}

}  // namespace rfcheck::reports
