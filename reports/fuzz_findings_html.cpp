#include "reports/fuzz_findings_html.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "reports/coverage_plot.h"
#include "reports/fuzz_findings_json.h"
#include "reports/fuzz_findings_sarif.h"
#include "reports/text_escape.h"
#include "reports/version.h"

namespace rfcheck::reports {
namespace {

constexpr std::string_view kStyle = R"(
body { font-family: sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.3em; }
dl.figures { display: flex; flex-wrap: wrap; gap: 0.5em 2em; margin: 0; }
dl.figures div { min-width: 8em; }
dl.figures dt, dl.detail dt { color: #666; font-size: 0.85em; }
dl.figures dd { margin: 0; font-size: 1.2em; font-weight: bold; }
dl.detail { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.detail dd { margin: 0; font-family: monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; }
td { vertical-align: top; }
td.number { text-align: right; }
td code { overflow-wrap: anywhere; }
.kind { font-weight: bold; padding: 0 0.3em; border-radius: 3px; }
.kind.error { background: #fdd; color: #900; }
.kind.warning { background: #ffd; color: #750; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
section.finding { border-top: 2px solid #ccc; margin-top: 2em; }
footer { margin-top: 3em; color: #888; font-size: 0.8em; }
)";

std::string esc(std::string_view text) { return html_escape(text); }

// "—" for an empty field, so an empty cell reads as deliberately empty.
std::string esc_or_dash(std::string_view text) { return text.empty() ? "\u2014" : esc(text); }

std::string digits(std::uint64_t value) {
  std::string plain = std::to_string(value), out;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && (plain.size() - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  return out;
}

std::string duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  if (seconds < 60) return fmt::format("{:.1f}s", seconds);
  const auto s = static_cast<std::uint64_t>(std::llround(seconds));
  if (s < 3600) return fmt::format("{}m {:02}s", s / 60, s % 60);
  return fmt::format("{}h {:02}m {:02}s", s / 3600, s / 60 % 60, s % 60);
}

std::string kind_badge(fuzz::FindingKind kind) {
  const FindingKindInfo& info = finding_kind_info(kind);
  return fmt::format("<span class=\"kind {}\" title=\"{}\">{}</span>", info.level,
                     esc(info.short_description), esc(to_string(kind)));
}

// A link to a reproducer file, relative to where the page is written, as the fuzzer gave it.
std::string file_link(std::string_view path) {
  if (path.empty()) return "\u2014";
  return fmt::format("<a href=\"{}\"><code>{}</code></a>", esc(percent_encode_path(path)),
                     esc(path));
}

std::string actions(const fuzz::FuzzFinding& f) {
  return fmt::format("{} / {}", f.minimized_actions, f.original_actions);
}

void write_header(std::string& out, const fuzz::CampaignSummary& c) {
  std::size_t confirmed = 0;
  for (const fuzz::FuzzFinding& f : c.findings) confirmed += f.confirmed ? 1 : 0;
  fmt::format_to(std::back_inserter(out),
                 "<header>\n<h1>rfcheck fuzz: {}</h1>\n<dl class=\"figures\">\n",
                 esc_or_dash(c.target));
  auto figure = [&](std::string_view name, const std::string& value) {
    fmt::format_to(std::back_inserter(out), "<div><dt>{}</dt><dd>{}</dd></div>\n", name, value);
  };
  figure("protocol", esc_or_dash(c.protocol));
  figure("mode", esc_or_dash(c.mode));
  figure("duration", duration(c.seconds));
  figure("sessions", digits(c.executions));
  figure("sessions per second", fmt::format("{:.1f}", executions_per_second(c)));
  figure("server restarts", digits(c.server_restarts));
  figure("findings", fmt::format("{} ({} confirmed)", c.findings.size(), confirmed));
  out += "</dl>\n</header>\n";
}

void write_table(std::string& out, const fuzz::CampaignSummary& c) {
  fmt::format_to(std::back_inserter(out), "<section id=\"findings\">\n<h2>Findings ({})</h2>\n",
                 c.findings.size());
  if (c.findings.empty()) {
    out += "<p>No findings.</p>\n</section>\n";
    return;
  }
  out +=
      "<table>\n<thead><tr><th>#</th><th>kind</th><th>message</th><th>command</th>"
      "<th>phase</th><th>confirmed</th><th>hits</th><th>first seen</th>"
      "<th>actions (minimized / original)</th><th>reproducer</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < c.findings.size(); ++i) {
    const fuzz::FuzzFinding& f = c.findings[i];
    fmt::format_to(std::back_inserter(out),
                   "<tr><td><a href=\"#finding-{0}\">{0}</a></td><td>{1}</td><td>{2}</td>"
                   "<td><code>{3}</code></td><td>{4}</td><td>{5}</td><td class=\"number\">{6}</td>"
                   "<td class=\"number\">{7}</td><td class=\"number\">{8}</td><td>{9}</td></tr>\n",
                   i + 1, kind_badge(f.kind), esc_or_dash(f.message), esc_or_dash(f.command),
                   esc_or_dash(f.phase), f.confirmed ? "yes" : "no", digits(f.hits),
                   duration(f.first_seen_seconds), actions(f), file_link(f.reproducer_yaml));
  }
  out += "</tbody>\n</table>\n</section>\n";
}

void write_finding(std::string& out, const fuzz::FuzzFinding& f, std::size_t number) {
  fmt::format_to(std::back_inserter(out),
                 "<section class=\"finding\" id=\"finding-{}\">\n<h3>#{} {} {}</h3>\n"
                 "<dl class=\"detail\">\n",
                 number, number, kind_badge(f.kind), esc_or_dash(f.message));
  auto row = [&](std::string_view name, const std::string& value) {
    fmt::format_to(std::back_inserter(out), "<dt>{}</dt><dd>{}</dd>\n", name, value);
  };
  row("key", esc_or_dash(f.key));
  row("rule broken", esc_or_dash(f.ref));
  row("last command", esc_or_dash(f.command));
  row("phase", esc_or_dash(f.phase));
  row("confirmed", f.confirmed ? "yes, on a fresh server" : "no");
  row("hits", digits(f.hits));
  row("first seen", duration(f.first_seen_seconds));
  row("actions", actions(f) + " (minimized / original)");
  if (!f.stack_signature.empty()) row("stack signature", esc(f.stack_signature));
  row("reproducer case", file_link(f.reproducer_yaml));
  row("reproducer session", file_link(f.reproducer_session));
  out += "</dl>\n";
  auto block = [&](std::string_view title, std::string_view text) {
    if (text.empty()) return;
    fmt::format_to(std::back_inserter(out),
                   "<details open=\"open\"><summary>{}</summary><pre>{}</pre></details>\n", title,
                   esc(text));
  };
  block("Sanitizer report", f.sanitizer_report);
  block("Transcript", f.transcript);
  out += "</section>\n";
}

}  // namespace

std::string fuzz_findings_html(const fuzz::CampaignSummary& campaign) {
  // Written as well-formed XML too (quoted attributes, closed empty elements), so the tests
  // can check escaping with an XML parser.
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta http-equiv=\"Content-Security-Policy\" "
      "content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  fmt::format_to(std::back_inserter(out), "<title>rfcheck fuzz: {}</title>\n<style>{}</style>\n",
                 esc_or_dash(campaign.target), kStyle);
  out += "</head>\n<body>\n";
  write_header(out, campaign);
  out += "<section id=\"coverage\">\n<h2>Coverage over time</h2>\n";
  out += coverage_svg(campaign.coverage);
  out += "</section>\n";
  write_table(out, campaign);
  for (std::size_t i = 0; i < campaign.findings.size(); ++i) {
    write_finding(out, campaign.findings[i], i + 1);
  }
  fmt::format_to(std::back_inserter(out),
                 "<footer>rfcheck {} &#183; {}</footer>\n</body>\n</html>\n", kToolVersion,
                 kFuzzFindingsFormat);
  return out;
}

}  // namespace rfcheck::reports
