#include "core/requirement_coverage.h"

#include <algorithm>
#include <sstream>

namespace rfcheck {
namespace {

std::vector<int> section_numbers(const std::string& section) {
  std::vector<int> parts;
  std::stringstream in(section);
  std::string part;
  while (std::getline(in, part, '.')) {
    int value = 0;
    for (char c : part) value = c >= '0' && c <= '9' ? value * 10 + (c - '0') : value;
    parts.push_back(value);
  }
  return parts;
}

}  // namespace

void CoverageCounts::add(const Requirement& r, bool is_covered) {
  ++requirements;
  if (!r.testable) {
    ++not_testable;
    return;
  }
  ++testable_by_class[r.level];
  if (is_covered) {
    ++covered;
    ++covered_by_class[r.level];
  }
}

double CoverageCounts::percent(RequirementClass c) const {
  auto testable = testable_by_class.count(c) ? testable_by_class.at(c) : 0;
  if (testable == 0) return 100.0;
  auto done = covered_by_class.count(c) ? covered_by_class.at(c) : 0;
  return 100.0 * static_cast<double>(done) / static_cast<double>(testable);
}

std::string section_group(const std::string& section) {
  auto first = section.find('.');
  if (first == std::string::npos) return section;
  auto second = section.find('.', first + 1);
  return second == std::string::npos ? section : section.substr(0, second);
}

bool section_less(const std::string& a, const std::string& b) {
  // Numbered sections in their order, then the appendices ("A", "B", "appendix-ii") by name,
  // as the RFC puts them after the body.
  const bool a_numbered = !a.empty() && a.front() >= '0' && a.front() <= '9';
  const bool b_numbered = !b.empty() && b.front() >= '0' && b.front() <= '9';
  if (a_numbered != b_numbered) return a_numbered;
  if (!a_numbered) return a < b;
  return section_numbers(a) < section_numbers(b);
}

RequirementCoverage compute_coverage(const CatalogueSet& catalogues,
                                     const std::vector<const Case*>& cases) {
  RequirementCoverage coverage;
  for (const Case* c : cases) {
    for (const auto& id : c->covers) coverage.cases_by_requirement[id].push_back(c->id);
  }
  for (const auto& catalogue : catalogues.catalogues) {
    RfcCoverage rfc;
    rfc.rfc = catalogue.rfc;
    rfc.title = catalogue.title;
    std::map<std::string, CoverageCounts> groups;
    for (const auto& req : catalogue.requirements) {
      const bool covered = coverage.cases_by_requirement.count(req.id) > 0;
      rfc.totals.add(req, covered);
      groups[section_group(req.section)].add(req, covered);
      if (req.testable && !covered) rfc.uncovered.push_back(&req);
    }
    for (auto& [section, counts] : groups) rfc.sections.push_back({section, std::move(counts)});
    std::sort(rfc.sections.begin(), rfc.sections.end(),
              [](const auto& a, const auto& b) { return section_less(a.section, b.section); });
    std::stable_sort(rfc.uncovered.begin(), rfc.uncovered.end(),
                     [](const auto* a, const auto* b) { return section_less(a->section, b->section); });
    coverage.rfcs.push_back(std::move(rfc));
  }
  return coverage;
}

}  // namespace rfcheck
