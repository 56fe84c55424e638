// The case runner on a protocol whose replies are status words (POP3): status expectations,
// multi-line bodies against maildrop messages, each_line / unique / offered_if, APOP's MD5,
// and the accounts and fresh maildrops cases hold. The server is a script (script_network.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <fstream>
#include <sstream>

#include "protocols/registry.h"
#include "runner/account_pool.h"
#include "runner/case_runner.h"
#include "case_fixture.h"
#include "script_network.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using script::hang_up;
using script::say;
using script::Script;

constexpr const char* kProtocol = R"(protocol: pop3
variables: [user, password]
maildrop:
  plain: {file: one.eml}
  dots: {file: two.eml}
fixtures:
  greeting:
    - expect: {status: +OK}
)";
constexpr const char* kPlain = "Subject: one\n\nfirst\nsecond\nthird\n";
constexpr const char* kDots = "Subject: two\n\n.hidden\n.\nend\n";

// The message as POP3 carries it: CRLF line ends, lines starting with "." stuffed.
std::string on_the_wire(const std::string& lf_text) {
  std::string out;
  std::istringstream in(lf_text);
  std::string line;
  while (std::getline(in, line)) out += (line.rfind('.', 0) == 0 ? "." : "") + line + "\r\n";
  return out;
}

class Pop3CaseRunnerTest : public ScriptedCaseTest {
 protected:
  void SetUp() override {
    set_up("pop3", kProtocol, "RFC 1939 5");
    write("one.eml", kPlain);
    write("two.eml", kDots);
    env_.port = 1110;
    env_.variables = {{"user", "alice"}, {"password", "tanstaaf"}};
  }
};

constexpr const char* kRetrPlain =
    "      - expect: {status: +OK}\n"
    "      - send: \"RETR {msg.plain.number}\"\n"
    "      - expect: {status: +OK, body: {message: plain}}\n";

TEST_F(Pop3CaseRunnerTest, StatusAndBodyPass) {
  const Case& c = load(kRetrPlain);
  auto r = run(c, {{say("+OK ready\r\n"), {say("+OK 33 octets\r\n" + on_the_wire(kPlain) + ".\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ElementsAre("RETR 1\r\n"));
}

TEST_F(Pop3CaseRunnerTest, SendSynchIsAnErrorWithoutATelnetControlConnection) {
  // POP3 is not Telnet: there is no IP or Synch to send, and the spec is wrong to ask.
  const Case& c = load(
      "      - expect: {status: +OK}\n"
      "      - send_synch: QUIT\n");
  auto r = run(c, {{say("+OK ready\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kError) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("not a Telnet stream"));
  EXPECT_TRUE(lines().empty());
}

TEST_F(Pop3CaseRunnerTest, WrongStatusFails) {
  const Case& c = load(kRetrPlain);
  auto r = run(c, {{say("+OK ready\r\n"), {say("-ERR no such message\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("unexpected status -ERR"));
}

TEST_F(Pop3CaseRunnerTest, ABodyOffByOneOctetFailsAndSaysWhere) {
  const Case& c = load(kRetrPlain);
  std::string body = on_the_wire(kPlain);
  body.replace(body.find("second"), 6, "SECOND");
  auto r = run(c, {{say("+OK ready\r\n"), {say("+OK\r\n" + body + ".\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kFail) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("not message plain byte for byte"));
  EXPECT_THAT(r.reason, HasSubstr("first difference at octet"));
}

TEST_F(Pop3CaseRunnerTest, StuffedLinesAreComparedUnstuffed) {
  const Case& c = load(
      "      - expect: {status: +OK}\n"
      "      - send: \"RETR {msg.dots.number}\"\n"
      "      - expect: {status: +OK, body: {message: dots}}\n");
  auto good = run(c, {{say("+OK\r\n"), {say("+OK\r\n" + on_the_wire(kDots) + ".\r\n")}}});
  EXPECT_EQ(good.verdict, Verdict::kPass) << describe(good);
  EXPECT_THAT(lines(), ElementsAre("RETR 2\r\n"));
  // Not stuffed: the lone "." ends the body early; what follows is a stray response.
  auto bad = run(c, {{say("+OK\r\n"), {say("+OK\r\nSubject: two\r\n\r\n.hidden\r\n.\r\nend\r\n.\r\n")}}});
  EXPECT_EQ(bad.verdict, Verdict::kFail) << describe(bad);
}

TEST_F(Pop3CaseRunnerTest, TopComparesHeaderBlankLineAndFirstLines) {
  const Case& c = load(
      "      - expect: {status: +OK}\n"
      "      - send: \"TOP {msg.plain.number} 1\"\n"
      "      - expect: {status: +OK, body: {message: plain, top: 1}}\n");
  auto good = run(c, {{say("+OK\r\n"), {say("+OK\r\nSubject: one\r\n\r\nfirst\r\n.\r\n")}}});
  EXPECT_EQ(good.verdict, Verdict::kPass) << describe(good);
  auto all = run(c, {{say("+OK\r\n"), {say("+OK\r\n" + on_the_wire(kPlain) + ".\r\n")}}});
  EXPECT_EQ(all.verdict, Verdict::kFail) << describe(all);
}

TEST_F(Pop3CaseRunnerTest, EachLineAndUniqueJudgeEveryBodyLine) {
  const Case& c = load(
      "      - expect: {status: +OK}\n"
      "      - send: UIDL\n"
      "      - expect: {status: +OK, each_line: '\\A[0-9]+ \\S+\\z', unique: '\\A[0-9]+ (\\S+)'}\n");
  auto good = run(c, {{say("+OK\r\n"), {say("+OK\r\n1 aaa\r\n2 bbb\r\n.\r\n")}}});
  EXPECT_EQ(good.verdict, Verdict::kPass) << describe(good);
  auto repeated = run(c, {{say("+OK\r\n"), {say("+OK\r\n1 aaa\r\n2 aaa\r\n.\r\n")}}});
  EXPECT_EQ(repeated.verdict, Verdict::kFail) << describe(repeated);
  EXPECT_THAT(repeated.reason, HasSubstr("body lines 1 and 2 carry the same value"));
  auto malformed = run(c, {{say("+OK\r\n"), {say("+OK\r\n1 aaa extra\r\n.\r\n")}}});
  EXPECT_EQ(malformed.verdict, Verdict::kFail) << describe(malformed);
  EXPECT_THAT(malformed.reason, HasSubstr("body line 1 does not match"));
  auto single = run(c, {{say("+OK\r\n"), {say("-ERR no\r\n")}}});
  EXPECT_EQ(single.verdict, Verdict::kFail) << describe(single);
}

TEST_F(Pop3CaseRunnerTest, OfferedIfAndUnsupportedMakeInconclusive) {
  const Case& c = load(
      "      - expect: {status: +OK}\n"
      "      - send: CAPA\n"
      "      - expect: {status: +OK, unsupported: [-ERR], offered_if: '(?m)^TOP$'}\n"
      "      - send: TOP 1 0\n"
      "      - expect: {status: +OK}\n");
  auto no_top = run(c, {{say("+OK\r\n"), {say("+OK\r\nUIDL\r\nUSER\r\n.\r\n")}}});
  EXPECT_EQ(no_top.verdict, Verdict::kInconclusive) << describe(no_top);
  auto no_capa = run(c, {{say("+OK\r\n"), {say("-ERR unknown\r\n")}}});
  EXPECT_EQ(no_capa.verdict, Verdict::kInconclusive) << describe(no_capa);
  auto with_top = run(c, {{say("+OK\r\n"), {say("+OK\r\nTOP\r\n.\r\n"), say("-ERR\r\n")}}});
  EXPECT_EQ(with_top.verdict, Verdict::kFail) << describe(with_top);
}

TEST_F(Pop3CaseRunnerTest, IfLastStatusSkipsStepsForTheOtherStatus) {
  const Case& c = load(
      "      - expect: {status: +OK}\n"
      "      - send: \"USER {user}\"\n"
      "      - expect: {status: [+OK, -ERR]}\n"
      "      - send: \"PASS {password}\"\n"
      "        if: {last: +OK}\n");
  run(c, {{say("+OK\r\n"), {say("-ERR no plaintext\r\n")}}});
  EXPECT_THAT(lines(), ElementsAre("USER alice\r\n"));
  run(c, {{say("+OK\r\n"), {say("+OK\r\n")}}});
  EXPECT_THAT(lines(), ElementsAre("USER alice\r\n", "PASS tanstaaf\r\n"));
}

TEST_F(Pop3CaseRunnerTest, SendMd5SendsApopsDigest) {
  // RFC 1939 7's own example: timestamp <1896.697170952@dbc.mtview.ca.us>, secret tanstaaf.
  const Case& c = load(
      "      - expect: {status: +OK, capture: {ts: '(<[^>]*>)'}}\n"
      "      - send_md5: {prefix: \"APOP mrose \", text: \"{ts}{password}\"}\n"
      "      - expect: {status: +OK}\n");
  auto r = run(c, {{say("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"),
                    {say("+OK maildrop has 1 message (369 octets)\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ElementsAre("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"));
}

TEST_F(Pop3CaseRunnerTest, FreshMaildropWithoutAWayToResetIsInconclusive) {
  const Case& c = load(kRetrPlain, "    maildrop: fresh\n");
  auto r = run(c, {{say("+OK\r\n"), {}}});
  EXPECT_EQ(r.verdict, Verdict::kInconclusive) << describe(r);
  EXPECT_THAT(r.reason, HasSubstr("no way to reset"));
  EXPECT_TRUE(lines().empty());
}

TEST_F(Pop3CaseRunnerTest, FreshMaildropIsRewrittenForTheAccountTheCaseHolds) {
  const Case& c = load(
      "      - expect: {status: +OK}\n"
      "      - send: \"USER {user}\"\n"
      "      - expect: {status: +OK}\n",
      "    maildrop: fresh\n");
  const passwd* me = ::getpwuid(::geteuid());
  ASSERT_NE(me, nullptr);
  MaildropSpec spec;
  spec.maildir = (dir_ / "mail" / "{user}").string();
  spec.owner = me->pw_name;
  // A stale message from an earlier case must go.
  fs::create_directories(dir_ / "mail" / "bob" / "cur");
  std::ofstream(dir_ / "mail" / "bob" / "cur" / "stale") << "old";
  AccountPool pool({{"bob", "b"}}, spec, {});
  env_.accounts = &pool;
  auto r = run(c, {{say("+OK\r\n"), {hang_up("+OK\r\n")}}});
  EXPECT_EQ(r.verdict, Verdict::kPass) << describe(r);
  EXPECT_THAT(lines(), ElementsAre("USER bob\r\n"));  // the account's, not the variables'
  const fs::path cur = dir_ / "mail" / "bob" / "cur";
  EXPECT_FALSE(fs::exists(cur / "stale"));
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(cur)) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 2u);
  std::ifstream first(cur / files[0]);
  std::string text((std::istreambuf_iterator<char>(first)), {});
  EXPECT_EQ(text, kPlain);  // message 1 sorts first
  EXPECT_TRUE(fs::is_directory(dir_ / "mail" / "bob" / "new"));
  EXPECT_TRUE(fs::is_directory(dir_ / "mail" / "bob" / "tmp"));
}

// Against a server the runner cannot reach on disk, the profile's reset command does it.
TEST(AccountPoolTest, TheAccountThatRestedLongestIsHandedOutFirst) {
  // A server may still be ending an account's last session after the close (its lock, its
  // process): the next case gets the account released longest ago, never-used ones first.
  AccountPool pool({{"a", "a"}, {"b", "b"}, {"c", "c"}}, std::nullopt, {});
  const auto first = pool.acquire(), second = pool.acquire();
  EXPECT_EQ(first, 0u);
  EXPECT_EQ(second, 1u);
  pool.release(first);
  EXPECT_EQ(pool.acquire(), 2u);   // never used beats just released
  pool.release(second);
  EXPECT_EQ(pool.acquire(), 0u);   // released before 1
  EXPECT_EQ(pool.acquire(), 1u);
}

TEST(AccountPoolTest, ResetCommandRunsForTheAccountAndItsFailureIsReported) {
  const fs::path dir = fs::temp_directory_path() / ("rfcheck-reset-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  MaildropSpec spec;
  spec.reset_command = {"/bin/sh", "-c", "echo {user} > " + dir.string() + "/reset-{user}"};
  AccountPool pool({{"carol", "c"}}, spec, {});
  EXPECT_TRUE(pool.can_reset());
  EXPECT_EQ(pool.reset(0, {}), "");
  std::ifstream in(dir / "reset-carol");
  std::string who;
  in >> who;
  EXPECT_EQ(who, "carol");
  spec.reset_command = {"/bin/sh", "-c", "exit 3"};
  AccountPool failing({{"carol", "c"}}, spec, {});
  EXPECT_THAT(failing.reset(0, {}), HasSubstr("failed"));
  AccountPool none({{"carol", "c"}}, std::nullopt, {});
  EXPECT_FALSE(none.can_reset());
  EXPECT_THAT(none.reset(0, {}), HasSubstr("no way to reset"));
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// A case waits for a free account: two holders never share one.
TEST(AccountPoolTest, AcquireWaitsForARelease) {
  AccountPool pool({{"a", "1"}}, std::nullopt, {});
  const std::size_t first = pool.acquire();
  std::atomic<bool> got{false};
  std::thread other([&] {
    const std::size_t second = pool.acquire();
    got = true;
    pool.release(second);
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(got.load());
  pool.release(first);
  other.join();
  EXPECT_TRUE(got.load());
}

}  // namespace
}  // namespace rfcheck
