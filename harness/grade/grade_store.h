// One submission's grade on disk (out/<id>/grade.json), written atomically (a temporary file
// renamed over it), so an interrupted grading leaves either the whole grade or none: a rerun
// grades exactly the submissions without one.
#pragma once

#include <optional>
#include <string>

#include "grade/grader.h"

namespace rfcheck::grade {

// Empty on success, else why not.
std::string store_grade(const std::string& path, const SubmissionGrade& grade,
                        const std::string& rubric_digest);

// nullopt when there is none, it is unreadable, or it was made with another rubric.
std::optional<SubmissionGrade> load_grade(const std::string& path, const std::string& rubric_digest);

}  // namespace rfcheck::grade
