// Several servers, one view: the results of `rfcheck run` over several targets as a servers x
// cases matrix (like Autobahn|Testsuite's), in HTML, Markdown and CSV. Cases are grouped by
// protocol; a server's column appears in its protocol's table only.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"

namespace rfcheck::reports {

struct MatrixColumn {
  std::string name;     // the target's name, unique within the matrix
  std::string profile;  // the profile file it came from
  std::string protocol;
  int exit_code = 0;    // the run's exit code (README "Using it")
  std::optional<RunResult> run;  // nullopt when it left no report (a bad profile)
  std::string problem;  // why the run did not complete or left no report; empty otherwise
  // Where the HTML report of this target's run is, relative to the matrix's own files; cells
  // link to its case anchors (#case-<id>). Empty: no links.
  std::string html_report;
};

void write_matrix_csv(const std::vector<MatrixColumn>& columns, std::ostream& out);
void write_matrix_markdown(const std::vector<MatrixColumn>& columns, std::ostream& out);
void write_matrix_html(const std::vector<MatrixColumn>& columns, std::ostream& out);

}  // namespace rfcheck::reports
