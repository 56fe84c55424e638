// The run as one self-contained HTML page (--report html:PATH), for people on a laptop or a
// phone: the headline (as the Markdown report's), totals by protocol, level, RFC and section,
// the root causes, every case that did not pass in full (RFC sentence, expected and actual,
// where it failed, findings, baseline reason, its transcript folded in a <details>), and the
// passing ones as one line each. Filters by verdict, level, tag and text are a small inline
// script; with scripts off the page shows everything. No external resource of any kind, and
// a Content-Security-Policy that forbids loading one and allows only the page's own script
// and style sheet (by hash, csp_hash.h).
//
// Anchors: every case is the element id="case-<case id>" (case_anchor.h), every root cause
// id="cause-<number>"; the sections are #totals, #root-causes, #failures (every case that did
// not pass) and #passed.
//
// Server bytes are hostile: every string goes through html_escape (printable() first, so
// invalid UTF-8 and control characters arrive as "\xNN"), and the script never turns page text
// into markup. The page is also well-formed XML, so tests can check it with an XML parser.
#pragma once

#include <ostream>

#include "core/result.h"

namespace rfcheck::reports {

void write_html(const RunResult& run, std::ostream& out);

}  // namespace rfcheck::reports
