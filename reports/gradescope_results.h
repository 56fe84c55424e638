// A Gradescope autograder results.json for one submission: the top-level score is rfcheck's
// total (penalties and caps applied), one test per rubric item with its points, and in each
// test's output the cases that cost points with their RFC sentence, expected and actual.
#pragma once

#include <ostream>

#include "core/result.h"
#include "core/rubric.h"
#include "grade/grader.h"

namespace rfcheck::reports {

// `visibility`: visible, hidden, after_due_date or after_published (Gradescope's words).
void write_gradescope_results(const Rubric& rubric, const grade::SubmissionGrade& grade,
                              const RunResult* run, const std::string& visibility,
                              std::ostream& out);

}  // namespace rfcheck::reports
