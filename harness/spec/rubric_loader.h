// Rubrics and submission files of rfcheck grade, loaded strictly (unknown keys, wrong types,
// missing keys: errors with file:line:col), and each submission's target profile written
// from the rubric. The format is documented in docs/grading.md.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/rubric.h"
#include "spec/load_error.h"

namespace rfcheck {

std::variant<Rubric, LoadErrors> load_rubric(const std::string& path);

// A student's submission.yaml: build: and launch: (each optional), on top of `defaults`.
std::variant<SubmissionCommands, LoadErrors> load_submission_file(
    const std::string& path, const SubmissionCommands& defaults);

// What one submission's profile needs beyond the rubric.
struct SubmissionProfile {
  std::string name;          // the student id
  std::string directory;     // the built copy of the submission: the launch runs in it
  std::string launch;        // shell command line with {port}, {host}, {workdir}
  std::string user;          // the uid it runs as ("" when not root: ours)
};

// The target profile YAML of one submission: the rubric's target keys, protocol, host
// 127.0.0.1, port auto, and a launch that runs `launch` with /bin/sh in `directory` as `user`
// under the rubric's run limits (a maildrop's files belong to that user too).
std::string submission_profile_yaml(const Rubric& rubric, const SubmissionProfile& submission);

}  // namespace rfcheck
