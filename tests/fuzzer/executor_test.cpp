// The executor against scripted servers (tests/runner/script_network.h): replies are paired
// with the commands they answer, phases follow the protocol, silence is cut short, and the
// security oracles fire on what they are about.
#include <gtest/gtest.h>

#include "protocols/registry.h"
#include "../runner/script_network.h"
#include "fuzz/executor.h"
#include "runner/ftp_oracle.h"

namespace rfcheck::fuzz {
namespace {

using script::hang_up;
using script::say;
using script::Script;
using script::ScriptNetwork;
using script::silence;

const ProtocolSupport& ftp() { return *find_protocol("ftp"); }
const ProtocolModel& ftp_model() { return *find_model("ftp"); }

Session commands(std::initializer_list<const char*> lines) {
  Session s;
  for (const char* l : lines) {
    Action a = Action::command(l);
    a.payload = l;
    s.actions.push_back(a);
  }
  return s;
}

ExecutorOptions fast() {
  ExecutorOptions o;
  o.min_silence = std::chrono::milliseconds(20);
  o.max_silence = std::chrono::milliseconds(40);
  return o;
}

bool has(const Execution& ex, Observation::Kind kind) {
  for (const auto& o : ex.observations) {
    if (o.kind == kind) return true;
  }
  return false;
}

TEST(Executor, PairsRepliesWithCommandsAndFollowsPhases) {
  ScriptNetwork net({Script{say("220 hi\r\n"),
                            {say("331 pass?\r\n"), say("230 in\r\n"), say("350 ready\r\n")}}});
  SessionExecutor ex(ftp(), ftp_model(), net, fast());
  const Execution e = ex.play(commands({"USER a", "PASS b", "RNFR f"}));
  ASSERT_TRUE(e.connected);
  ASSERT_EQ(e.transitions.size(), 4u);
  EXPECT_EQ(e.transitions[0].code, 220);
  EXPECT_EQ(e.transitions[1].command, "USER");
  EXPECT_EQ(e.transitions[1].phase, "pre-login");
  EXPECT_EQ(e.transitions[2].command, "PASS");
  EXPECT_EQ(e.transitions[2].phase, "user-sent");
  EXPECT_EQ(e.transitions[3].command, "RNFR");
  EXPECT_EQ(e.transitions[3].phase, "logged-in");
  EXPECT_EQ(e.last_phase, "logged-in/rename");
  ASSERT_EQ(e.played.size(), 3u);
  EXPECT_EQ(e.played[1].codes, std::vector<int>{230});
  EXPECT_TRUE(e.observations.empty());
}

TEST(Executor, SilenceIsCutShortAndReported) {
  ScriptNetwork net({Script{say("220 hi\r\n"), {silence()}}});
  SessionExecutor ex(ftp(), ftp_model(), net, fast());
  const auto start = std::chrono::steady_clock::now();
  const Execution e = ex.play(commands({"NOOP"}));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(e.played[0].silent);
  EXPECT_TRUE(has(e, Observation::Kind::kSilence));
  EXPECT_LT(took, std::chrono::milliseconds(1000));
}

TEST(Executor, ReplyTableViolationIsObserved) {
  // RFC 959 5.4: NOOP answers 200 (or 500, 421); 550 is not among them.
  ScriptNetwork net({Script{say("220 hi\r\n"), {say("550 no\r\n")}}});
  SessionExecutor ex(ftp(), ftp_model(), net, fast());
  const Execution e = ex.play(commands({"NOOP"}));
  EXPECT_TRUE(has(e, Observation::Kind::kReplyTable));
}

TEST(Executor, AfterAnEmptyLineOrABareCrRepliesAreNotJudged) {
  // A server that ignores an empty line: the oracle cannot know, so it stops judging rather
  // than pair PWD's 257 with the empty line and NOOP's 200 with PWD.
  Session s;
  s.actions.push_back({Action::Kind::kRaw, "\r\nPWD\r\n"});
  s.actions.push_back(Action::command("NOOP"));
  {
    ScriptNetwork net({Script{say("220 hi\r\n"), {silence(), say("257 \"/\"\r\n"), say("200 ok\r\n")}}});
    SessionExecutor ex(ftp(), ftp_model(), net, fast());
    EXPECT_FALSE(has(ex.play(s), Observation::Kind::kReplyTable));
  }
  // A server that ends a line at a bare CR answers twice for one line.
  Session cr;
  cr.actions.push_back({Action::Kind::kRaw, "NOOP\rPWD\r\n"});
  cr.actions.push_back(Action::command("NOOP"));
  ScriptNetwork net({Script{say("220 hi\r\n"), {say("200 ok\r\n257 \"/\"\r\n"), say("200 ok\r\n")}}});
  SessionExecutor ex(ftp(), ftp_model(), net, fast());
  EXPECT_FALSE(has(ex.play(cr), Observation::Kind::kReplyTable));
  // Without either, a shifted reply is still a violation.
  ScriptNetwork plain({Script{say("220 hi\r\n"), {say("257 \"/\"\r\n")}}});
  SessionExecutor judge(ftp(), ftp_model(), plain, fast());
  EXPECT_TRUE(has(judge.play(commands({"NOOP"})), Observation::Kind::kReplyTable));
}

TEST(Executor, AuthBypassOnlyBeforeLoginAndOnlyWhenAsked) {
  const auto run = [](bool check, std::initializer_list<const char*> cmds,
                      std::vector<script::Act> answers) {
    ScriptNetwork net({Script{say("220 hi\r\n"), std::move(answers)}});
    ExecutorOptions o = fast();
    o.check_auth = check;
    SessionExecutor ex(ftp(), ftp_model(), net, o);
    return ex.play(commands(cmds));
  };
  // CWD needs a login: 250 before one is a bypass.
  EXPECT_TRUE(has(run(true, {"CWD /"}, {say("250 ok\r\n")}), Observation::Kind::kAuthBypass));
  EXPECT_FALSE(has(run(false, {"CWD /"}, {say("250 ok\r\n")}), Observation::Kind::kAuthBypass));
  EXPECT_FALSE(has(run(true, {"CWD /"}, {say("530 login first\r\n")}), Observation::Kind::kAuthBypass));
  EXPECT_FALSE(has(run(true, {"USER a", "PASS b", "CWD /"},
                       {say("331 p\r\n"), say("230 in\r\n"), say("250 ok\r\n")}),
                   Observation::Kind::kAuthBypass));
}

TEST(Executor, CanaryInAReplyIsAPathEscape) {
  ScriptNetwork net({Script{say("220 hi\r\n"), {say("211-status\r\n secret-42\r\n211 end\r\n")}}});
  ExecutorOptions o = fast();
  o.canary_secret = "secret-42";
  SessionExecutor ex(ftp(), ftp_model(), net, o);
  EXPECT_TRUE(has(ex.play(commands({"STAT ../x"})), Observation::Kind::kPathEscape));
}

TEST(Executor, ReconnectOpensANewConnectionAndReadsItsGreeting) {
  ScriptNetwork net({Script{say("220 one\r\n"), {say("200 ok\r\n")}},
                     Script{say("220 two\r\n"), {say("200 ok\r\n")}}});
  SessionExecutor ex(ftp(), ftp_model(), net, fast());
  Session s = commands({"NOOP"});
  s.actions.push_back({Action::Kind::kReconnect, ""});
  s.actions.push_back(Action::command("NOOP"));
  const Execution e = ex.play(s);
  EXPECT_EQ(net.log().connects, 2);
  EXPECT_EQ(e.played[1].codes, std::vector<int>{220});
  EXPECT_EQ(e.played[2].codes, std::vector<int>{200});
}

TEST(Executor, ServerClosingIsNoticed) {
  ScriptNetwork net({Script{say("220 hi\r\n"), {hang_up("421 bye\r\n")}}});
  SessionExecutor ex(ftp(), ftp_model(), net, fast());
  const Execution e = ex.play(commands({"NOOP", "NOOP"}));
  EXPECT_TRUE(e.closed_by_server);
  EXPECT_EQ(e.played[0].codes, std::vector<int>{421});
}

TEST(Executor, UnreachableServer) {
  ScriptNetwork net({});
  SessionExecutor ex(ftp(), ftp_model(), net, fast());
  const Execution e = ex.play(commands({"NOOP"}));
  EXPECT_FALSE(e.connected);
  EXPECT_FALSE(e.connect_error.empty());
}

TEST(Executor, SilenceAdaptsToTheVerbsLatency) {
  ScriptNetwork net({});
  ExecutorOptions o;
  o.min_silence = std::chrono::milliseconds(20);
  o.max_silence = std::chrono::milliseconds(500);
  SessionExecutor ex(ftp(), ftp_model(), net, o);
  for (int i = 0; i < 20; ++i) ex.learn_latency("PASS", std::chrono::milliseconds(50));
  ex.learn_latency("NOOP", std::chrono::microseconds(200));
  EXPECT_GE(ex.silence("PASS"), std::chrono::milliseconds(150));
  EXPECT_EQ(ex.silence("NOOP"), std::chrono::milliseconds(20));
  // Silence doubles the estimate, within the cap.
  const auto before = ex.silence("NOOP");
  ex.learn_silence("NOOP");
  ex.learn_silence("NOOP");
  EXPECT_GT(ex.silence("NOOP"), before);
  for (int i = 0; i < 20; ++i) ex.learn_silence("NOOP");
  EXPECT_EQ(ex.silence("NOOP"), std::chrono::milliseconds(500));
  // Invented verbs share one entry.
  ex.learn_latency("XYZZY", std::chrono::milliseconds(100));
  EXPECT_EQ(ex.silence("QWERTY"), ex.silence("XYZZY"));
}

}  // namespace
}  // namespace rfcheck::fuzz
