// The case runner's verdicts, with no real server: the network is a script (script_network.h)
// and the cases are YAML read by the real loader, or built in code.
#include "protocols/registry.h"
#include "runner/case_runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "case_fixture.h"
#include "script_network.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using script::hang_up;
using script::Script;
using script::say;
using script::silence;
using script::split;

constexpr const char* kProtocol = R"(protocol: ftp
variables: [user, password, policy.unset]
fixtures:
  greeting:
    - expect: {code: 220}
)";

class CaseRunnerTest : public ScriptedCaseTest {
 protected:
  void SetUp() override { set_up("ftp", kProtocol, "RFC 959 4.1.1"); }
};

constexpr const char* kNoop =
    "      - expect: {code: 220}\n"
    "      - send: NOOP\n"
    "      - expect: {code: 200}\n";

// --- pass and plain failures ---------------------------------------------------------------

TEST_F(CaseRunnerTest, PassCopiesTheCaseIntoTheResult) {
  const Case& c = load(kNoop);
  auto r = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_EQ(r.id, "ftp.test.case");
  EXPECT_EQ(r.ref, "RFC 959 4.1.1");
  EXPECT_EQ(r.suite, "t");
  EXPECT_EQ(r.failed_step, 0);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_THAT(lines(), ::testing::ElementsAre("NOOP\r\n"));
  EXPECT_EQ(network_->log().closes, 1);  // the harness closes what it opened
  ASSERT_GE(r.transcript.size(), 4u);
  EXPECT_EQ(r.transcript[1].kind, TranscriptEntry::Kind::kReceived);
  EXPECT_EQ(r.transcript[1].text, "220 ready");
  EXPECT_EQ(r.transcript[2].kind, TranscriptEntry::Kind::kSent);
  EXPECT_EQ(r.transcript[2].text, "NOOP");
}

// A fixture is the case's set-up: when it fails, the case's requirement was not reached, so
// the case ends in error naming the fixture, not as a failure of its requirement.
TEST_F(CaseRunnerTest, AFailedFixtureIsASetUpErrorNotAFailure) {
  const Case& c = load("      - send: NOOP\n      - expect: {code: 200}\n", "    uses: [greeting]\n");
  auto r = run(c, {{say("421 too busy\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kError) << describe(r);
  EXPECT_THAT(r.reason, StartsWith("set-up failed (fixture 'greeting', step 1): "));
  EXPECT_THAT(r.reason, HasSubstr("the case's own requirement was not tested"));
  EXPECT_EQ(r.failed_step, 1);

  // The case's own step failing is a failure, as before.
  auto own = run(c, {{say("220 ready\r\n"), {say("500 what\r\n")}}});
  EXPECT_EQ(own.verdict, Verdict::kFail) << describe(own);
  EXPECT_EQ(own.failed_step, 3);  // greeting, NOOP, its expect
}

// A case made only of a fixture checks the fixture itself: its failure is the case's.
TEST_F(CaseRunnerTest, ACaseOfFixturesAloneFailsOnThem) {
  const Case& c = load("      []\n", "    uses: [greeting]\n");
  auto r = run(c, {{say("421 too busy\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
}

TEST_F(CaseRunnerTest, RepliesSplitAcrossReadsAndMultiline) {
  const Case& c = load(
      "      - expect: {code: 220, text: 'second line'}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n");
  auto r = run(c, {{split({"22", "0-welc", "ome\r\n second line\r", "\n220 ", "done\r\n"}),
                    {split({"2", "0", "0 ", "ok\r", "\n"})}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_TRUE(r.findings.empty()) << describe(r);
}

TEST_F(CaseRunnerTest, PipelinedRepliesInOneRead) {
  const Case& c = load(kNoop);
  auto r = run(c, {{say("220 ready\r\n200 ok\r\n"), {}}});
  // The 200 arrived before NOOP was sent, which the oracle cannot tell apart from a reply.
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
}

TEST_F(CaseRunnerTest, WrongCodeFailsWithExpectedAndActual) {
  const Case& c = load(kNoop);
  auto r = run(c, {{say("220 ready\r\n"), {say("500 what?\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "unexpected reply code 500");
  EXPECT_EQ(r.expected, "reply 200");
  EXPECT_EQ(r.actual, "500 what?");
  EXPECT_EQ(r.failed_step, 3);
  EXPECT_EQ(r.failed_where.line, 13);
  EXPECT_TRUE(r.findings.empty()) << describe(r);  // 500 is a legal reply to NOOP
}

TEST_F(CaseRunnerTest, ExpectedCodeListIsShown) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: [200, \"5xx\"], or_closed: true}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("421 bye\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.expected, "reply [200, 5xx] or the connection closed");
  EXPECT_EQ(r.actual, "421 bye");
}

TEST_F(CaseRunnerTest, NoReplyFailsAfterTheStepTimeout) {
  const Case& c = load(kNoop);
  const auto start = std::chrono::steady_clock::now();
  auto r = run(c, {{say("220 ready\r\n"), {silence()}}});
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "no reply within 100ms");
  EXPECT_EQ(r.actual, "no reply");
  EXPECT_EQ(r.failed_step, 3);
  EXPECT_GE(took, 100ms);
  EXPECT_LT(took, 3s);
}

TEST_F(CaseRunnerTest, ATimeOutInsideAnUnfinishedReplySaysAReplyWasStillArriving) {
  // A multi-line reply whose last line never comes is not silence (hostile_server's 10 GB
  // replies): the verdict must not read like one.
  const Case& c = load(kNoop);
  auto r = run(c, {{say("220 ready\r\n"), {say("200-first line\r\n more\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("no complete reply within 100ms (a reply was still arriving"));
  EXPECT_EQ(r.actual, "unfinished reply");
}

TEST_F(CaseRunnerTest, StepTimeoutOverridesTheDefault) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n"
      "        timeout: 250ms\n");
  const auto start = std::chrono::steady_clock::now();
  auto r = run(c, {{say("220 ready\r\n"), {silence()}}});
  EXPECT_EQ(r.reason, "no reply within 250ms") << describe(r);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
}

TEST_F(CaseRunnerTest, NoGreetingAtAll) {
  const Case& c = load(kNoop);
  auto r = run(c, {{silence(), {}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.failed_step, 1);
  EXPECT_THAT(r.reason, HasSubstr("no reply within"));
}

TEST_F(CaseRunnerTest, ConnectionRefusedIsAnError) {
  const Case& c = load(kNoop);
  auto r = run(c, {});
  EXPECT_EQ(r.verdict, Verdict::kError) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("cannot connect to 127.0.0.1:2121"));
  EXPECT_THAT(r.reason, HasSubstr("connection refused"));
}

// --- inconclusive ---------------------------------------------------------------------------

TEST_F(CaseRunnerTest, UnsupportedIsInconclusive) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: FEAT\n"
      "      - expect: {code: 211, unsupported: [500, 502]}\n"
      "      - send: NOOP\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("502 not here\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kInconclusive) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("the server answered 502, which the case lists as not offering"));
  EXPECT_EQ(r.failed_step, 3);
  EXPECT_THAT(lines(), ::testing::ElementsAre("FEAT\r\n"));  // the case ends at once
}

TEST_F(CaseRunnerTest, MissingVariableIsInconclusiveNamingIt) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: \"USER {user}\"\n");
  auto r = run(c, {{say("220 ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kInconclusive) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("{user}"));
  EXPECT_EQ(r.failed_step, 2);
  EXPECT_TRUE(lines().empty());
}

TEST_F(CaseRunnerTest, ProvidedVariablesAreExpanded) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: \"USER {user}\"\n"
      "      - expect: {code: 331}\n"
      "      - send: \"PASS {password}\"\n"
      "      - expect: {code: 230}\n"
      "      - send: \"STOR f-{uniq}\"\n");
  env_.variables = {{"user", "alice"}, {"password", "s3cret"}};
  auto r = run(c, {{say("220 ready\r\n"), {say("331 pw\r\n"), say("230 in\r\n"), silence()}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  ASSERT_EQ(lines().size(), 3u);
  EXPECT_EQ(lines()[0], "USER alice\r\n");
  EXPECT_EQ(lines()[1], "PASS s3cret\r\n");
  EXPECT_THAT(lines()[2], ::testing::MatchesRegex("STOR f-[A-Za-z0-9]+\r\n"));
}

// --- protocol.yaml defaults ------------------------------------------------------------------

// A protocol.yaml whose variables have defaults (docs/spec-format.md, Defaults).
constexpr const char* kProtocolWithDefaults = R"(protocol: ftp
variables:
  - user
  - {name: acct, default: "rfcheck@[127.0.0.1]"}
  - {name: policy.declared, default: "yes"}
)";

class CaseRunnerDefaultsTest : public ScriptedCaseTest {
 protected:
  void SetUp() override { set_up("ftp", kProtocolWithDefaults, "RFC 959 4.1.1"); }
};

constexpr const char* kAcct =
    "      - expect: {code: 220}\n"
    "      - send: \"ACCT {acct}\"\n"
    "      - expect: {code: 230}\n";

TEST_F(CaseRunnerDefaultsTest, DefaultIsUsedWhenTheTargetGivesNoValue) {
  const Case& c = load(kAcct);
  auto r = run(c, {{say("220 ready\r\n"), {say("230 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ::testing::ElementsAre("ACCT rfcheck@[127.0.0.1]\r\n"));
}

TEST_F(CaseRunnerDefaultsTest, TheTargetsValueWinsOverTheDefault) {
  const Case& c = load(kAcct);
  env_.variables["acct"] = "billing";  // profile vars or --var
  auto r = run(c, {{say("220 ready\r\n"), {say("230 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ::testing::ElementsAre("ACCT billing\r\n"));
}

TEST_F(CaseRunnerDefaultsTest, VariablesWithoutADefaultAreStillMissing) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: \"USER {user}\"\n");
  auto r = run(c, {{say("220 ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kInconclusive) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("{user}"));
}

TEST_F(CaseRunnerDefaultsTest, APolicyDefaultDeclaresItUnlessTheTargetSaysOtherwise) {
  const Case& c = load(kAcct, "    requires: [policy.declared]\n");
  auto declared = run(c, {{say("220 ready\r\n"), {say("230 ok\r\n")}}});
  EXPECT_EQ(declared.verdict, Verdict::kPass) << describe(declared);
  env_.variables["policy.declared"] = "no";
  auto refused = run(c, {{say("220 ready\r\n"), {say("230 ok\r\n")}}});
  EXPECT_EQ(refused.verdict, Verdict::kSkip) << describe(refused);
  // Said "no" is not "not said": the reason tells them apart.
  EXPECT_EQ(refused.reason, "the target's policy.declared is 'no': the case checks a server that has it");
}

TEST_F(CaseRunnerTest, AnUndeclaredPolicySaysHowToDeclareIt) {
  const Case& c = load(kNoop, "    requires: [policy.unset]\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kSkip) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("does not declare policy.unset"));
  EXPECT_THAT(r.reason, HasSubstr("--var policy.unset=yes"));
}

// --- closed connections ---------------------------------------------------------------------

TEST_F(CaseRunnerTest, ServerClosesInsteadOfReplying) {
  const Case& c = load(kNoop);
  auto r = run(c, {{say("220 ready\r\n"), {hang_up()}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "the server closed the connection instead of replying");
  EXPECT_EQ(r.actual, "connection closed");
  EXPECT_EQ(r.failed_step, 3);
}

TEST_F(CaseRunnerTest, SendingAfterTheServerClosed) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n");
  auto r = run(c, {{say("220 ready\r\n"), {hang_up("200 ok\r\n")}}});
  // The send itself is not judged (whether it fails depends on timing); the expect after
  // it sees the close.
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("closed the connection instead of replying"));
  EXPECT_EQ(r.failed_step, 5);
}

TEST_F(CaseRunnerTest, ExpectClosedPasses) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: QUIT\n"
      "      - expect: {code: 221}\n"
      "      - expect: closed\n");
  auto r = run(c, {{say("220 ready\r\n"), {hang_up("221 bye\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_EQ(network_->log().closes, 0);  // nothing left to close
}

TEST_F(CaseRunnerTest, ExpectClosedFailsOnAReply) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: QUIT\n"
      "      - expect: closed\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("221 bye\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("a reply arrived"));
  EXPECT_EQ(r.actual, "221 bye");
}

TEST_F(CaseRunnerTest, ExpectClosedFailsWhenTheServerStaysOpen) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - expect: closed\n");
  auto r = run(c, {{say("220 ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "the server did not close the connection within 100ms");
  EXPECT_EQ(r.actual, "still open after 100ms");
}

TEST_F(CaseRunnerTest, OrClosedAcceptsACloseOrTheReply) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 421, or_closed: true}\n");
  auto closed = run(c, {{say("220 ready\r\n"), {hang_up()}}});
  EXPECT_EQ(closed.verdict, Verdict::kPass) << describe(closed);
  auto replied = run(c, {{say("220 ready\r\n"), {hang_up("421 going away\r\n")}}});
  EXPECT_EQ(replied.verdict, Verdict::kPass) << describe(replied);
  auto silent = run(c, {{say("220 ready\r\n"), {silence()}}});
  EXPECT_EQ(silent.verdict, Verdict::kFail) << describe(silent);
  EXPECT_THAT(silent.reason, HasSubstr("no reply within"));
}

TEST_F(CaseRunnerTest, ExpectSilent) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send_raw: \"NOO\"\n"
      "      - expect: silent\n"
      "      - send_raw: \"P\\r\\n\"\n"
      "      - expect: {code: 200}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ::testing::ElementsAre("NOOP\r\n"));
}

TEST_F(CaseRunnerTest, ExpectSilentFailsOnAReplyOrAClose) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: silent\n");
  auto replied = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n")}}});
  EXPECT_EQ(replied.verdict, Verdict::kFail) << describe(replied);
  EXPECT_THAT(replied.reason, HasSubstr("replied where it should have waited"));
  EXPECT_EQ(replied.actual, "200 ok");
  auto closed = run(c, {{say("220 ready\r\n"), {hang_up()}}});
  EXPECT_EQ(closed.verdict, Verdict::kFail) << describe(closed);
  EXPECT_THAT(closed.reason, HasSubstr("closed the connection where it should have waited"));
}

// --- text, captures, conditions -------------------------------------------------------------

TEST_F(CaseRunnerTest, TextRegexIsCaseInsensitive) {
  const Case& c = load(
      "      - expect: {code: 220, text: 'READY\\s+for'}\n");
  auto r = run(c, {{say("220 Ready  for you\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
}

TEST_F(CaseRunnerTest, TextMismatchFails) {
  const Case& c = load("      - expect: {code: 220, text: '^220 FTP'}\n");
  auto r = run(c, {{say("220 ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "the reply text does not match");
  EXPECT_EQ(r.expected, "reply 220 matching /^220 FTP/");
  EXPECT_EQ(r.actual, "220 ready");
}

TEST_F(CaseRunnerTest, CaptureIsUsedInLaterSteps) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: PWD\n"
      "      - expect: {code: 257, capture: {cwd: '\"([^\"]*)\"'}}\n"
      "      - send: \"CWD {cwd}\"\n"
      "      - expect: {code: 250, text: 'now in {cwd}\\.$'}\n");
  // The captured value holds regex metacharacters: it must be matched literally.
  auto r = run(c, {{say("220 ready\r\n"),
                    {say("257 \"/home/a+b (1)\" is cwd\r\n"), say("250 Now in /home/a+b (1).\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  ASSERT_EQ(lines().size(), 2u);
  EXPECT_EQ(lines()[1], "CWD /home/a+b (1)\r\n");
  bool noted = false;
  for (const auto& t : r.transcript) {
    noted |= t.kind == TranscriptEntry::Kind::kNote && t.text == "captured {cwd} = /home/a+b (1)";
  }
  EXPECT_TRUE(noted) << describe(r);
}

TEST_F(CaseRunnerTest, CapturedValueIsLiteralInALaterRegex) {
  const Case& c = load(
      "      - expect: {code: 220, capture: {v: '(a.c)'}}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200, text: '{v}'}\n");
  // "a.c" was captured; "abc" must not match it as a regex would.
  auto r = run(c, {{say("220 a.c\r\n"), {say("200 abc\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "the reply text does not match");
}

TEST_F(CaseRunnerTest, FailedCaptureFails) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: PWD\n"
      "      - expect: {code: 257, capture: {cwd: '\"([^\"]*)\"'}}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("257 no quotes here\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "nothing to capture into {cwd}");
  EXPECT_EQ(r.actual, "257 no quotes here");
}

TEST_F(CaseRunnerTest, CaptureRegexWithLiteralBraces) {
  // docs/spec-format.md: "In a regex, write {{ and }} for literal braces (\d{{3}})". The
  // loader checks capture regexes with the braces unescaped, so the runner must too.
  const Case& c = load(
      "      - expect: {code: 220, capture: {num: 'version (\\d{{3}})'}}\n"
      "      - send: \"SITE {num}\"\n");
  auto r = run(c, {{say("220 version 123\r\n"), {}}});
  if (r.verdict != Verdict::kPass || lines() != std::vector<std::string>{"SITE 123\r\n"}) {
    FAIL() << "capture regexes are not template-expanded at run time: " << describe(r);
  }
  EXPECT_EQ(r.verdict, Verdict::kPass);
}

TEST_F(CaseRunnerTest, IfLastSkipsOrRunsSteps) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: \"USER u\"\n"
      "      - expect: {code: [230, 331]}\n"
      "      - send: \"PASS p\"\n"
      "        if: {last: 331}\n"
      "      - expect: {code: [202, 230]}\n"
      "        if: {last: 331}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n");
  auto direct = run(c, {{say("220 ready\r\n"), {say("230 in\r\n"), say("200 ok\r\n")}}});
  EXPECT_EQ(direct.verdict, Verdict::kPass) << describe(direct);
  EXPECT_THAT(lines(), ::testing::ElementsAre("USER u\r\n", "NOOP\r\n"));

  auto with_password = run(c, {{say("220 ready\r\n"),
                                {say("331 pw\r\n"), say("230 in\r\n"), say("200 ok\r\n")}}});
  EXPECT_EQ(with_password.verdict, Verdict::kPass) << describe(with_password);
  EXPECT_THAT(lines(), ::testing::ElementsAre("USER u\r\n", "PASS p\r\n", "NOOP\r\n"));
}

TEST_F(CaseRunnerTest, IfLastWithoutAnyReplySkips) {
  const Case& c = load(
      "      - send: NOOP\n"
      "        if: {last: \"2xx\"}\n"
      "      - expect: {code: 220}\n");
  auto r = run(c, {{say("220 ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_TRUE(lines().empty());
}

// --- several connections --------------------------------------------------------------------

TEST_F(CaseRunnerTest, SecondConnection) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - connect: other\n"
      "      - expect: {code: 220, text: second}\n"
      "        connection: other\n"
      "      - send: NOOP\n"
      "        connection: other\n"
      "      - expect: {code: 200}\n"
      "        connection: other\n"
      "      - disconnect: other\n");
  auto r = run(c, {{say("220 first\r\n"), {}}, {say("220 second\r\n"), {say("200 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_EQ(network_->log().connects, 2);
  EXPECT_EQ(network_->log().closes, 2);
}

TEST_F(CaseRunnerTest, UnknownConnectionIsAnError) {
  const Case& c = load(
      "      - send: NOOP\n"
      "        connection: ghost\n");
  auto r = run(c, {{say("220 first\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kError) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("no connection named 'ghost'"));
}

TEST_F(CaseRunnerTest, DataListenWithoutANetworkListenerIsAnError) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - data: {listen: port}\n");
  auto r = run(c, {{say("220 ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kError) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("cannot listen"));
}

TEST_F(CaseRunnerTest, DataConnectNeedsA227) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - data: {connect: pasv}\n");
  auto r = run(c, {{say("220 ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("no 227 reply"));
  EXPECT_EQ(r.actual, "220 ready");
}

// --- ABOR's special action and a transfer read in the background --------------------------

TEST_F(CaseRunnerTest, SendSynchPutsTelnetIpAndSynchBeforeTheCommand) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send_synch: ABOR\n"
      "      - expect: {code: 225}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("225 no transfer\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  // IAC IP IAC as urgent data, then DM and the command in the normal stream.
  EXPECT_THAT(network_->log().urgent, ::testing::ElementsAre(std::string("\xff\xf4\xff")));
  EXPECT_THAT(lines(), ::testing::ElementsAre(std::string("\xff\xf4\xff\xf2" "ABOR\r\n")));
}

TEST_F(CaseRunnerTest, TheOracleJudgesASynchedCommandByItsVerb) {
  // 200 is not among ABOR's replies (RFC 959 5.4): the oracle saw ABOR, not the signals.
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send_synch: ABOR\n"
      "      - expect: {code: 200}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("200 what\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  ASSERT_EQ(r.findings.size(), 1u) << describe(r);
  EXPECT_EQ(r.findings[0].kind, "reply-table");
  EXPECT_THAT(r.findings[0].message, HasSubstr("ABOR"));
}

namespace {
// RETR then ABOR on a passive data connection whose server side sends `data` and closes.
constexpr const char* kAbortedRetr =
    "      - expect: {code: 220}\n"
    "      - send: PASV\n"
    "      - expect: {code: 227}\n"
    "      - data: {connect: pasv}\n"
    "      - send: RETR f\n"
    "      - expect: {code: 150}\n"
    "      - send_synch: ABOR\n"
    "      - data: {receive: background}\n"
    "      - expect: {code: 426}\n"
    "      - expect: {code: 226}\n";
std::vector<script::Script> aborted_retr_server(const std::string& data) {
  return {{say("220 ready\r\n"),
           {say("227 Entering Passive Mode (127,0,0,1,8,1)\r\n"), say("150 sending\r\n"),
            say("426 aborted\r\n226 abort done\r\n")}},
          {hang_up(data), {}}};
}
}  // namespace

TEST_F(CaseRunnerTest, ABackgroundReceiveIsCollectedAndCheckedByTheNextReceive) {
  const Case& c = load(std::string(kAbortedRetr) + "      - data: {receive: all, size: '5'}\n");
  auto r = run(c, aborted_retr_server("12345"));
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
}

TEST_F(CaseRunnerTest, WhatABackgroundReceiveGotFailsTheChecks) {
  const Case& c = load(std::string(kAbortedRetr) + "      - data: {receive: all, size: '6'}\n");
  auto r = run(c, aborted_retr_server("12345"));
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("wrong size"));
  EXPECT_EQ(r.actual, "5 bytes");
}

TEST_F(CaseRunnerTest, ABackgroundReceiveNeverCollectedEndsWithTheCase) {
  // The server never closes and no step collects: the case's end stops the reading thread
  // before the connection goes (a use after free under the sanitizers otherwise).
  const Case& c = load(kAbortedRetr);
  auto scripts = aborted_retr_server("12345");
  scripts[1] = {say("12345"), {}};
  auto r = run(c, scripts);
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
}

// --- values from the data connection, match, clean-up ------------------------------------------

namespace {
// NLST on a passive data connection whose server side sends `listing`, then DELE of the name
// captured from it.
constexpr const char* kListedName =
    "      - expect: {code: 220}\n"
    "      - send: PASV\n"
    "      - expect: {code: 227}\n"
    "      - data: {connect: pasv}\n"
    "      - send: NLST\n"
    "      - expect: {code: 150, capture: {started: '(?s)(.+)'}}\n"
    "      - data: {receive: all, capture: {name: '\\A(?:[^\\r\\n]*/)?([^/\\r\\n]+)'}}\n"
    "      - expect: {code: 226}\n";
std::vector<script::Script> listing_server(const std::string& started, const std::string& listing,
                                           std::vector<script::Act> more = {}) {
  std::vector<script::Act> replies{say("227 Entering Passive Mode (127,0,0,1,8,1)\r\n"),
                                   say(started + "\r\n226 done\r\n")};
  replies.insert(replies.end(), more.begin(), more.end());
  return {{say("220 ready\r\n"), replies}, {hang_up(listing), {}}};
}
}  // namespace

TEST_F(CaseRunnerTest, ADataCaptureTakesAValueFromWhatTheServerSent) {
  const Case& c = load(std::string(kListedName) + "      - send: \"DELE {name}\"\n");
  auto r = run(c, listing_server("150 here", "/home/u/STOU.1\r\n", {say("250 gone\r\n")}));
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  ASSERT_EQ(lines().size(), 3u);
  EXPECT_EQ(lines()[2], "DELE STOU.1\r\n");
}

TEST_F(CaseRunnerTest, ADataCaptureThatFindsNothingFails) {
  const Case& c = load(kListedName);
  auto r = run(c, listing_server("150 here", ""));
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.reason, "nothing to capture into {name}");
}

TEST_F(CaseRunnerTest, MatchRelatesValuesCapturedApart) {
  const Case& c = load(std::string(kListedName) +
                       "      - match: {value: '{started}', text: '(?:^|\\s){name}(?:\\s|$)'}\n");
  auto named = run(c, listing_server("150 FILE: stou.1", "STOU.1\r\n"));
  EXPECT_EQ(named.verdict, Verdict::kPass) << describe(named);

  // The name, a regex itself ("." matches any character), is matched literally.
  auto other = run(c, listing_server("150 FILE: STOUx1", "STOU.1\r\n"));
  EXPECT_EQ(other.verdict, Verdict::kFail) << describe(other);
  EXPECT_EQ(other.reason, "{started} does not match");
  EXPECT_EQ(other.actual, "150 FILE: STOUx1");
}

TEST_F(CaseRunnerTest, AFailedCleanUpIsNotedAndLeavesTheVerdict) {
  const Case& c = load(std::string(kNoop) +
                       "    cleanup:\n"
                       "      - send: DELE f\n"
                       "      - expect: {code: 250}\n"
                       "      - send: RMD d\n"
                       "      - expect: {code: 250}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n"), say("550 no such file\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  // The clean-up stops at its first failure: RMD is not sent.
  EXPECT_THAT(lines(), ::testing::ElementsAre("NOOP\r\n", "DELE f\r\n"));
  bool noted = false;
  for (const auto& t : r.transcript) {
    noted |= t.kind == TranscriptEntry::Kind::kNote &&
             t.text.find("clean-up step 5 did not succeed (unexpected reply code 550)") != std::string::npos;
  }
  EXPECT_TRUE(noted) << describe(r);
}

TEST_F(CaseRunnerTest, CleanUpRunsOnlyAfterTheStepsPassed) {
  const Case& c = load(std::string(kNoop) +
                       "    cleanup:\n"
                       "      - send: DELE f\n"
                       "      - expect: {}\n");
  auto passed = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n"), say("250 deleted\r\n")}}});
  EXPECT_EQ(passed.verdict, Verdict::kPass) << describe(passed);
  EXPECT_THAT(lines(), ::testing::ElementsAre("NOOP\r\n", "DELE f\r\n"));

  auto failed = run(c, {{say("220 ready\r\n"), {say("500 what\r\n")}}});
  EXPECT_EQ(failed.verdict, Verdict::kFail) << describe(failed);
  EXPECT_THAT(lines(), ::testing::ElementsAre("NOOP\r\n"));
}

// --- global oracles -------------------------------------------------------------------------

TEST_F(CaseRunnerTest, ReplyTableViolationFails) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: [200, 250]}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("250 fine\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  ASSERT_EQ(r.findings.size(), 1u) << describe(r);
  EXPECT_EQ(r.findings[0].kind, "reply-table");
  EXPECT_EQ(r.findings[0].ref, "RFC 959 5.4");
  EXPECT_EQ(r.findings[0].connection, "main");
  EXPECT_THAT(r.findings[0].message, HasSubstr("250"));
  EXPECT_THAT(r.findings[0].message, HasSubstr("NOOP"));
  EXPECT_THAT(r.reason, StartsWith("reply-table: "));
  EXPECT_EQ(r.failed_step, 0);  // every step passed; the oracle failed the case
}

TEST_F(CaseRunnerTest, OracleFindingOverridesInconclusive) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200, unsupported: [250]}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("250 fine\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, StartsWith("reply-table: "));
}

TEST_F(CaseRunnerTest, Reply421IsNeverATableViolation) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: QUIT\n"
      "      - expect: {code: 421}\n");
  auto r = run(c, {{say("220 ready\r\n"), {say("421 shutting down\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
}

TEST_F(CaseRunnerTest, FramingBareLf) {
  const Case& c = load(kNoop);
  auto r = run(c, {{say("220 ready\n"), {say("200 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  ASSERT_FALSE(r.findings.empty()) << describe(r);
  EXPECT_EQ(r.findings[0].kind, "framing.bare-lf");
  EXPECT_EQ(r.findings[0].ref, "RFC 959 4.2");
  EXPECT_EQ(r.findings[0].connection, "main");
  EXPECT_THAT(r.reason, StartsWith("framing.bare-lf: "));
}

TEST_F(CaseRunnerTest, FramingPartialLineAtClose) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: QUIT\n"
      "      - expect: {code: 221}\n"
      "      - expect: closed\n");
  auto r = run(c, {{say("220 ready\r\n"), {hang_up("221 by")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  bool partial = false;
  for (const auto& f : r.findings) partial |= f.kind == "framing.partial-at-close";
  EXPECT_TRUE(partial) << describe(r);
}

TEST_F(CaseRunnerTest, TargetDeathIsACrashFinding) {
  const Case& c = load(kNoop);
  env_.target_death = [](const std::string&, bool) {
    return std::optional<std::string>("was killed by signal 11");
  };
  auto r = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, "crash");
  EXPECT_THAT(r.findings[0].message, HasSubstr("signal 11"));
}

TEST_F(CaseRunnerTest, TheDeathCheckHearsWhetherTheServerHungUpMidCommand) {
  // NOOP unanswered when the server closes: hung up. Answered, then closed: not.
  std::vector<bool> heard;
  env_.target_death = [&heard](const std::string&, bool hung_up) {
    heard.push_back(hung_up);
    return std::optional<std::string>();
  };
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: closed\n");
  run(c, {{say("220 ready\r\n"), {hang_up()}}});
  run(c, {{say("220 ready\r\n"), {hang_up("421 closing\r\n")}}});
  EXPECT_THAT(heard, ::testing::ElementsAre(true, false));
}

// --- time -----------------------------------------------------------------------------------

TEST_F(CaseRunnerTest, CaseTimeoutBoundsAWaitingExpect) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n"
      "        timeout: 5s\n",
      "    timeout: 150ms\n");
  const auto start = std::chrono::steady_clock::now();
  auto r = run(c, {{say("220 ready\r\n"), {silence()}}});
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_EQ(r.failed_step, 3);
  EXPECT_GE(took, 140ms);
  EXPECT_LT(took, 2s);  // not the step's 5s
}

TEST_F(CaseRunnerTest, EnvironmentCaseTimeoutBoundsTheCase) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n"
      "        timeout: 5s\n");
  env_.case_timeout = 120ms;
  const auto start = std::chrono::steady_clock::now();
  auto r = run(c, {{say("220 ready\r\n"), {silence()}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST_F(CaseRunnerTest, CaseTimeoutReasonNamesTheCaseTimeout) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - send: NOOP\n"
      "      - expect: {code: 200}\n"
      "        timeout: 5s\n",
      "    timeout: 150ms\n");
  auto r = run(c, {{say("220 ready\r\n"), {silence()}}});
  ASSERT_EQ(r.verdict, Verdict::kFail) << describe(r);
  if (r.reason != "the case ran out of time (150ms)") {
    FAIL() << "an expect cut short by the case timeout reports '" << r.reason << "'";
  }
}

TEST_F(CaseRunnerTest, SleepPastTheCaseTimeoutFailsTheCase) {
  const Case& c = load(
      "      - expect: {code: 220}\n"
      "      - sleep: 2s\n"
      "      - send: NOOP\n",
      "    timeout: 150ms\n");
  const auto start = std::chrono::steady_clock::now();
  auto r = run(c, {{say("220 ready\r\n"), {say("200 ok\r\n")}}});
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);  // the sleep was cut short
  if (r.verdict != Verdict::kFail || r.reason != "the case ran out of time (150ms)") {
    FAIL() << "a sleep longer than the case timeout does not time the case out: "
                 << describe(r);
  }
  EXPECT_EQ(r.failed_step, 2);  // the sleep itself overran the case
  EXPECT_TRUE(lines().empty());
}

// --- a case built in code -------------------------------------------------------------------

TEST_F(CaseRunnerTest, CaseBuiltInCode) {
  Case c;
  c.id = "ftp.code.built";
  c.ref = "RFC 959 4.1.3";
  Step greet;
  greet.kind = Step::Kind::kExpect;
  greet.expect.codes = CodeSet::of({220});
  Step syst;
  syst.kind = Step::Kind::kSend;
  syst.text = "SYST";
  Step reply;
  reply.kind = Step::Kind::kExpect;
  reply.expect.codes = *CodeSet::parse_item("2xx");
  reply.expect.text_regex = "UNIX";
  c.steps = {greet, syst, reply};
  auto r = run(c, {{say("220 hi\r\n"), {say("215 UNIX Type: L8\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_EQ(r.id, "ftp.code.built");
  auto bad = run(c, {{say("220 hi\r\n"), {say("215 Windows_NT\r\n")}}});
  EXPECT_EQ(bad.verdict, Verdict::kFail) << describe(bad);
}

}  // namespace
}  // namespace rfcheck
