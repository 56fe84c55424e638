// The run as Markdown (--report markdown:PATH), for a CI job summary or a pull-request
// comment: a headline with the gate's verdict, the counts per level, each failure that
// decides the exit code with its RFC sentence, expected and actual, and the problems found
// in several cases. What a server sent always stands in code spans, so its bytes cannot
// become markup (or HTML, which comment renderers honour) in the page.
#pragma once

#include <ostream>

#include "core/result.h"

namespace rfcheck::reports {

void write_markdown(const RunResult& run, std::ostream& out);

}  // namespace rfcheck::reports
