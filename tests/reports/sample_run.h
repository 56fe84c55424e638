// A hand-built RunResult covering every verdict and hostile server bytes, for the reporter tests.
#pragma once

#include <string>

#include "core/result.h"

namespace rfcheck::reports::testing {

// Server text with invalid UTF-8, NUL, ESC, a bell, CR, a CDATA terminator and XML specials.
inline std::string hostile_text() {
  using namespace std::string_literals;
  return "530 bad\xff\xfe bytes \x00 nul \x1b[31m esc \x07 bell \r cr ]]> <x a=\"b\"> & 'q' \xc3\x28 \xed\xa0\x80 ok-\xc3\xa9"s;
}

inline RunResult sample_run() {
  RunResult run;
  run.target = "vsftpd";
  run.protocol = "ftp";
  run.started_at = "2024-05-01T10:00:00Z";
  run.duration = std::chrono::milliseconds(1234);
  run.gate = Level::kMust;

  CaseResult pass;
  pass.id = "ftp.user.pass-sequence";
  pass.title = "USER then PASS logs the user in";
  pass.ref = "RFC 959 4.1.1, 5.4";
  pass.suite = "ftp/rfc959/access-control";
  pass.level = Level::kMust;
  pass.tags = {"minimum", "login"};
  pass.verdict = Verdict::kPass;
  pass.duration = std::chrono::milliseconds(12);
  pass.transcript = {{TranscriptEntry::Kind::kReceived, "main", "220 ready", 0.5}};
  run.cases.push_back(pass);

  CaseResult fail;
  fail.id = "ftp.retr.binary-exact";
  fail.title = "RETR in type I returns the exact bytes";
  fail.ref = "RFC 959 3.1.1.3";
  fail.suite = "ftp/rfc959/transfer";
  fail.quote = "The data are transferred as contiguous bits.";
  fail.level = Level::kMust;
  fail.tags = {"data"};
  fail.verdict = Verdict::kFail;
  fail.reason = "reply 550 is not in {125, 150}";
  fail.expected = "code in {125, 150}";
  fail.actual = "550-No such file\n550 really";
  fail.failed_step = 3;
  fail.failed_where = {"specs/ftp/rfc959/3.1-transfer.yaml", 14, 9};
  fail.duration = std::chrono::milliseconds(37);
  fail.transcript = {
      {TranscriptEntry::Kind::kEvent, "main", "connected to 127.0.0.1:2121", 0.0},
      {TranscriptEntry::Kind::kReceived, "main", "220 ready", 1.25},
      {TranscriptEntry::Kind::kSent, "main", "RETR data.bin", 2.0},
      {TranscriptEntry::Kind::kReceived, "main", "550-No such file\n550 really", 3.5},
      {TranscriptEntry::Kind::kData, "data", "received 0 bytes", 4.0},
      {TranscriptEntry::Kind::kNote, "second", "closed by server", 5.0},
  };
  fail.findings = {{"framing.bare-lf", "reply line ended in a bare LF", "RFC 959 4.2", "main"}};
  run.cases.push_back(fail);

  CaseResult error;
  error.id = "ftp.pasv.connect";
  error.suite = "ftp/rfc959/transfer";
  error.level = Level::kMust;
  error.verdict = Verdict::kError;
  error.reason = "data connection refused";
  error.duration = std::chrono::milliseconds(5);
  error.transcript = {{TranscriptEntry::Kind::kEvent, "main", "timeout after 5000 ms", 5000}};
  run.cases.push_back(error);

  CaseResult inconclusive;
  inconclusive.id = "ftp.epsv.all";
  inconclusive.suite = "ftp/rfc2428/epsv";
  inconclusive.level = Level::kMay;
  inconclusive.verdict = Verdict::kInconclusive;
  inconclusive.reason = "server declined EPSV with 502";
  run.cases.push_back(inconclusive);

  CaseResult skip;
  skip.id = "ftp.stor.unique";
  skip.suite = "ftp/rfc959/transfer";
  skip.level = Level::kShould;
  skip.verdict = Verdict::kSkip;
  skip.reason = "filtered out";
  run.cases.push_back(skip);

  CaseResult known;
  known.id = "ftp.mode.block";
  known.suite = "ftp/rfc959/transfer";
  known.level = Level::kMust;
  known.verdict = Verdict::kFail;
  known.reason = "MODE B answered 504";
  known.baseline_reason = "vsftpd does not implement block mode";
  known.duration = std::chrono::milliseconds(3);
  run.cases.push_back(known);

  CaseResult hostile;
  hostile.id = "ftp.user.hostile";
  hostile.title = "a server that answers with garbage";
  hostile.suite = "ftp/rfc959/access-control";
  hostile.level = Level::kShould;
  hostile.verdict = Verdict::kFail;
  hostile.reason = hostile_text();
  hostile.expected = "230";
  hostile.actual = hostile_text();
  hostile.transcript = {{TranscriptEntry::Kind::kReceived, "main", hostile_text(), 1.0},
                        {TranscriptEntry::Kind::kSent, "main", "USER \\x00", 2.0}};
  hostile.findings = {{"reply-table", hostile_text(), "RFC 959 5.4", "main"}};
  run.cases.push_back(hostile);

  run.stale_baseline = {{"ftp.site.chmod", "was broken in 3.0.2"}};
  run.target_log = {"exit status 0", "stderr: \x1b]0;pwned\x07 tail\xff\nsecond line"};
  return run;
}

}  // namespace rfcheck::reports::testing
