// The executor on IMAP against scripted servers (tests/runner/script_network.h): commands get
// the connection's tags, a command is answered by its tagged completion (untagged responses
// alone are not an answer), a literal goes out only after the server's "+", the phases follow
// the states, the codec's and the oracle's findings are observed, and an exported reproducer
// makes the runner write exactly what the executor wrote.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../runner/case_fixture.h"
#include "../runner/script_network.h"
#include "fuzz/case_export.h"
#include "fuzz/executor.h"
#include "protocols/registry.h"

namespace rfcheck::fuzz {
namespace {

using ::testing::ElementsAre;
using script::hang_up;
using script::say;
using script::Script;
using script::ScriptNetwork;
using script::split;

constexpr const char* kGreeting = "* OK IMAP4rev1 ready\r\n";

const ProtocolSupport& imap() { return *find_protocol("imap"); }
const ProtocolModel& imap_model() { return *find_model("imap"); }

Session session(std::vector<Action> actions) { return Session{std::move(actions)}; }
Action command(const char* line) { return Action{Action::Kind::kCommand, line}; }
Action raw(const char* bytes) { return Action{Action::Kind::kRaw, bytes}; }

ExecutorOptions fast() {
  ExecutorOptions o;
  o.min_silence = std::chrono::milliseconds(20);
  o.max_silence = std::chrono::milliseconds(40);
  return o;
}

Execution play(ScriptNetwork& net, const Session& s, ExecutorOptions o = fast()) {
  SessionExecutor ex(imap(), imap_model(), net, o);
  return ex.play(s);
}

bool has(const Execution& ex, Observation::Kind kind, const std::string& text = {}) {
  for (const auto& o : ex.observations) {
    if (o.kind == kind && (o.message + " " + o.ref).find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(ImapExecutor, TagsEachCommandAndStartsAgainOnANewConnection) {
  ScriptNetwork net({Script{say(kGreeting), {say("a001 OK\r\n"), say("a002 OK\r\n")}},
                     Script{say(kGreeting), {say("a001 OK\r\n")}}});
  const Execution e = play(net, session({command("NOOP"), command("CAPABILITY"),
                                         Action{Action::Kind::kReconnect, ""}, command("NOOP")}));
  EXPECT_THAT(net.log().lines, ElementsAre("a001 NOOP\r\n", "a002 CAPABILITY\r\n", "a001 NOOP\r\n"));
  EXPECT_EQ(e.played[0].codes, std::vector<int>{200});
  EXPECT_EQ(e.played[3].codes, std::vector<int>{200});
  EXPECT_EQ(e.last_command, "NOOP");  // no tag: finding keys must not depend on it
  EXPECT_TRUE(e.observations.empty());
}

TEST(ImapExecutor, TheTaggedLineCompletesACommandWhereverTheReadsEnd) {
  // All of SELECT's responses in one read, and one per read: the same answer.
  const std::string select = "* 2 EXISTS\r\n* OK [UIDVALIDITY 1] u\r\na002 OK [READ-WRITE] x\r\n";
  for (const script::Act& answer :
       {say(select), split({"* 2 EXISTS\r\n", "* OK [UIDVALIDITY 1] u\r\n", "a002 OK x\r\n"})}) {
    ScriptNetwork net({Script{say(kGreeting), {say("a001 OK in\r\n"), answer, say("a003 OK\r\n")}}});
    const Execution e =
        play(net, session({command("LOGIN a b"), command("SELECT INBOX"), command("NOOP")}));
    EXPECT_EQ(e.played[1].codes, std::vector<int>{200});  // one answer, not three
    EXPECT_EQ(e.played[2].codes, std::vector<int>{200});  // NOOP's own
    ASSERT_EQ(e.transitions.size(), 4u);                  // greeting, LOGIN, SELECT, NOOP
    EXPECT_EQ(e.transitions[2].command, "SELECT");
    EXPECT_EQ(e.transitions[2].phase, "authenticated");
    EXPECT_EQ(e.transitions[3].phase, "selected");
    EXPECT_TRUE(e.observations.empty());
  }
}

TEST(ImapExecutor, UntaggedResponsesAloneAreNoAnswer) {
  // The server never completes SELECT: silence (a hang only if a new client is refused too,
  // which the campaign asks), and no phase change on the untagged OK.
  ScriptNetwork net({Script{say(kGreeting), {say("a001 OK in\r\n"), say("* 2 EXISTS\r\n* OK [UNSEEN 1] u\r\n")}}});
  const Execution e = play(net, session({command("LOGIN a b"), command("SELECT INBOX")}));
  EXPECT_TRUE(e.played[1].codes.empty());
  EXPECT_TRUE(e.played[1].silent);
  EXPECT_TRUE(has(e, Observation::Kind::kSilence));
  EXPECT_EQ(e.last_phase, "authenticated");
}

TEST(ImapExecutor, ALiteralGoesOutOnlyAfterTheGoAhead) {
  ScriptNetwork net({Script{say(kGreeting), {say("a001 OK in\r\n"), say("+ go ahead\r\n"),
                                             say("a002 OK appended\r\n"), say("a003 OK\r\n")}}});
  const Execution e = play(net, session({command("LOGIN a b"), command("APPEND INBOX {5}\r\nhello"),
                                         command("NOOP")}));
  EXPECT_THAT(net.log().written, ElementsAre("a001 LOGIN a b\r\n", "a002 APPEND INBOX {5}\r\n",
                                             "hello\r\n", "a003 NOOP\r\n"));
  EXPECT_EQ(e.played[1].codes, (std::vector<int>{334, 200}));
  EXPECT_EQ(e.played[1].part_replies, (std::vector<std::size_t>{1, 1}));
  ASSERT_EQ(e.transitions.size(), 5u);
  EXPECT_EQ(e.transitions[3].phase, "authenticated/literal");
  EXPECT_EQ(e.last_phase, "authenticated");

  // Refused instead: the literal is not sent; the server reads the next line as a command.
  ScriptNetwork refused({Script{say(kGreeting), {say("a001 NO [TRYCREATE] no such\r\n"), say("a002 OK\r\n")}}});
  const Execution r = play(refused, session({command("APPEND nosuch {5}\r\nhello"), command("NOOP")}));
  EXPECT_THAT(refused.log().written, ElementsAre("a001 APPEND nosuch {5}\r\n", "a002 NOOP\r\n"));
  EXPECT_EQ(r.played[0].codes, std::vector<int>{450});
  EXPECT_EQ(r.played[0].part_replies, std::vector<std::size_t>{1});
  EXPECT_EQ(r.played[1].codes, std::vector<int>{200});
  EXPECT_TRUE(r.observations.empty());
}

TEST(ImapExecutor, AContinuationRequestHandsTheTurnToTheNextAction) {
  ScriptNetwork net({Script{say(kGreeting), {say("+ \r\n"), say("a001 OK in\r\n")}}});
  const Execution e = play(net, session({command("AUTHENTICATE PLAIN"), raw("AGEAYg==\r\n")}));
  EXPECT_THAT(net.log().lines, ElementsAre("a001 AUTHENTICATE PLAIN\r\n", "AGEAYg==\r\n"));
  EXPECT_EQ(e.played[0].codes, std::vector<int>{334});
  EXPECT_FALSE(e.played[0].silent);
  EXPECT_EQ(e.played[1].codes, std::vector<int>{200});
  EXPECT_EQ(e.last_phase, "authenticated");
}

TEST(ImapExecutor, LogoutEndsTheSessionInOrder) {
  ScriptNetwork net({Script{say(kGreeting), {say("a001 OK in\r\n"), hang_up("* BYE bye\r\na002 OK out\r\n")}}});
  const Execution e = play(net, session({command("LOGIN a b"), command("LOGOUT")}));
  EXPECT_EQ(e.played[1].codes, std::vector<int>{200});
  EXPECT_EQ(e.last_phase, "closed");
}

TEST(ImapExecutor, TheCodecsAndTheOraclesFindingsAreObserved) {
  ScriptNetwork net({Script{say(kGreeting),
                            {say("a001 OK in\r\n"),
                             say("* 1 EXPUNGE\r\n* 1 FETCH (FLAGS ())\r\na002 OK fetched\r\n"),
                             say("zz9 OK what\r\na003 OK\r\n"), say("a004 OK bare\n")}}});
  const Execution e = play(net, session({command("LOGIN a b"), command("FETCH 1 (FLAGS)"),
                                         command("NOOP"), command("NOOP")}));
  // RFC 1730 7.3.3: no EXPUNGE while answering a FETCH (the runner's IMAP oracle).
  EXPECT_TRUE(has(e, Observation::Kind::kReplyTable, "RFC 1730 7.3.3"));
  EXPECT_TRUE(has(e, Observation::Kind::kFraming, "not outstanding"));  // codec: unknown tag
  EXPECT_TRUE(has(e, Observation::Kind::kFraming, "LF without CR"));
}

TEST(ImapExecutor, ATagTooLongForTheCodecIsNoFindingOfTheServers) {
  // The codec remembers tags up to proto::kImapMaxTag; a server that completes a longer one
  // (the mutator's long raw lines make them) is right to, so it is not held against it.
  const std::string tag(300, 'T');
  ScriptNetwork net({Script{say(kGreeting), {say(tag + " OK done\r\n"), say("zz9 OK\r\n")}}});
  Session s;
  s.actions.push_back({Action::Kind::kRaw, tag + " NOOP\r\n"});
  s.actions.push_back(command("NOOP"));
  const Execution e = play(net, s);
  const auto framing = std::count_if(e.observations.begin(), e.observations.end(), [](const auto& o) {
    return o.kind == Observation::Kind::kFraming;
  });
  EXPECT_EQ(framing, 1);  // only the short tag nobody sent
  EXPECT_TRUE(has(e, Observation::Kind::kFraming, "\"zz9\", which is not outstanding"));
}

TEST(ImapExecutor, AuthBypassIsTheCompletionNotTheGoAhead) {
  ExecutorOptions o = fast();
  o.check_auth = true;
  ScriptNetwork bypass({Script{say(kGreeting), {say("* 1 EXISTS\r\na001 OK selected\r\n")}}});
  EXPECT_TRUE(has(play(bypass, session({command("SELECT INBOX")}), o), Observation::Kind::kAuthBypass));
  // "+" to a literal before login is the parser reading the command; NO is the refusal.
  ScriptNetwork literal({Script{say(kGreeting), {say("+ OK\r\n"), say("a001 NO login first\r\n")}}});
  EXPECT_FALSE(has(play(literal, session({command("APPEND INBOX {2}\r\nhi")}), o),
                   Observation::Kind::kAuthBypass));
}

// ---- reproducers ----

class ImapReproducerTest : public ScriptedCaseTest {
 protected:
  void SetUp() override { set_up("imap", "protocol: imap\nvariables: [user, password]\n", "RFC 1730 6"); }

  static std::vector<Script> scripts() {
    return {Script{say(kGreeting), {say("a001 OK in\r\n"), say("+ go\r\n"), say("a002 OK done\r\n"),
                                    say("x1 OK\r\n"), say("a003 NO [TRYCREATE] x\r\n")}},
            Script{say(kGreeting), {say("a001 OK\r\n")}}};
  }
};

TEST_F(ImapReproducerTest, TheRunnerWritesWhatTheExecutorWrote) {
  const Session s = session({command("LOGIN a b"), command("APPEND INBOX {5}\r\nhello"),
                             raw("x1 NOOP\r\n"), command("APPEND nosuch {2}\r\nhi"),
                             Action{Action::Kind::kReconnect, ""}, command("NOOP")});
  ScriptNetwork net(scripts());
  const Execution e = play(net, s);
  const std::vector<std::string> executor_lines = net.log().lines;
  ASSERT_EQ(executor_lines.size(), 6u);
  FuzzFinding f;
  f.key = "0123456789abcdef";
  f.kind = FindingKind::kFraming;
  f.message = "a finding";
  f.ref = "RFC 1730 2.2.2";
  const Case c = export_case(s, e.played, f, imap_model());
  const CaseResult r = run(c, scripts());
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_EQ(lines(), executor_lines);
  // Each command is written raw, tag and all; a literal only under `if: {last: "+"}`.
  std::size_t raw_sends = 0, conditional = 0;
  for (const auto& step : c.steps) {
    raw_sends += step.kind == Step::Kind::kSendRaw;
    conditional += step.kind == Step::Kind::kSendRaw && step.if_last_status == std::vector<std::string>{"+"};
    EXPECT_NE(step.kind, Step::Kind::kSend);
  }
  EXPECT_EQ(raw_sends, 7u);
  EXPECT_EQ(conditional, 2u);
}

}  // namespace
}  // namespace rfcheck::fuzz
