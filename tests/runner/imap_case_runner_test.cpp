// The case runner on IMAP: commands tagged by the harness, exchanges (untagged responses in
// any order, then the tagged completion) with untagged/forbid/count/response_code checks,
// literals the client sends after the server's go-ahead, FETCH data against maildrop
// messages, and the oracle's EXPUNGE rule. The server is a script (script_network.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "case_fixture.h"
#include "script_network.h"

namespace rfcheck {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using script::say;

constexpr const char* kProtocol = R"(protocol: imap
variables: [user, password]
maildrop:
  plain: {file: one.eml}
fixtures:
  greeting:
    - expect: {status: OK}
)";
constexpr const char* kPlain = "Subject: one\n\nfirst\nsecond\n";
constexpr const char* kPlainCrlf = "Subject: one\r\n\r\nfirst\r\nsecond\r\n";
constexpr const char* kGreeting = "* OK IMAP4rev1 ready\r\n";

class ImapCaseRunnerTest : public ScriptedCaseTest {
 protected:
  void SetUp() override {
    set_up("imap", kProtocol, "RFC 1730 6.3.1");
    write("one.eml", kPlain);
    env_.port = 1143;
    env_.variables = {{"user", "alice"}, {"password", "tanstaaf"}, {"maildrop.mailbox", "INBOX"}};
  }
};

const char* kSelectReply =
    "* 3 EXISTS\r\n* FLAGS (\\Seen \\Deleted)\r\n* OK [UIDVALIDITY 77] ok\r\n* 0 RECENT\r\n"
    "a001 OK [READ-WRITE] done\r\n";

TEST_F(ImapCaseRunnerTest, TagsTheCommandAndMatchesUntaggedInAnyOrder) {
  const Case& c = load(
      "      - expect: {status: OK}\n"
      "      - send: \"SELECT {maildrop.mailbox}\"\n"
      "      - expect:\n"
      "          status: OK\n"
      "          untagged: ['^\\* 0 RECENT$', '^\\* FLAGS ', {match: '^\\* \\d+ EXISTS$', count: 1}]\n"
      "          response_code: READ-WRITE\n"
      "          capture: {uv: '\\[UIDVALIDITY (\\d+)\\]'}\n"
      "      - send: NOOP\n"
      "      - expect: {status: OK, text: 'uidvalidity {uv}'}\n");
  auto r = run(c, {{say(kGreeting), {say(kSelectReply), say("* OK uidvalidity 77\r\na002 OK\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ElementsAre("a001 SELECT INBOX\r\n", "a002 NOOP\r\n"));
}

TEST_F(ImapCaseRunnerTest, MissingUntaggedFails) {
  const Case& c = load(
      "      - expect: {status: OK}\n"
      "      - send: SELECT INBOX\n"
      "      - expect: {status: OK, untagged: ['^\\* \\d+ EXPUNGE']}\n");
  auto r = run(c, {{say(kGreeting), {say(kSelectReply)}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("no untagged response matches"));
  EXPECT_THAT(r.actual, HasSubstr("a001 OK [READ-WRITE] done"));
}

TEST_F(ImapCaseRunnerTest, CountForbidAndResponseCodeFailWhenBroken) {
  const char* reply = "* 1 FETCH (FLAGS ())\r\n* 1 FETCH (FLAGS ())\r\n* 2 EXPUNGE\r\na001 NO no\r\n";
  for (const char* expect :
       {"{status: NO, untagged: [{match: '^\\* 1 FETCH', count: 1}]}",
        "{status: NO, forbid: ['EXPUNGE$']}", "{status: NO, response_code: TRYCREATE}"}) {
    const Case& c = load(std::string("      - expect: {status: OK}\n      - send: FETCH 1 FLAGS\n") +
                         "      - expect: " + expect + "\n");
    auto r = run(c, {{say(kGreeting), {say(reply)}}});
    EXPECT_EQ(r.verdict, Verdict::kFail) << expect << "\n" << describe(r);
  }
  const Case& c = load(
      "      - expect: {status: OK}\n      - send: COPY 1 nosuch\n"
      "      - expect: {status: NO, response_code: [trycreate], untagged: [{match: x, count: 0}]}\n");
  auto r = run(c, {{say(kGreeting), {say("a001 NO [TRYCREATE] no such mailbox\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
}

TEST_F(ImapCaseRunnerTest, LiteralWaitsForTheGoAhead) {
  const Case& c = load(
      "      - expect: {status: OK}\n"
      "      - send: [\"LOGIN \", {literal: \"{user}\"}, \" \", {literal: \"{password}\"}]\n"
      "      - expect: {status: OK}\n");
  auto r = run(c, {{say(kGreeting), {say("+ go\r\n"), say("+ go\r\n"), say("a001 OK in\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ElementsAre("a001 LOGIN {5}\r\n", "alice {8}\r\n", "tanstaaf\r\n"));
}

TEST_F(ImapCaseRunnerTest, RefusedLiteralIsNotSentAndTheAnswerIsExpected) {
  const Case& c = load(
      "      - expect: {status: OK}\n"
      "      - send: [\"APPEND nosuch \", {message: plain}]\n"
      "      - expect: {status: NO, response_code: TRYCREATE}\n");
  auto r = run(c, {{say(kGreeting), {say("a001 NO [TRYCREATE] no mailbox\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ElementsAre("a001 APPEND nosuch {" + std::to_string(std::string(kPlainCrlf).size()) +
                                   "}\r\n"));
}

TEST_F(ImapCaseRunnerTest, NoGoAheadAndNoAnswerFails) {
  const Case& c = load(
      "      - expect: {status: OK}\n"
      "      - send: [\"LOGIN \", {literal: \"{user}\"}, \" x\"]\n");
  auto r = run(c, {{say(kGreeting), {script::silence()}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("neither asked for the literal"));
}

TEST_F(ImapCaseRunnerTest, NonSynchronizingLiteralGoesAtOnce) {
  const Case& c = load(
      "      - expect: {status: OK}\n"
      "      - send: [\"LOGIN \", {literal: \"{user}\", plus: true}, \" x\"]\n"
      "      - expect: {status: OK}\n");
  auto r = run(c, {{say(kGreeting), {say("a001 OK in\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(network_->log().written, ElementsAre("a001 LOGIN {5+}\r\n", "alice x\r\n"));
}

TEST_F(ImapCaseRunnerTest, FetchedStringsAgainstTheMaildropMessage) {
  const std::string whole = kPlainCrlf;
  const std::string fetch = "* 1 FETCH (RFC822 {" + std::to_string(whole.size()) + "}\r\n" + whole +
                            " RFC822.HEADER \"Subject: one\\r\\n\" BODY[TEXT]<2> {4}\r\nrst\r)\r\n"
                            "a001 OK done\r\n";
  for (const char* body : {"{message: plain}", "{message: plain, part: text, partial: [2, 4]}"}) {
    const Case& c = load(std::string("      - expect: {status: OK}\n      - send: FETCH 1 ALL\n") +
                         "      - expect: {status: OK, body: " + body + "}\n");
    auto r = run(c, {{say(kGreeting), {say(fetch)}}});
    EXPECT_EQ(r.verdict, Verdict::kPass) << body << "\n" << describe(r);
  }
  const Case& c = load(
      "      - expect: {status: OK}\n      - send: FETCH 1 RFC822.HEADER\n"
      "      - expect: {status: OK, body: {message: plain, part: header}}\n");
  auto r = run(c, {{say(kGreeting), {say(fetch)}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);  // "Subject: one\r\n\r\n" is not there
  EXPECT_THAT(r.reason, HasSubstr("no string of the response"));
}

TEST_F(ImapCaseRunnerTest, ExpungeWhileAnsweringFetchIsAFinding) {
  const Case& c = load(
      "      - expect: {status: OK}\n      - send: FETCH 1 FLAGS\n      - expect: {status: OK}\n");
  auto r = run(c, {{say(kGreeting), {say("* 2 EXPUNGE\r\n* 1 FETCH (FLAGS ())\r\na001 OK\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("EXPUNGE arrived while the server was answering FETCH"));
  EXPECT_THAT(r.reason, HasSubstr("RFC 1730 7.3.3"));
}

TEST_F(ImapCaseRunnerTest, CloseBeforeTheCompletionShowsWhatArrived) {
  const Case& c = load("      - expect: {status: OK}\n      - send: LOGOUT\n      - expect: {status: OK}\n");
  auto r = run(c, {{say(kGreeting), {script::hang_up("* BYE bye\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.actual, HasSubstr("* BYE bye"));
  EXPECT_THAT(r.actual, HasSubstr("connection closed"));
}

// The scripted stream cannot do TLS, so every handshake here fails.
TEST_F(ImapCaseRunnerTest, FailedHandshakeEndsTheCaseOnlyWithOrFailed) {
  for (const bool or_failed : {true, false}) {
    const Case& c = load(std::string("      - expect: {status: OK}\n      - send: STARTTLS\n"
                                     "      - expect: {status: OK}\n") +
                         (or_failed ? "      - tls: {start: true, or_failed: true}\n"
                                    : "      - tls: start\n") +
                         "      - send: NOOP\n      - expect: {status: OK}\n");
    auto r = run(c, {{say(kGreeting), {say("a001 OK go\r\n")}}});
    EXPECT_EQ(r.verdict, or_failed ? Verdict::kPass : Verdict::kFail) << describe(r);
    EXPECT_THAT(lines(), ElementsAre("a001 STARTTLS\r\n"));  // NOOP never sent
  }
}

}  // namespace
}  // namespace rfcheck
