#include "reports/grade_class.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

// csv_field, and a leading = + - @ prefixed with ' so a spreadsheet never runs a
// student-chosen id as a formula.
std::string csv(std::string_view raw) {
  std::string text(raw);
  if (!text.empty() && std::string_view("=+-@").find(text[0]) != std::string_view::npos) {
    text = "'" + text;
  }
  return csv_field(text);
}

std::string pts(double value) { return fmt::format("{:g}", value); }

struct Missed {
  std::string id;
  int missed = 0;
  std::vector<std::string> items;
};

// Every case of the rubric with how many graded students did not pass it; a student whose
// build failed or whose server never listened misses every case and is counted too.
std::vector<Missed> most_missed(const Rubric& rubric, const grade::ItemCases& items,
                                const std::vector<grade::SubmissionGrade>& grades) {
  std::map<std::string, Missed> by_id;
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const std::string& id : items[i]) {
      by_id[id].id = id;
      by_id[id].items.push_back(rubric.items[i].name);
    }
  }
  for (const auto& g : grades) {
    for (auto& [id, m] : by_id) {
      auto v = g.verdicts.find(id);
      if (v == g.verdicts.end() || v->second != Verdict::kPass) ++m.missed;
    }
  }
  std::vector<Missed> out;
  for (auto& [id, m] : by_id) out.push_back(std::move(m));
  std::stable_sort(out.begin(), out.end(), [](const Missed& a, const Missed& b) { return a.missed > b.missed; });
  return out;
}

}  // namespace

void write_gradebook_csv(const std::vector<grade::SubmissionGrade>& grades, std::ostream& out) {
  out << "id,score,max,status,detail\n";
  for (const auto& g : grades) {
    std::string detail = g.detail.substr(0, g.detail.find('\n'));
    out << csv(g.id) << ',' << pts(g.score.total) << ',' << pts(g.score.max) << ','
        << csv(g.status) << ',' << csv(detail) << '\n';
  }
}

void write_class_markdown(const Rubric& rubric, const grade::ItemCases& items,
                          const std::vector<grade::SubmissionGrade>& grades,
                          const std::map<std::string, CaseLabel>& labels, std::ostream& out) {
  std::map<std::string, int> statuses;
  double sum = 0;
  for (const auto& g : grades) {
    ++statuses[g.status];
    sum += g.score.total;
  }
  const double max = grades.empty() ? 0 : grades.front().score.max;
  out << "# " << printable(rubric.name) << ": the class\n\n" << grades.size() << " submissions, mean "
      << pts(grades.empty() ? 0 : std::round(sum / grades.size() * 100) / 100) << " / " << pts(max)
      << ".\n\n| status | submissions |\n| --- | --- |\n";
  for (const auto& [status, count] : statuses) out << "| " << status << " | " << count << " |\n";
  out << "\n## Cases most students missed\n\n| case | RFC | missed by | items |\n| --- | --- | --- | --- |\n";
  for (const Missed& m : most_missed(rubric, items, grades)) {
    auto label = labels.find(m.id);
    std::string items_text;
    for (const auto& name : m.items) items_text += (items_text.empty() ? "" : "; ") + name;
    out << "| `" << printable(m.id) << "` " << (label == labels.end() ? "" : printable(label->second.title))
        << " | " << (label == labels.end() ? "" : printable(label->second.ref)) << " | " << m.missed
        << " of " << grades.size() << " | " << printable(items_text) << " |\n";
  }
}

void write_class_csv(const grade::ItemCases& items, const std::vector<grade::SubmissionGrade>& grades,
                     std::ostream& out) {
  Rubric unnamed;
  unnamed.items.resize(items.size());
  out << "case,missed,students\n";
  for (const Missed& m : most_missed(unnamed, items, grades)) {
    out << csv(m.id) << ',' << m.missed << ',' << grades.size() << '\n';
  }
}

}  // namespace rfcheck::reports
