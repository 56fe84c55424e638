#include "reports/requirement_coverage_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

constexpr RequirementClass kClasses[] = {RequirementClass::kMust, RequirementClass::kShould,
                                         RequirementClass::kMay};

std::size_t count_of(const std::map<RequirementClass, std::size_t>& m, RequirementClass c) {
  auto it = m.find(c);
  return it == m.end() ? 0 : it->second;
}

// "MUST 40/42 (95%)": covered of the testable ones of a class.
std::string class_cell(const CoverageCounts& counts, RequirementClass c) {
  const auto testable = count_of(counts.testable_by_class, c);
  if (testable == 0) return "-";
  return fmt::format("{}/{} ({:.0f}%)", count_of(counts.covered_by_class, c), testable,
                     counts.percent(c));
}

std::string table_row(const std::string& label, const CoverageCounts& c) {
  return fmt::format("  {:<10} {:>5} {:>8} {:>8}   {:<16} {:<16} {}\n", label, c.requirements,
                     c.covered, c.not_testable, class_cell(c, RequirementClass::kMust),
                     class_cell(c, RequirementClass::kShould), class_cell(c, RequirementClass::kMay));
}

std::string shortened(const std::string& text, std::size_t limit) {
  return text.size() <= limit ? text : text.substr(0, limit - 3) + "...";
}

nlohmann::json counts_json(const CoverageCounts& c) {
  nlohmann::json by_class = nlohmann::json::object();
  for (auto cls : kClasses) {
    by_class[std::string(to_string(cls))] = {
        {"testable", count_of(c.testable_by_class, cls)},
        {"covered", count_of(c.covered_by_class, cls)},
        {"percent", c.percent(cls)}};
  }
  return {{"requirements", c.requirements}, {"covered", c.covered},
          {"not_testable", c.not_testable}, {"by_level", by_class}};
}

nlohmann::json requirement_json(const Requirement& r) {
  nlohmann::json j = {{"id", r.id}, {"section", r.section}, {"level", r.keyword},
                      {"testable", r.testable}, {"text", sanitize_utf8(r.text)}};
  if (!r.testable) j["why"] = r.why_untestable;
  if (r.implied) j["implied"] = true;
  return j;
}

}  // namespace

void write_coverage_text(const RequirementCoverage& coverage, bool list_uncovered,
                         std::ostream& out) {
  for (const auto& rfc : coverage.rfcs) {
    out << fmt::format("RFC {}: {}\n", rfc.rfc, rfc.title);
    out << fmt::format("  {:<10} {:>5} {:>8} {:>8}   {:<16} {:<16} {}\n", "section", "reqs",
                       "covered", "untest.", "MUST-class", "SHOULD-class", "MAY");
    for (const auto& section : rfc.sections) out << table_row(section.section, section.counts);
    out << table_row("all", rfc.totals);
    if (list_uncovered && !rfc.uncovered.empty()) {
      out << fmt::format("  testable, no case ({}):\n", rfc.uncovered.size());
      for (const auto* r : rfc.uncovered) {
        out << fmt::format("    {:<44} {:<11} {}\n", r->id, r->keyword,
                           printable(shortened(r->text, 90)));
      }
    }
    out << "\n";
  }
}

void write_coverage_json(const RequirementCoverage& coverage, std::ostream& out) {
  nlohmann::json rfcs = nlohmann::json::array();
  for (const auto& rfc : coverage.rfcs) {
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& s : rfc.sections) {
      auto j = counts_json(s.counts);
      j["section"] = s.section;
      sections.push_back(std::move(j));
    }
    nlohmann::json uncovered = nlohmann::json::array();
    for (const auto* r : rfc.uncovered) uncovered.push_back(requirement_json(*r));
    rfcs.push_back({{"rfc", rfc.rfc}, {"title", rfc.title}, {"totals", counts_json(rfc.totals)},
                    {"sections", sections}, {"uncovered", uncovered}});
  }
  nlohmann::json doc = {{"format", "rfcheck-coverage/1"}, {"rfcs", rfcs},
                        {"cases_by_requirement", coverage.cases_by_requirement}};
  out << doc.dump(2) << "\n";
}

void write_coverage_html(const RequirementCoverage& coverage, std::ostream& out) {
  out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>rfcheck requirements coverage</title><style>"
         "body{font:15px/1.4 system-ui,sans-serif;margin:1rem auto;max-width:72rem;padding:0 1rem}"
         "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}"
         "td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:right}"
         "td:first-child,th:first-child,td.text{text-align:left}"
         "tr.total{font-weight:bold}.low{color:#a40000}"
         "@media(max-width:40rem){td.text{display:none}}</style></head><body>\n"
         "<h1>Requirements coverage</h1>\n"
         "<p>Per RFC and section: requirements on the server in the catalogue, how many a case "
         "covers, how many no client can test, and the covered share of the testable ones by "
         "level.</p>\n";
  for (const auto& rfc : coverage.rfcs) {
    out << fmt::format("<h2 id=\"rfc{0}\">RFC {0}: {1}</h2>\n", rfc.rfc, html_escape(rfc.title));
    out << "<table><tr><th>section</th><th>requirements</th><th>covered</th>"
           "<th>not testable</th><th>MUST-class</th><th>SHOULD-class</th><th>MAY</th></tr>\n";
    auto row = [&](const std::string& label, const CoverageCounts& c, const char* cls) {
      out << fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td>", cls,
                         html_escape(label), c.requirements, c.covered, c.not_testable);
      for (auto level : kClasses) {
        const bool low = level != RequirementClass::kMay &&
                         c.percent(level) < (level == RequirementClass::kMust ? 95.0 : 80.0);
        out << fmt::format("<td class=\"{}\">{}</td>", low ? "low" : "",
                           html_escape(class_cell(c, level)));
      }
      out << "</tr>\n";
    };
    for (const auto& s : rfc.sections) row(s.section, s.counts, "");
    row("all", rfc.totals, "total");
    out << "</table>\n";
    if (rfc.uncovered.empty()) continue;
    out << fmt::format("<details><summary>{} testable requirements without a case</summary>"
                       "<table>\n", rfc.uncovered.size());
    for (const auto* r : rfc.uncovered) {
      out << fmt::format("<tr id=\"{0}\"><td>{0}</td><td>{1}</td><td class=\"text\">{2}</td></tr>\n",
                         html_escape(r->id), html_escape(r->keyword), html_escape(r->text));
    }
    out << "</table></details>\n";
  }
  out << "</body></html>\n";
}

}  // namespace rfcheck::reports
