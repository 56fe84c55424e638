// The run as Markdown (--report markdown:PATH), for a CI job summary or a pull-request
// comment: a headline with the gate's verdict, the counts per level, each failure that
// decides the exit code with its RFC sentence, expected and actual, and the problems found
// in several cases. What a server sent always stands in code spans, so its bytes cannot
// become markup (or HTML, which comment renderers honour) in the page.
#pragma once

#include <ostream>
#include <string_view>

#include "core/result.h"

namespace rfcheck::reports {

// `html_link`: where the run's HTML report is (a URL, or a path relative to the Markdown
// file's folder), percent-encoded and without a fragment. Each listed failure's id then links
// to its case there (case_anchor.h), and the summary to the whole page. Empty: no links.
void write_markdown(const RunResult& run, std::ostream& out, std::string_view html_link = {});

}  // namespace rfcheck::reports
