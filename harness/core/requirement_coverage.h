// How much of each RFC's catalogue the cases check: the figures behind `rfcheck coverage`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/requirement_model.h"
#include "core/spec_model.h"

namespace rfcheck {

struct CoverageCounts {
  std::size_t requirements = 0;
  std::size_t not_testable = 0;
  std::size_t covered = 0;
  // Testable requirements and the covered ones among them, by class (MUST, SHOULD, MAY).
  std::map<RequirementClass, std::size_t> testable_by_class;
  std::map<RequirementClass, std::size_t> covered_by_class;

  void add(const Requirement& r, bool is_covered);
  // Covered share of the testable requirements of a class, in percent; 100 when there are none.
  double percent(RequirementClass c) const;
};

struct SectionCoverage {
  std::string section;  // the catalogue's sections, grouped to two levels: "4.1" holds 4.1.3
  CoverageCounts counts;
};

struct RfcCoverage {
  int rfc = 0;
  std::string title;
  CoverageCounts totals;
  std::vector<SectionCoverage> sections;       // in section order
  std::vector<const Requirement*> uncovered;   // testable, no case covers it
};

struct RequirementCoverage {
  std::vector<RfcCoverage> rfcs;
  std::map<std::string, std::vector<std::string>> cases_by_requirement;  // id -> case ids
};

RequirementCoverage compute_coverage(const CatalogueSet& catalogues,
                                     const std::vector<const Case*>& cases);

// "4.1.3.2" -> "4.1"; sections sort numerically ("4.10" after "4.9").
std::string section_group(const std::string& section);
bool section_less(const std::string& a, const std::string& b);

}  // namespace rfcheck
