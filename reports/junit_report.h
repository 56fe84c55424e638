// JUnit XML, the report CI systems show: one <testsuite> per spec suite, one <testcase> per
// case (classname = suite, name = case id). fail -> <failure>, error -> <error>, skip,
// inconclusive and known (baseline) failures -> <skipped message="...">. The failure body is
// the case's full account with its transcript. Server bytes are escaped so the document is
// always well-formed XML 1.0 in UTF-8: characters XML forbids become the text "\xNN".
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "core/result.h"

namespace rfcheck::reports {

void write_junit(const RunResult& run, std::ostream& out);

// Text made safe for XML 1.0 character data, or an attribute value when `attribute`
// (where newlines become &#10; so they survive attribute normalization).
std::string xml_escape(std::string_view text, bool attribute);

}  // namespace rfcheck::reports
