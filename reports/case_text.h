// A case as plain text lines: what the console summary and the JUnit failure body show.
// Every server-derived string is passed through printable(), so the lines are safe to write
// to a terminal or (after XML escaping) into XML.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace rfcheck::reports {

// One line per transcript line: "[    12.3 ms] C: USER ftptest". Prefixes: "C: " sent,
// "S: " received (further lines of a multi-line reply are indented under the first),
// "D: " data channel, "*  " event or note. A connection other than "main" is named in
// parentheses before the prefix: "[    12.3 ms] (data) C: ...".
std::vector<std::string> transcript_lines(const std::vector<TranscriptEntry>& transcript);

// "framing.bare-lf [RFC 959 4.2] (main): reply line ended in a bare LF"
std::string finding_line(const Finding& finding);

// The full account of a non-pass case, unindented: title, ref, level, suite, tags, quote,
// reason, expected, actual, failing step and where, baseline reason, transcript, findings.
std::vector<std::string> case_detail_lines(const CaseResult& result);

// Who spoke in a transcript line: "C:" the harness, "S:" the server, "D:" the data channel,
// "*" an event or a note. The console, the HTML report and a student's report all use it.
std::string_view transcript_prefix(TranscriptEntry::Kind kind);

}  // namespace rfcheck::reports
