// One case of the HTML run report (html_report.h): a non-passing case in full, a passing one
// as a line. Both carry what the page's filters read: class "case", data-verdict (the verdict
// label in lower case), data-level and the case's tags as .tag elements.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "reports/root_causes.h"

namespace rfcheck::reports {

// <article class="case ..." id="case-<id>">: ref, RFC sentence, level, tags, reason,
// expected and actual at the failing step, failed_at, findings (with their root cause),
// baseline reason, and the transcript folded in a <details>.
void append_case_article(std::string& out, const CaseResult& result,
                         const std::vector<RootCause>& causes);

// <li class="case" id="case-<id>">: verdict, id, ref, level, tags and title on one line.
void append_case_line(std::string& out, const CaseResult& result);

}  // namespace rfcheck::reports
