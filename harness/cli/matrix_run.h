// `rfcheck run` over several targets (--target A --target B, or a folder of profiles): each
// target is run by a child `rfcheck run` of its own, several at a time, so one server that
// hangs or crashes its run costs that column only; then the servers x cases matrix is written.
#pragma once

#include <string>
#include <vector>

namespace rfcheck::cli {

struct MatrixRequest {
  std::vector<std::string> targets;    // profile files or folders of them, as given
  std::vector<std::string> reports;    // --report values, as given
  std::vector<std::string> forwarded;  // every other argument of this `rfcheck run`
  int parallel = 4;                    // targets run at once
};

// True when the targets given ask for a matrix: more than one, or a folder.
bool is_matrix_run(const std::vector<std::string>& targets);

// The arguments after `rfcheck run` without --target, --report and --parallel-targets (and
// their values): what each child run is given besides its own target and reports.
std::vector<std::string> forwarded_run_arguments(const std::vector<std::string>& run_arguments);

// Exit code: 2 when any target was a usage error (a bad profile), else 3 when any could not be
// reached, else 1 when any failed its gate, else 4 when any judged nothing, else 0.
int run_matrix(const MatrixRequest& request);

}  // namespace rfcheck::cli
