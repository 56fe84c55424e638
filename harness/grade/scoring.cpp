#include "grade/scoring.h"

#include <algorithm>
#include <cmath>

#include "runner/case_filter.h"

namespace rfcheck::grade {
namespace {

double hundredths(double value) { return std::round(value * 100.0) / 100.0; }

CaseFilter filter_of(const CaseSelector& s) {
  CaseFilter filter;
  filter.id_prefixes = s.id_prefixes;
  filter.tags = s.tags;
  filter.sections = s.sections;
  filter.levels.insert(s.levels.begin(), s.levels.end());
  return filter;
}

double item_max(const RubricItem& item, std::size_t cases) {
  if (item.points) return *item.points;
  const double all = *item.per_case * static_cast<double>(cases);
  return item.max ? std::min(*item.max, all) : all;
}

}  // namespace

std::variant<ItemCases, std::string> resolve_items(const Rubric& rubric,
                                                   const std::vector<const Case*>& cases) {
  ItemCases out;
  for (const RubricItem& item : rubric.items) {
    const CaseFilter filter = filter_of(item.select);
    std::vector<std::string> ids;
    for (const Case* c : cases) {
      if (case_matches(*c, filter)) ids.push_back(c->id);
    }
    std::sort(ids.begin(), ids.end());
    if (ids.empty()) {
      return item.where.describe() + ": item '" + item.name + "' selects no case of the " +
             rubric.protocol + " suites (check its id, tag, section and level)";
    }
    out.push_back(std::move(ids));
  }
  return out;
}

double points_if_passed(const RubricItem& item, const ItemScore& s) {
  if (s.missed.empty()) return 0;
  if (item.per_case) return hundredths(std::min(*item.per_case, s.max - s.points));
  if (item.partial) return s.total == 0 ? 0 : hundredths(*item.points / s.total);
  return s.missed.size() == 1 ? *item.points : 0;
}

Score score_submission(const Rubric& rubric, const ItemCases& items,
                       const std::map<std::string, Verdict>& verdicts, const std::string& status) {
  Score score;
  for (std::size_t i = 0; i < rubric.items.size(); ++i) {
    const RubricItem& item = rubric.items[i];
    ItemScore s;
    s.name = item.name;
    s.total = static_cast<int>(items[i].size());
    s.max = hundredths(item_max(item, items[i].size()));
    for (const std::string& id : items[i]) {
      auto it = verdicts.find(id);
      if (it != verdicts.end() && it->second == Verdict::kPass) {
        ++s.passed;
      } else {
        s.missed.push_back(id);
      }
    }
    if (item.per_case) {
      s.points = std::min(s.max, *item.per_case * s.passed);
    } else if (item.partial) {
      s.points = s.total == 0 ? 0 : *item.points * s.passed / s.total;
    } else {
      s.points = s.passed == s.total ? *item.points : 0;
    }
    s.points = hundredths(s.points);
    score.earned += s.points;
    score.max += s.max;
    score.items.push_back(std::move(s));
  }
  score.earned = hundredths(score.earned);
  score.max = hundredths(score.max);
  if (auto p = rubric.penalties.find(status); p != rubric.penalties.end()) score.penalty = p->second;
  if (auto c = rubric.caps.find(status); c != rubric.caps.end()) score.cap = c->second;
  double total = std::max(0.0, score.earned - score.penalty);
  if (score.cap) total = std::min(total, *score.cap);
  score.total = hundredths(total);
  return score;
}

}  // namespace rfcheck::grade
