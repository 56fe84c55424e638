// The report a student reads (rfcheck grade): one self-contained HTML page per submission,
// no scripts and nothing fetched: the score, each rubric item, and for every case that cost
// points the RFC sentence it checks, what was expected and what the server did, the
// transcript, and how many points it cost.
#pragma once

#include <ostream>

#include "core/result.h"
#include "core/rubric.h"
#include "grade/grader.h"

namespace rfcheck::reports {

// `run`: the submission's run (its cases' details); nullptr when it never ran (a failed build).
void write_student_html(const Rubric& rubric, const grade::SubmissionGrade& grade, const RunResult* run,
                        std::ostream& out);

}  // namespace rfcheck::reports
