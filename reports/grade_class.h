// What rfcheck grade writes for the instructor: the gradebook (one CSV row per student) and
// the class view (which cases the most students missed, as Markdown and CSV).
#pragma once

#include <ostream>
#include <vector>

#include "core/rubric.h"
#include "grade/grader.h"

namespace rfcheck::reports {

// id,score,max,status,detail — one row per grade, in the order given (id order).
void write_gradebook_csv(const std::vector<grade::SubmissionGrade>& grades, std::ostream& out);

// Each case of the rubric with how many students missed it, most missed first (ties by id),
// and the status counts. `titles`: case id -> title and RFC ref, for the Markdown.
struct CaseLabel {
  std::string title, ref;
};
void write_class_markdown(const Rubric& rubric, const grade::ItemCases& items,
                          const std::vector<grade::SubmissionGrade>& grades,
                          const std::map<std::string, CaseLabel>& labels, std::ostream& out);
void write_class_csv(const grade::ItemCases& items, const std::vector<grade::SubmissionGrade>& grades,
                     std::ostream& out);

}  // namespace rfcheck::reports
