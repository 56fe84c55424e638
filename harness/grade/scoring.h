// Scoring one submission against a rubric: what each item earned from the verdicts of its
// cases, the penalty and cap of the submission's status, and the total. Pure: the same
// verdicts and status give the same score, so a regrade cannot move a grade.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/rubric.h"

namespace rfcheck::grade {

// Each item's cases (ids, sorted), resolved once against the suites.
using ItemCases = std::vector<std::vector<std::string>>;

// Every item's cases among the suites' `cases`, selected as --filter/--tag/--section/--level
// select (runner/case_filter.h); an error names an item that selects no case (a typo in a tag
// would otherwise be points nobody can earn).
std::variant<ItemCases, std::string> resolve_items(const Rubric& rubric,
                                                   const std::vector<const Case*>& cases);

struct ItemScore {
  std::string name;
  double points = 0;
  double max = 0;
  int passed = 0;
  int total = 0;
  std::vector<std::string> missed;  // its cases that did not pass, in id order
};

struct Score {
  std::vector<ItemScore> items;
  double earned = 0;   // the items' sum
  double penalty = 0;  // for the status
  std::optional<double> cap;
  double total = 0;    // clamp(earned - penalty, 0, cap)
  double max = 0;
};

// Only a pass earns: fail, error, inconclusive, skip and a case the run never reached (absent
// from `verdicts`) earn nothing. Points are rounded to hundredths.
Score score_submission(const Rubric& rubric, const ItemCases& items,
                       const std::map<std::string, Verdict>& verdicts, const std::string& status);

// What passing one more of the item's missed cases would have added: what that miss cost
// the student (all-or-nothing: the item's points when it is the only miss, else nothing alone).
double points_if_passed(const RubricItem& item, const ItemScore& score);

}  // namespace rfcheck::grade
