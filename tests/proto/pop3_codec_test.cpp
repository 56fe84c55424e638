#include "proto/pop3_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "codec_session.h"

namespace rfcheck::proto {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using namespace std::string_literals;

// A POP3 connection as a pipelining client makes it: every command is sent (on_sent) before
// the server's bytes arrive, in the given pieces.
Session run(const std::string& sent, const std::vector<std::string>& pieces, bool close = false,
            CodecLimits limits = {}) {
  return run_after_sent<Pop3Codec>(sent, pieces, close, limits);
}

Session run_bytewise(const std::string& sent, const std::string& bytes, bool close = false) {
  return run_after_sent_bytewise<Pop3Codec>(sent, bytes, close);
}

const std::string kGreeting = "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n";

// The greeting, then the response to `command`.
Reply response_to(const std::string& command, const std::string& bytes) {
  const Session s = run(command, {kGreeting + bytes});
  EXPECT_EQ(s.replies.size(), 2u) << command << bytes;
  return s.replies.size() < 2 ? Reply{} : s.replies[1];
}

TEST(Pop3Codec, GreetingOfRfc1939) {
  Pop3Codec codec;
  const CodecOutput out = codec.feed(kGreeting);
  ASSERT_EQ(out.replies.size(), 1u);
  const Reply& r = out.replies[0];
  EXPECT_EQ(r.status, "+OK");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.response_code, "");
  EXPECT_THAT(r.lines, ElementsAre(kGreeting.substr(0, kGreeting.size() - 2)));
  EXPECT_EQ(r.raw, kGreeting);
  EXPECT_FALSE(r.has_body);
  EXPECT_THAT(out.findings, IsEmpty());
  EXPECT_FALSE(codec.in_reply());
}

TEST(Pop3Codec, GreetingIsOneLineEvenWithCommandsAlreadySent) {
  // A client that speaks before the greeting: the greeting still comes first and answers
  // none of its commands.
  const Session s = run("LIST\r\n", {"-ERR [SYS/TEMP] busy\r\n+OK 1 msg\r\n1 5\r\n.\r\n"});
  ASSERT_THAT(statuses(s), ElementsAre("-ERR", "+OK"));
  EXPECT_EQ(s.replies[0].response_code, "SYS/TEMP");
  EXPECT_FALSE(s.replies[0].has_body);
  EXPECT_TRUE(s.replies[1].has_body);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(Pop3Codec, SingleLineResponses) {
  Pop3Codec codec;
  codec.on_sent("USER mrose\r\nPASS secret\r\nSTAT\r\nDELE 1\r\nNOOP\r\nRSET\r\nQUIT\r\n");
  EXPECT_EQ(codec.pending_commands(), 7u);
  Session s;
  s.add(codec.feed(kGreeting + "+OK mrose is real\r\n+OK maildrop has 2 messages\r\n"
                   "+OK 2 320\r\n-ERR message 1 already deleted\r\n+OK\r\n-ERR\r\n"
                   "+OK dewey POP3 server signing off\r\n"));
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+OK", "+OK", "+OK", "-ERR", "+OK", "-ERR", "+OK"));
  for (const auto& r : s.replies) {
    EXPECT_FALSE(r.has_body) << r.raw;
    EXPECT_EQ(r.lines.size(), 1u) << r.raw;
    EXPECT_EQ(r.code, 0) << r.raw;
  }
  EXPECT_THAT(s.replies[6].lines, ElementsAre("-ERR"));
  EXPECT_THAT(s.findings, IsEmpty());
  EXPECT_EQ(codec.pending_commands(), 0u);
}

// RFC 2449 8: "[" response code "]" at the beginning of the text, '/' between levels.
TEST(Pop3Codec, ResponseCodes) {
  const std::map<std::string, std::string> codes = {
      {"-ERR [IN-USE] Do you have another POP session running?", "IN-USE"},
      {"-ERR [LOGIN-DELAY] wait 15 minutes", "LOGIN-DELAY"},
      {"-ERR [SYS/TEMP] try later", "SYS/TEMP"},
      {"-ERR [AUTH] bad password", "AUTH"},
      {"-ERR [SYS/PERM/DISK] a/b/c", "SYS/PERM/DISK"},
      {"+OK [SYS/TEMP] fine anyway", "SYS/TEMP"},
      {"-ERR [IN-USE]", "IN-USE"},
      {"-ERR [IN-USE", ""},              // unterminated: just text
      {"-ERR no code [IN-USE] here", ""},  // not at the start of the text
      {"-ERR  [IN-USE] two spaces", ""},
      {"-ERR", ""},
  };
  for (const auto& [line, code] : codes) {
    const Reply r = response_to("PASS x\r\n", line + "\r\n");
    EXPECT_EQ(r.response_code, code) << line;
    EXPECT_EQ(r.lines[0], line);
  }
}

// RFC 1939 5 and 7, RFC 2449 5: the commands whose +OK starts a body.
TEST(Pop3Codec, MultiLineCommandsClassified) {
  for (const std::string line : {"LIST", "list", "LIST ", "UIDL", "Uidl", "RETR 1", "retr 1",
                                 "TOP 1 10", "CAPA", "capa", "LIST\r\n", "RETR 1\n", "RETR"}) {
    EXPECT_TRUE(pop3_multiline_command(line)) << line;
  }
  for (const std::string line :
       {"LIST 1", "UIDL 1", "list 2\r\n", "STAT", "DELE 1", "NOOP", "RSET", "QUIT", "USER a",
        "PASS b", "APOP a b", "AUTH", "AUTH PLAIN", "STLS", "", "RETR1", "LISTX", "LIS",
        "X RETR"}) {
    EXPECT_FALSE(pop3_multiline_command(line)) << line;
  }
}

TEST(Pop3Codec, MultiLineResponseToEachMultiLineCommand) {
  for (const std::string command : {"LIST", "UIDL", "RETR 1", "TOP 1 10", "CAPA", "list",
                                    "retr 2", "LIST "}) {
    const Session s = run(command + "\r\nNOOP\r\n",
                          {kGreeting + "+OK here\r\nfirst line\r\nsecond line\r\n.\r\n+OK\r\n"});
    ASSERT_EQ(s.replies.size(), 3u) << command;
    const Reply& r = s.replies[1];
    EXPECT_TRUE(r.has_body) << command;
    EXPECT_EQ(r.status, "+OK");
    EXPECT_THAT(r.lines, ElementsAre("+OK here", "first line", "second line"));
    EXPECT_EQ(r.body, "first line\r\nsecond line\r\n");
    EXPECT_EQ(r.raw, "+OK here\r\nfirst line\r\nsecond line\r\n.\r\n");
    EXPECT_FALSE(s.replies[2].has_body);
    EXPECT_THAT(s.findings, IsEmpty()) << command;
  }
}

TEST(Pop3Codec, CapaResponseOfRfc2449) {
  const Reply r = response_to("CAPA\r\n",
                              "+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL CRAM-MD5 "
                              "KERBEROS_V4\r\nRESP-CODES\r\nLOGIN-DELAY 900\r\nPIPELINING\r\n"
                              "EXPIRE 60\r\nUIDL\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n.\r\n");
  EXPECT_TRUE(r.has_body);
  EXPECT_EQ(r.lines.size(), 10u);
  EXPECT_EQ(r.lines[3], "SASL CRAM-MD5 KERBEROS_V4");
}

TEST(Pop3Codec, EmptyBody) {
  const Reply r = response_to("LIST\r\n", "+OK 0 messages\r\n.\r\n");
  EXPECT_TRUE(r.has_body);
  EXPECT_EQ(r.body, "");
  EXPECT_THAT(r.lines, ElementsAre("+OK 0 messages"));
  EXPECT_EQ(r.raw, "+OK 0 messages\r\n.\r\n");
}

// LIST and UIDL with an argument, and any -ERR, answer in one line: the next line is the
// next response, not a body.
TEST(Pop3Codec, SingleLineAnswersToMultiLineKeywords) {
  const Session s = run("LIST 1\r\nUIDL 1\r\nRETR 9\r\nTOP 9 0\r\nCAPA\r\nLIST\r\nNOOP\r\n",
                        {kGreeting + "+OK 1 120\r\n+OK 1 whqtswO00WBw418f9t5JxYwZ\r\n"
                                     "-ERR no such message\r\n-ERR no such message\r\n"
                                     "-ERR [SYS/TEMP] no CAPA\r\n-ERR not now\r\n+OK\r\n"});
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+OK", "+OK", "-ERR", "-ERR", "-ERR", "-ERR", "+OK"));
  for (const auto& r : s.replies) EXPECT_FALSE(r.has_body) << r.raw;
  EXPECT_THAT(s.findings, IsEmpty());
}

// RFC 1939 3: a body line that starts with "." is sent with another "." before it; the
// client strips one. "." alone ends the response.
TEST(Pop3Codec, DotUnstuffing) {
  const Reply r = response_to("RETR 1\r\n",
                              "+OK 40 octets\r\nline\r\n..\r\n..x\r\n...\r\n.. \r\nend.\r\n.\r\n");
  EXPECT_THAT(r.lines, ElementsAre("+OK 40 octets", "line", ".", ".x", "..", ". ", "end."));
  EXPECT_EQ(r.body, "line\r\n.\r\n.x\r\n..\r\n. \r\nend.\r\n");
  EXPECT_EQ(r.raw, "+OK 40 octets\r\nline\r\n..\r\n..x\r\n...\r\n.. \r\nend.\r\n.\r\n");
  EXPECT_EQ(run("RETR 1\r\n", {kGreeting + "+OK\r\n..\r\n.\r\n"}).findings.size(), 0u);
}

TEST(Pop3Codec, UnstuffedDotIsReportedOncePerResponseAndKept) {
  const Session s = run("RETR 1\r\nRETR 2\r\n",
                        {kGreeting + "+OK\r\n.x\r\n. \r\n.y\r\n.\r\n+OK\r\n.z\r\n.\r\n"});
  ASSERT_EQ(s.replies.size(), 3u);
  EXPECT_EQ(s.replies[1].body, ".x\r\n. \r\n.y\r\n");
  EXPECT_THAT(s.replies[1].lines, ElementsAre("+OK", ".x", ". ", ".y"));
  EXPECT_EQ(s.replies[2].body, ".z\r\n");
  ASSERT_THAT(s.kinds(), ElementsAre("unstuffed-dot", "unstuffed-dot"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("\".x\""));
  EXPECT_THAT(s.findings[0].message, HasSubstr("RETR"));
}

// Only "." CRLF ends a body: a dot with anything after it is a body line.
TEST(Pop3Codec, TerminatorIsExactlyOneDot) {
  const Session s = run("RETR 1\r\n", {kGreeting + "+OK\r\n.\r\r\n.\t\r\n.\r\n"});
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[1].body, ".\r\r\n.\t\r\n");
  EXPECT_THAT(s.kinds(), ElementsAre("cr-in-line", "unstuffed-dot"));
}

TEST(Pop3Codec, PipelinedCommandsInOneSend) {
  Pop3Codec codec;
  codec.on_sent("STAT\r\nLIST\r\nRETR 1\r\nDELE 1\r\nQUIT\r\n");
  EXPECT_EQ(codec.pending_commands(), 5u);
  Session s;
  s.add(codec.feed(kGreeting + "+OK 1 5\r\n+OK\r\n1 5\r\n.\r\n"));
  EXPECT_EQ(codec.pending_commands(), 3u);
  s.add(codec.feed("+OK\r\nhello\r\n.\r\n+OK deleted\r\n+OK bye\r\n"));
  EXPECT_EQ(codec.pending_commands(), 0u);
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+OK", "+OK", "+OK", "+OK", "+OK"));
  EXPECT_EQ(s.replies[2].body, "1 5\r\n");
  EXPECT_EQ(s.replies[3].body, "hello\r\n");
  EXPECT_FALSE(s.replies[4].has_body);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(Pop3Codec, CommandSplitAcrossSends) {
  Pop3Codec codec;
  codec.feed(kGreeting);
  codec.on_sent("LI");
  EXPECT_EQ(codec.pending_commands(), 0u);
  codec.on_sent("ST");
  codec.on_sent(" 1\r");
  EXPECT_EQ(codec.pending_commands(), 0u);
  codec.on_sent("\nRE");
  EXPECT_EQ(codec.pending_commands(), 1u);
  codec.on_sent("TR 1\n");  // bare LF ends a command line too
  EXPECT_EQ(codec.pending_commands(), 2u);
  Session s;
  // LIST 1 (the whole line counts, not "LIST"): one line; RETR 1: a body.
  s.add(codec.feed("+OK 1 5\r\n+OK\r\nbody\r\n.\r\n"));
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_FALSE(s.replies[0].has_body);
  EXPECT_TRUE(s.replies[1].has_body);
  EXPECT_EQ(s.replies[1].body, "body\r\n");
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(Pop3Codec, CommandsSentWhileABodyIsArriving) {
  Pop3Codec codec;
  codec.on_sent("RETR 1\r\n");
  Session s;
  s.add(codec.feed(kGreeting + "+OK\r\npart one\r\n"));
  codec.on_sent("LIST\r\n");
  s.add(codec.feed("part two\r\n.\r\n+OK\r\n1 2\r\n.\r\n"));
  ASSERT_EQ(s.replies.size(), 3u);
  EXPECT_EQ(s.replies[1].body, "part one\r\npart two\r\n");
  EXPECT_EQ(s.replies[2].body, "1 2\r\n");
}

TEST(Pop3Codec, CommandQueueIsCapped) {
  Pop3Codec codec;
  std::string many;
  for (std::size_t i = 0; i < kPop3MaxPendingCommands + 50; ++i) many += "NOOP\r\n";
  codec.on_sent(many);
  EXPECT_EQ(codec.pending_commands(), kPop3MaxPendingCommands);
}

TEST(Pop3Codec, OverlongCommandLineIsCutButStillClassified) {
  Pop3Codec codec(CodecLimits{16, 8});
  codec.on_sent("RETR 1 " + std::string(100'000, 'x') + "\r\nLIST 1" + std::string(50, ' ') +
                "\r\n");
  EXPECT_EQ(codec.pending_commands(), 2u);
  Session s;
  s.add(codec.feed("+OK\r\n+OK\r\nbody\r\n.\r\n+OK 1 1\r\n"));
  ASSERT_EQ(s.replies.size(), 3u);
  EXPECT_TRUE(s.replies[1].has_body);
  EXPECT_FALSE(s.replies[2].has_body);
}

// RFC 5034 4: the server's challenge is "+" SP base64; the client's next line answers it
// (or "*" cancels), and the AUTH awaits its final +OK or -ERR.
TEST(Pop3Codec, AuthContinuationsAndSaslAnswers) {
  Pop3Codec codec;
  Session s;
  s.add(codec.feed(kGreeting));
  codec.on_sent("AUTH CRAM-MD5\r\n");
  s.add(codec.feed("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n"));
  EXPECT_EQ(codec.pending_commands(), 1u);
  codec.on_sent("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n");
  EXPECT_EQ(codec.pending_commands(), 1u);  // the answer is not a command
  s.add(codec.feed("+ \r\n"));             // a second, empty challenge
  codec.on_sent("\r\n");                   // and its empty answer
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("+OK Maildrop locked and ready\r\n"));
  EXPECT_EQ(codec.pending_commands(), 0u);
  codec.on_sent("LIST\r\n");  // a command again
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("+OK\r\n1 5\r\n.\r\n"));
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+", "+", "+OK", "+OK"));
  EXPECT_THAT(s.replies[1].lines,
              ElementsAre("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"));
  EXPECT_FALSE(s.replies[1].has_body);
  EXPECT_EQ(s.replies[4].body, "1 5\r\n");
  EXPECT_THAT(s.findings, IsEmpty());
  // Each response names the command it answers: the runner and the fuzzer pair by it.
  std::vector<std::string> answers;
  for (const auto& r : s.replies) answers.push_back(r.answers.value_or("(unpaired)"));
  EXPECT_THAT(answers, ElementsAre("", "AUTH", "AUTH", "AUTH", "LIST"));
}

// What the runner waits for: the greeting, then every command not yet answered.
TEST(Pop3Codec, AwaitingCountsTheGreetingAndOpenCommands) {
  Pop3Codec codec;
  EXPECT_EQ(codec.awaiting(), 1u);
  codec.on_sent("STAT\r\nRETR 1\r\n");
  EXPECT_EQ(codec.awaiting(), 3u);
  codec.feed(kGreeting + "+OK 1 5\r\n+OK\r\nhel");
  EXPECT_EQ(codec.awaiting(), 1u);  // RETR's body has begun, its end not yet
  codec.feed("lo\r\n.\r\n");
  EXPECT_EQ(codec.awaiting(), 0u);
  Pop3Codec after_stls;
  after_stls.on_tls_started();  // no second greeting inside TLS
  EXPECT_EQ(after_stls.awaiting(), 0u);
}

TEST(Pop3Codec, AuthCancelledByStar) {
  Pop3Codec codec;
  Session s;
  codec.on_sent("AUTH PLAIN\r\n");
  s.add(codec.feed(kGreeting + "+ \r\n"));
  codec.on_sent("*\r\n");
  EXPECT_EQ(codec.pending_commands(), 1u);
  s.add(codec.feed("-ERR [AUTH] cancelled\r\n"));
  EXPECT_EQ(codec.pending_commands(), 0u);
  codec.on_sent("CAPA\r\n");
  s.add(codec.feed("+OK\r\nUSER\r\n.\r\n"));
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+", "-ERR", "+OK"));
  EXPECT_EQ(s.replies[2].response_code, "AUTH");
  EXPECT_TRUE(s.replies[3].has_body);
  EXPECT_THAT(s.findings, IsEmpty());
}

// A client that sends its SASL answer (and more) without waiting for the challenge: the
// line after the AUTH is the answer, the one after that a command.
TEST(Pop3Codec, PipelinedSaslAnswerIsNotACommand) {
  Pop3Codec codec;
  codec.on_sent("AUTH PLAIN\r\nAHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\nLIST\r\n");
  EXPECT_EQ(codec.pending_commands(), 3u);  // not known to be an answer until the "+"
  Session s;
  s.add(codec.feed(kGreeting + "+ \r\n"));
  EXPECT_EQ(codec.pending_commands(), 2u);
  s.add(codec.feed("+OK\r\n+OK 1 message\r\n1 5\r\n.\r\n"));
  EXPECT_EQ(codec.pending_commands(), 0u);
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+", "+OK", "+OK"));
  EXPECT_EQ(s.replies[3].body, "1 5\r\n");
  EXPECT_THAT(s.findings, IsEmpty());
}

// The exchange ends at the AUTH's final response, even when the server ends it before the
// client answered a challenge: the client's next line is a command again.
TEST(Pop3Codec, AuthEndedByServerBeforeTheAnswer) {
  Pop3Codec codec;
  codec.on_sent("AUTH X\r\n");
  codec.feed(kGreeting + "+ \r\n-ERR gave up\r\n");
  EXPECT_EQ(codec.pending_commands(), 0u);
  codec.on_sent("LIST\r\n");
  EXPECT_EQ(codec.pending_commands(), 1u);
}

TEST(Pop3Codec, AuthWithInitialResponseNeedsNoContinuation) {
  const Session s = run("AUTH PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\nSTAT\r\n",
                        {kGreeting + "+OK Maildrop locked\r\n+OK 0 0\r\n"});
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+OK", "+OK"));
  EXPECT_THAT(s.findings, IsEmpty());
}

// "+" is a continuation only inside an AUTH exchange (RFC 1939 3 knows two indicators).
TEST(Pop3Codec, PlusOutsideAuthIsBadStatus) {
  const Session s = run("STAT\r\n", {"+ hello\r\n+ \r\n"});
  ASSERT_THAT(statuses(s), ElementsAre("", ""));
  EXPECT_THAT(s.kinds(), ElementsAre("bad-status", "bad-status"));
}

// A session through every state and every finding kind but the limits'.
const std::string kSent =
    "CAPA\r\nUSER mrose\r\nPASS x\r\nSTAT\r\nLIST\r\nLIST 2\r\nUIDL\r\nUIDL 9\r\nTOP 1 0\r\n"
    "RETR 1\r\nRETR 9\r\nAUTH PLAIN\r\ndGVzdA==\r\nDELE 1\r\nNOOP\r\nQUIT\r\n";
const std::string kServer =
    "+OK POP3 ready <1.2@x>\r\n"
    "+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL PLAIN\r\nPIPELINING\r\n.\r\n"
    "+OK mrose\r\n"
    "-ERR [IN-USE] locked\r\n"
    "+OK 2 320\r\n"
    "+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n"
    "+OK 2 200\r\n"
    "+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n"
    "-ERR no such message\r\n"
    "+OK\r\nSubject: hi\r\n\r\n.\r\n"
    "+OK 120 octets\r\nSubject: dots\r\n\r\n..\r\n..x\r\n.y\r\nbare\nnul\0\r\ncr\rx\r\n.\r\n"s
    "-ERR no such message\r\n"
    "+ \r\n"
    "+ok authenticated\r\n"
    "+OK "s + std::string(600, 'x') + "\r\n"
    "hello\r\n"
    "+OK bye\r\n"
    "+OK unsolicited\r\n"
    "-ER";

TEST(Pop3Codec, FullSessionResponsesAndFindings) {
  const Session s = run(kSent, {kServer}, true);
  ASSERT_THAT(statuses(s),
              ElementsAre("+OK", "+OK", "+OK", "-ERR", "+OK", "+OK", "+OK", "+OK", "-ERR",
                          "+OK", "+OK", "-ERR", "+", "+OK", "+OK", "", "+OK", "+OK", ""));
  std::vector<bool> bodies;
  for (const auto& r : s.replies) bodies.push_back(r.has_body);
  EXPECT_THAT(bodies, ElementsAre(false, true, false, false, false, true, false, true, false,
                                  true, true, false, false, false, false, false, false, false,
                                  false));
  EXPECT_EQ(s.replies[9].body, "Subject: hi\r\n\r\n");
  EXPECT_EQ(s.replies[10].body,
            "Subject: dots\r\n\r\n.\r\n.x\r\n.y\r\nbare\r\nnul\0\r\ncr\rx\r\n"s);
  EXPECT_THAT(s.kinds(), ElementsAre("unstuffed-dot", "bare-lf", "nul-byte", "cr-in-line",
                                     "status-case", "overlong-status", "bad-status",
                                     "unsolicited-response", "partial-at-close",
                                     "unsolicited-response"));
  EXPECT_EQ(s.replies.back().raw, "-ER");
}

TEST(Pop3Codec, EverySplitIntoTwoFeedsGivesTheSameResult) {
  const Session whole = run(kSent, {kServer}, true);
  ASSERT_EQ(whole.replies.size(), 19u);
  for (std::size_t cut = 0; cut <= kServer.size(); ++cut) {
    const Session split = run(kSent, {kServer.substr(0, cut), kServer.substr(cut)}, true);
    expect_same(whole, split, "split at " + std::to_string(cut));
  }
}

TEST(Pop3Codec, EverySplitIntoThreeFeedsOfAMultiLineResponse) {
  const std::string bytes = kGreeting + "+OK\r\n..a\r\nb\n.\r\n+OK\r\n";
  const Session whole = run("RETR 1\r\nNOOP\r\n", {bytes});
  for (std::size_t a = 0; a <= bytes.size(); ++a) {
    for (std::size_t b = a; b <= bytes.size(); ++b) {
      expect_same(whole,
                       run("RETR 1\r\nNOOP\r\n",
                           {bytes.substr(0, a), bytes.substr(a, b - a), bytes.substr(b)}),
                       "cuts " + std::to_string(a) + "," + std::to_string(b));
    }
  }
}

TEST(Pop3Codec, ByteByByteGivesTheSameResult) {
  expect_same(run(kSent, {kServer}, true), run_bytewise(kSent, kServer, true),
                   "byte by byte");
}

TEST(Pop3Codec, FindingsNameTheirSections) {
  const std::map<std::string, std::string> refs = {
      {"bare-lf", "RFC 1939 3"},
      {"cr-in-line", "RFC 1939 3"},
      {"nul-byte", "RFC 1939 3"},
      {"unstuffed-dot", "RFC 1939 3"},
      {"status-case", "RFC 1939 3"},
      {"bad-status", "RFC 1939 3"},
      {"overlong-status", "RFC 1939 3, RFC 2449 4"},
      {"unsolicited-response", "RFC 1939 3"},
      {"partial-at-close", "RFC 1939 3"},
  };
  const Session s = run(kSent, {kServer}, true);
  for (const auto& f : s.findings) {
    ASSERT_EQ(refs.count(f.kind), 1u) << f.kind;
    EXPECT_EQ(f.ref, refs.at(f.kind)) << f.kind;
    EXPECT_THAT(f.message, HasSubstr("line at byte "));
  }
}

TEST(Pop3Codec, BareLfStillEndsTheLine) {
  const Session s = run("", {"+OK hi\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_THAT(s.replies[0].lines, ElementsAre("+OK hi"));
  EXPECT_EQ(s.replies[0].raw, "+OK hi\n");
  ASSERT_THAT(s.kinds(), ElementsAre("bare-lf"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("byte 0"));
}

// A body of bare-LF lines (a server writing a Unix mbox as is) is one fault per response.
TEST(Pop3Codec, LineFindingsOncePerResponse) {
  const Session s = run("RETR 1\r\nRETR 2\r\n",
                        {kGreeting + "+OK\na\nb\0\nc\0\n.\n+OK\r\nd\n.\r\n"s});
  ASSERT_EQ(s.replies.size(), 3u);
  EXPECT_EQ(s.replies[1].body, "a\r\nb\0\r\nc\0\r\n"s);
  EXPECT_EQ(s.replies[1].raw, "+OK\na\nb\0\nc\0\n.\n"s);
  EXPECT_EQ(s.replies[2].body, "d\r\n");
  EXPECT_THAT(s.kinds(), ElementsAre("bare-lf", "nul-byte", "bare-lf"));
}

TEST(Pop3Codec, CrInLineIsDataAndReported) {
  const Session s = run("", {"+OK a\rb\rc\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0], "+OK a\rb\rc");
  EXPECT_EQ(s.replies[0].raw, "+OK a\rb\rc\r\n");
  EXPECT_THAT(s.kinds(), ElementsAre("cr-in-line"));
}

TEST(Pop3Codec, NulByteReported) {
  const Session s = run("", {"+OK a\0b\r\n"s});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0], "+OK a\0b"s);
  EXPECT_THAT(s.kinds(), ElementsAre("nul-byte"));
}

TEST(Pop3Codec, CrlfSplitAcrossFeedsIsNoFinding) {
  const Session s = run("RETR 1\r\n", {kGreeting + "+OK\r", "\nx\r", "\n.\r", "\n"});
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[1].body, "x\r\n");
  EXPECT_THAT(s.findings, IsEmpty());
}

// RFC 2449 4: the first line of a response, greeting included, is at most 512 octets with
// its CRLF. Body lines are not held to it.
TEST(Pop3Codec, StatusLineOf512OctetsIsFine513IsNot) {
  const std::string ok = "+OK " + std::string(512 - 4 - 2, 'x');
  EXPECT_THAT(run("", {ok + "\r\n"}).findings, IsEmpty());
  const Session s = run("", {ok + "y\r\n"});
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0], ok + "y");  // a finding, not a cut
  ASSERT_THAT(s.kinds(), ElementsAre("overlong-status"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("513 octets"));
}

TEST(Pop3Codec, LongBodyLinesAndChallengesAreNotOverlongStatus) {
  const std::string long_text(2000, 'x');
  const Session s = run("RETR 1\r\nAUTH GSSAPI\r\n",
                        {kGreeting + "+OK\r\n" + long_text + "\r\n.\r\n+ " + long_text +
                         "\r\n"});
  ASSERT_EQ(s.replies.size(), 3u);
  EXPECT_EQ(s.replies[1].lines[1], long_text);
  EXPECT_EQ(s.replies[2].status, "+");
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(Pop3Codec, CodecLimitCutsLinesOncePerResponse) {
  const CodecLimits limits{64, 100};
  const Session s = run("RETR 1\r\n",
                        {"+OK " + std::string(100, 'g') + "\r\n+OK\r\n" + std::string(100, 'a') +
                         "\r\n" + std::string(100, 'b') + "\r\n.\r\n"},
                        false, limits);
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[0].lines[0].size(), 64u);
  EXPECT_EQ(s.replies[0].raw.size(), 66u);
  EXPECT_EQ(s.replies[1].lines[1], std::string(64, 'a'));
  EXPECT_EQ(s.replies[1].body, std::string(64, 'a') + "\r\n" + std::string(64, 'b') + "\r\n");
  ASSERT_THAT(s.kinds(), ElementsAre("overlong-line", "overlong-line"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("codec limit of 64"));
}

TEST(Pop3Codec, EndlessLineStaysBounded) {
  Pop3Codec codec(CodecLimits{1024, 10});
  Session s;
  const std::string chunk(4096, 'a');
  for (int i = 0; i < 256; ++i) s.add(codec.feed(chunk));  // 1 MiB without a line end
  s.add(codec.feed("\r\n"));
  ASSERT_EQ(s.replies.size(), 1u);
  EXPECT_EQ(s.replies[0].lines[0].size(), 1024u);
  EXPECT_EQ(s.replies[0].raw.size(), 1026u);
  EXPECT_THAT(s.kinds(), ElementsAre("overlong-line", "bad-status", "overlong-status"));
}

TEST(Pop3Codec, UnsolicitedResponse) {
  const Session s = run("", {kGreeting + "+OK surprise\r\n-ERR [SYS/PERM] again\r\n"});
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+OK", "-ERR"));
  EXPECT_EQ(s.replies[2].response_code, "SYS/PERM");
  ASSERT_THAT(s.kinds(), ElementsAre("unsolicited-response", "unsolicited-response"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("+OK surprise"));
}

// RFC 1939 3: "Servers MUST send the "+OK" and "-ERR" in upper case." Still read as such.
TEST(Pop3Codec, StatusCaseIsReportedAndRead) {
  const Session s = run("RETR 1\r\nNOOP\r\nNOOP\r\n",
                        {"+ok hi\r\n+Ok\r\nbody\r\n.\r\n-err no\r\n-eRR [IN-USE] x\r\n"});
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "+OK", "-ERR", "-ERR"));
  EXPECT_TRUE(s.replies[1].has_body);
  EXPECT_EQ(s.replies[1].body, "body\r\n");
  EXPECT_EQ(s.replies[3].response_code, "IN-USE");
  ASSERT_THAT(s.kinds(), ElementsAre("status-case", "status-case", "status-case", "status-case"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("\"+ok\""));
}

TEST(Pop3Codec, BadStatusYieldsTheLineWithEmptyStatus) {
  for (const std::string line : {"OK", "+OKAY", "+OK\tx", "", "* OK", "220 ready", "-ERRx",
                                 " +OK", "+", "-", "ERR"}) {
    const Session s = run("", {line + "\r\n"});
    ASSERT_EQ(s.replies.size(), 1u) << line;
    EXPECT_EQ(s.replies[0].status, "") << line;
    EXPECT_EQ(s.replies[0].code, 0) << line;
    EXPECT_THAT(s.replies[0].lines, ElementsAre(line));
    EXPECT_THAT(s.kinds(), ElementsAre("bad-status")) << line;
  }
}

// A broken status line answers the command it came for, and a multi-line command gets no
// body from it: the next line is read as the next response.
TEST(Pop3Codec, BadStatusAnswersTheCommandInOneLine) {
  const Session s = run("RETR 1\r\nNOOP\r\n", {kGreeting + "OK here\r\n+OK\r\n"});
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "", "+OK"));
  EXPECT_FALSE(s.replies[1].has_body);
  EXPECT_THAT(s.kinds(), ElementsAre("bad-status"));
}

TEST(Pop3Codec, TooManyLinesKeepsTheFirstAndTheWholeBody) {
  std::string bytes = "+OK\r\n";
  std::string body;
  for (int i = 0; i < 50; ++i) body += "line " + std::to_string(i) + "\r\n";
  bytes += body + ".\r\n+OK next\r\n";
  const Session t = run("LIST\r\nNOOP\r\n", {kGreeting + bytes}, false, CodecLimits{1024, 10});
  ASSERT_EQ(t.replies.size(), 3u);
  EXPECT_EQ(t.replies[1].lines.size(), 10u);
  EXPECT_EQ(t.replies[1].lines[9], "line 8");
  EXPECT_EQ(t.replies[1].body, body);
  EXPECT_EQ(t.replies[2].lines[0], "+OK next");
  ASSERT_THAT(t.kinds(), ElementsAre("too-many-lines"));
  EXPECT_THAT(t.findings[0].message, HasSubstr("LIST"));
}

TEST(Pop3Codec, HugeBodyIsReadButNotStored) {
  const CodecLimits limits{1024, 100, 4096};
  Pop3Codec codec(limits);
  codec.on_sent("RETR 1\r\nQUIT\r\n");
  Session s;
  s.add(codec.feed(kGreeting + "+OK 1 MiB\r\n"));
  const std::string line = std::string(62, 'm') + "\r\n";  // 64 octets
  std::string chunk;
  for (int i = 0; i < 64; ++i) chunk += line;
  for (int i = 0; i < 256; ++i) s.add(codec.feed(chunk));  // 1 MiB of body
  EXPECT_TRUE(codec.in_reply());
  s.add(codec.feed(".\r\n+OK bye\r\n"));
  ASSERT_EQ(s.replies.size(), 3u);
  const Reply& r = s.replies[1];
  EXPECT_TRUE(r.has_body);
  EXPECT_EQ(r.body.size(), 4096u);
  EXPECT_EQ(r.body, std::string(chunk, 0, 4096));  // the message's first octets
  EXPECT_LE(r.raw.size(), std::string("+OK 1 MiB\r\n").size() + 4096);
  EXPECT_LE(r.lines.size(), 100u);
  std::size_t kept = 0;
  for (const auto& l : r.lines) kept += l.size();
  EXPECT_LE(kept, 4096u + 1024u);
  EXPECT_EQ(s.replies[2].lines[0], "+OK bye");  // framing held after the drop
  // Lines stop with the body: no too-many-lines for the 16 000 lines dropped.
  ASSERT_THAT(s.kinds(), ElementsAre("body-too-large"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("4096"));
  EXPECT_EQ(s.findings[0].ref, "RFC 1939 3");
}

TEST(Pop3Codec, InReplyWhileALineOrABodyIsOpen) {
  Pop3Codec codec;
  codec.on_sent("RETR 1\r\n");
  EXPECT_FALSE(codec.in_reply());
  codec.feed("+O");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("K\r");
  EXPECT_TRUE(codec.in_reply());
  codec.feed("\n");
  EXPECT_FALSE(codec.in_reply());
  codec.feed("+OK\r\n");
  EXPECT_TRUE(codec.in_reply());  // inside the body
  codec.feed("x\r\n");
  EXPECT_TRUE(codec.in_reply());
  codec.feed(".\r\n");
  EXPECT_FALSE(codec.in_reply());
}

TEST(Pop3Codec, FinishInsideABody) {
  Pop3Codec codec;
  codec.on_sent("RETR 1\r\nDELE 1\r\n");
  Session s;
  s.add(codec.feed(kGreeting + "+OK\r\nfirst\r\n..second\r\n"));
  s.add(codec.finish());
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_TRUE(s.replies[1].has_body);
  EXPECT_EQ(s.replies[1].body, "first\r\n.second\r\n");
  EXPECT_EQ(s.replies[1].raw, "+OK\r\nfirst\r\n..second\r\n");
  ASSERT_THAT(s.kinds(), ElementsAre("partial-at-close"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("multi-line response to \"RETR\""));
  EXPECT_FALSE(codec.in_reply());
  EXPECT_EQ(codec.pending_commands(), 0u);  // DELE 1 went with the connection
}

TEST(Pop3Codec, FinishInsideABodyLine) {
  const Session s = run("TOP 1 1\r\n", {kGreeting + "+OK\r\nhead\r\nha"}, true);
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[1].body, "head\r\nha\r\n");
  EXPECT_EQ(s.replies[1].raw, "+OK\r\nhead\r\nha");
  ASSERT_THAT(s.kinds(), ElementsAre("partial-at-close"));
  EXPECT_THAT(s.findings[0].message, HasSubstr("inside a line"));
}

TEST(Pop3Codec, FinishInsideAStatusLine) {
  const Session s = run("QUIT\r\n", {kGreeting + "+OK bye\r"}, true);
  ASSERT_EQ(s.replies.size(), 2u);
  EXPECT_EQ(s.replies[1].status, "+OK");
  EXPECT_EQ(s.replies[1].raw, "+OK bye\r");  // the lone CR is kept
  EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close"));
}

TEST(Pop3Codec, FinishWithAStatusPrefixIsOnlyPartial) {
  for (const std::string cut : {"+", "+O", "+OK", "-", "-E", "-ER", "-ERR", "+o"}) {
    const Session s = run("", {cut}, true);
    ASSERT_EQ(s.replies.size(), 1u) << cut;
    EXPECT_THAT(s.kinds(), ElementsAre("partial-at-close")) << cut;
  }
  EXPECT_THAT(run("", {"+X"}, true).kinds(), ElementsAre("partial-at-close", "bad-status"));
}

TEST(Pop3Codec, FinishResetsForANewConnection) {
  Pop3Codec codec;
  codec.on_sent("RETR 1\r\nLIST\r\nUSER half");
  codec.feed(kGreeting + "+OK\r\nx\r\n");
  codec.finish();
  EXPECT_FALSE(codec.in_reply());
  EXPECT_EQ(codec.pending_commands(), 0u);
  const CodecOutput idle = codec.finish();
  EXPECT_THAT(idle.replies, IsEmpty());
  EXPECT_THAT(idle.findings, IsEmpty());
  // The new connection's first response is a greeting, not an unsolicited response, and
  // the old partial command line is gone: " x" below is not the end of "USER half".
  codec.on_sent(" x\r\nLIST\r\n");
  Session s;
  s.add(codec.feed("+OK again\r\n-ERR what\r\n+OK\r\n1 2\r\n.\r\n"));
  ASSERT_THAT(statuses(s), ElementsAre("+OK", "-ERR", "+OK"));
  EXPECT_TRUE(s.replies[2].has_body);
  EXPECT_THAT(s.findings, IsEmpty());
}

TEST(Pop3Codec, RandomBytesNeverBreakTheBounds) {
  const CodecLimits limits{64, 8, 256};
  const std::vector<std::string> commands = {"RETR 1\r\n", "LIST\r\n", "CAPA\r\n",
                                             "AUTH X\r\n", "NOOP\r\n", "UIDL\r\n",
                                             "LIST 1\r\n", "*\r\n"};
  expect_random_sessions_bounded<Pop3Codec>(
      1939, "+OK-ERR .\r\n\0[]x"s, commands, limits,
      [&](const Reply& r) { ASSERT_LE(r.body.size(), limits.max_body); });
}

}  // namespace
}  // namespace rfcheck::proto
