// The rfcheck executable end to end: exit codes (0 ok, 1 gated failure, 2 usage or spec
// error, 3 target unavailable) and the fixed output lines machines read.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "cli_support.h"

namespace {

using namespace cli_testing;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Cli, BinaryExists) { ASSERT_TRUE(fs::exists(kRfcheck)) << kRfcheck; }

TEST(Cli, LintShippedSpecsExitsZero) {
  const Ran r = rfcheck({"lint", kSpecs});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr(" 0 errors"));
  EXPECT_THAT(r.output, Not(HasSubstr("ERROR:")));
}

TEST(Cli, LintBrokenSpecExitsTwoWithPosition) {
  TempDir dir;
  dir.write("protocol.yaml", "protocol: ftp\nvariables: [user]\n");
  const std::string suite = dir.write("broken.yaml",
                                      "suite: broken\n"
                                      "protocol: ftp\n"
                                      "cases:\n"
                                      "  - id: ftp.broken.one\n"
                                      "    title: t\n"
                                      "    ref: RFC 959 4.1.1\n"
                                      "    level: MUST\n"
                                      "    tags: []\n"
                                      "    quote: q\n"
                                      "    steps:\n"
                                      "      - send: NOOP\n"
                                      "        colour: red\n");
  const Ran r = rfcheck({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("ERROR: " + suite + ":12:9: unknown key 'colour'"));
  EXPECT_THAT(r.output, HasSubstr("1 errors"));
}

TEST(Cli, LintMissingFolderExitsTwo) {
  const Ran r = rfcheck({"lint", "/nonexistent-rfcheck-specs"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("no protocol.yaml"));
}

TEST(Cli, ListByTagPrintsIds) {
  const Ran r = rfcheck({"list", "--specs", kSpecs, "--tag", "minimum"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream lines(r.output);
  std::string line;
  int listed = 0, total = -1;
  const std::regex case_line(R"(^(ftp(\.[a-z0-9-]+)+) +(MUST|SHOULD|MAY) +RFC .*\[[^\]]*\].*$)");
  const std::regex count_line(R"(^([0-9]+) cases$)");
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_match(line, m, count_line)) {
      total = std::stoi(m[1]);
    } else {
      ASSERT_TRUE(std::regex_match(line, m, case_line)) << line;
      EXPECT_THAT(line, HasSubstr("minimum")) << line;
      ++listed;
    }
  }
  EXPECT_GT(listed, 0);
  EXPECT_EQ(listed, total);
  const Ran all = rfcheck({"list", "--specs", kSpecs});
  EXPECT_EQ(all.exit_code, 0);
  EXPECT_GT(std::count(all.output.begin(), all.output.end(), '\n'), listed + 1);
}

TEST(Cli, ListWithBadLevelOrShardExitsTwo) {
  EXPECT_EQ(rfcheck({"list", "--specs", kSpecs, "--level", "sometimes"}).exit_code, 2);
  const Ran shard = rfcheck({"list", "--specs", kSpecs, "--shard", "3/2"});
  EXPECT_EQ(shard.exit_code, 2) << shard.output;
  EXPECT_THAT(shard.output, HasSubstr("--shard"));
}

TEST(Cli, NoSubcommandOrUnknownOptionExitsTwo) {
  EXPECT_EQ(rfcheck({}).exit_code, 2);
  EXPECT_EQ(rfcheck({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(rfcheck({"lint", "--no-such-option"}).exit_code, 2);
}

TEST(Cli, HelpExitsZero) {
  const Ran r = rfcheck({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("run"));
}

TEST(Cli, RunWithoutTargetExitsTwo) {
  const Ran r = rfcheck({"run"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--target"));
}

TEST(Cli, RunAgainstClosedPortExitsThree) {
  const int port = closed_port();
  ASSERT_GT(port, 0);
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--specs",
                         kSpecs});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_THAT(r.output, HasSubstr("ERROR: cannot connect to 127.0.0.1:" + std::to_string(port)));
}

TEST(Cli, RunWithBogusFailOnExitsTwo) {
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port),
                         "--fail-on", "bogus"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--fail-on"));
}

TEST(Cli, QuietAndVerboseTogetherExitTwo) {
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "-q", "-v"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--verbose excludes --quiet"));
}

TEST(Cli, RunWithBadTimeoutExitsTwo) {
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port),
                         "--step-timeout", "soon"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST(Cli, RunWithBadReportExitsTwo) {
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port),
                         "--report", "nonsense:x"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--report nonsense:x"));
}

// --html-url is checked before the run (a closed port: had it started, it would exit 3), and
// is in the help with the report formats.
TEST(Cli, RunWithAnHtmlUrlWithAFragmentExitsTwo) {
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port),
                         "--html-url", "https://ci.example/run.html#top"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--html-url 'https://ci.example/run.html#top' has a fragment"));
  const Ran help = rfcheck({"run", "--help"});
  EXPECT_THAT(help.output, HasSubstr("--html-url"));
  EXPECT_THAT(help.output, HasSubstr("html:PATH"));
}

TEST(Cli, RunWithBadVarExitsTwo) {
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--var",
                         "novalue"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--var takes NAME=VALUE"));
}

TEST(Cli, RunWithBrokenSpecsExitsTwo) {
  TempDir dir;
  dir.write("protocol.yaml", "protocol: ftp\nbogus: 1\n");
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--specs",
                         dir.str()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("protocol.yaml:2:1: unknown key 'bogus'"));
}

TEST(Cli, RunWithMissingProfileExitsTwo) {
  const Ran r = rfcheck({"run", "--target", "/nonexistent-rfcheck-profile.yaml"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace

namespace {

// A loopback socket that listens and never answers: the run's probe connects, and cases that
// would talk to it are not selected.
class SilentListener {
 public:
  SilentListener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ >= 0 && bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        listen(fd_, 16) == 0 && getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port_ = ntohs(addr.sin_port);
    }
  }
  ~SilentListener() {
    if (fd_ >= 0) close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = -1;
};


TEST(Cli, RunSelectingNoCaseExitsFourWithoutContactingTheTarget) {
  const int port = closed_port();  // nothing listens: a probe would exit 3
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--specs",
                         kSpecs, "--filter", "ftp.no-such-case"});
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_THAT(r.output, HasSubstr("no case was selected"));
}

TEST(Cli, RunWhoseGatedCasesAreAllSkippedExitsFour) {
  // Both cases require policy.confined_root, which nothing declares: both are skipped.
  SilentListener server;
  ASSERT_GT(server.port(), 0);
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(server.port()),
                         "--specs", kSpecs, "--step-timeout", "200ms", "--filter",
                         "ftp.security.confined-root-"});
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_THAT(r.output, HasSubstr("nothing was judged at the gated levels"));
  EXPECT_THAT(r.output, HasSubstr("0 inconclusive and 2 skipped"));
}

TEST(Cli, RunWithAVarNoSuiteUsesExitsTwoNamingTheKnownOnes) {
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--specs",
                         kSpecs, "--var", "usr=alice"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--var usr: no ftp suite uses it; known: "));
  EXPECT_THAT(r.output, HasSubstr("user"));
}

TEST(Cli, RunWithABaselineNamingNoCaseExitsTwo) {
  TempDir dir;
  const std::string baseline =
      dir.write("b.yaml", "known:\n  - id: ftp.no.such-case\n    reason: a typo\n");
  const int port = closed_port();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--specs",
                         kSpecs, "--baseline", baseline});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("entry 'ftp.no.such-case' names no case of the ftp suites"));
}

TEST(Cli, RunNamesMissingVariablesOnceBeforeTheCases) {
  SilentListener server;
  ASSERT_GT(server.port(), 0);
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(server.port()),
                         "--specs", kSpecs, "--step-timeout", "100ms", "--filter", "ftp.user"});
  EXPECT_THAT(r.output, HasSubstr("of the 2 selected cases, those that use {password} (2 cases), "
                                  "{user} (2 cases) will end inconclusive"));
  const Ran given = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(server.port()),
                             "--specs", kSpecs, "--step-timeout", "100ms", "--filter", "ftp.user",
                             "--user", "alice", "--password", "secret"});
  EXPECT_THAT(given.output, ::testing::Not(HasSubstr("will end inconclusive")));
}

// fault_ftpd (clean), launched by rfcheck from a profile: account alice / s3cret.
std::string fault_ftpd_profile(const TempDir& dir, const std::string& extra = "") {
  return dir.write("fault-ftpd.yaml",
                   "name: fault-ftpd\nprotocol: ftp\nhost: 127.0.0.1\nport: auto\n" + extra +
                   "credentials: {user: alice, password: s3cret}\n"
                   "launch:\n  command: [" RFCHECK_BINARY_DIR "/tests/fault_ftpd/fault_ftpd, "
                   "--host, \"{host}\", --port, \"{port}\", --root, \"{root}\", --user, alice, "
                   "--password, s3cret]\n  root: root\n  ready: {timeout: 5s}\n");
}

TEST(Cli, RunWithAWrongPasswordExitsThreeOnceBeforeTheCases) {
  TempDir dir;
  const std::string profile = fault_ftpd_profile(dir);
  const Ran r = rfcheck({"run", "--target", profile, "--specs", kSpecs, "--filter", "ftp.noop",
                         "--password", "wrong"});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_THAT(r.output, HasSubstr("login refused (530"));
  EXPECT_THAT(r.output, HasSubstr("for user 'alice': check --user/--password"));
  EXPECT_THAT(r.output, Not(HasSubstr("ftp.noop.")));  // no case ran

  // The profile's own password logs in: the cases run.
  const Ran right = rfcheck({"run", "--target", profile, "--specs", kSpecs, "--filter", "ftp.noop"});
  EXPECT_EQ(right.exit_code, 0) << right.output;
  EXPECT_THAT(right.output, Not(HasSubstr("login refused")));
}

TEST(Cli, RunWithAPortForALaunchingProfileExitsTwo) {
  TempDir dir;
  const Ran r = rfcheck({"run", "--target", fault_ftpd_profile(dir), "--specs", kSpecs,
                         "--port", "2121"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--port: the profile launches its server on a port of its own"));
}

TEST(Cli, OptionErrorsNameTheOptionAndTheValue) {
  const int port = closed_port();
  const Ran far = rfcheck({"run", "--protocol", "ftp", "--port", "70000", "--specs", kSpecs});
  EXPECT_EQ(far.exit_code, 2) << far.output;
  EXPECT_THAT(far.output, HasSubstr("--port"));

  const Ran bare = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--specs",
                            kSpecs, "--step-timeout", "5"});
  EXPECT_EQ(bare.exit_code, 2) << bare.output;
  EXPECT_THAT(bare.output, HasSubstr("--step-timeout takes a duration with its unit"));
  EXPECT_THAT(bare.output, HasSubstr("not '5'"));
  EXPECT_THAT(bare.output, Not(HasSubstr("--fail-on")));

  const Ran typo = rfcheck({"frobnicate"});
  EXPECT_EQ(typo.exit_code, 2) << typo.output;
  EXPECT_THAT(typo.output, HasSubstr("unknown subcommand 'frobnicate'; known: run, list, lint"));
}

TEST(Cli, RunWithAnUnwritableReportExitsTwoBeforeTheRun) {
  TempDir dir;
  const std::string file = dir.write("plain-file", "x");  // a file where a folder should be
  const int port = closed_port();  // had the run started, it would exit 3
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(port), "--specs",
                         kSpecs, "--report", "json:" + file + "/out/report.json"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("cannot write report " + file + "/out/report.json: cannot "
                                  "create directory"));
  // The message says it once.
  EXPECT_EQ(r.output.find("cannot write report"), r.output.rfind("cannot write report"));
}

TEST(Cli, RunTakesAHostNameAndTriesEachOfItsAddresses) {
  // localhost is ::1 and 127.0.0.1; the listener is on 127.0.0.1 only, so reaching it means
  // the second address was tried. It never greets: the greeting case fails, it is no exit 3.
  SilentListener server;
  ASSERT_GT(server.port(), 0);
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--host", "localhost", "--port",
                         std::to_string(server.port()), "--specs", kSpecs, "--step-timeout",
                         "2s", "--filter", "ftp.reply.greeting"});
  EXPECT_THAT(r.output, Not(HasSubstr("not an IP address")));
  EXPECT_THAT(r.output, Not(HasSubstr("cannot connect")));
  EXPECT_EQ(r.exit_code, 1) << r.output;
}

TEST(Cli, ImplicitTlsAgainstAPlaintextServerIsOneErrorNotAFailurePerCase) {
  TempDir dir;
  const Ran r = rfcheck({"run", "--target", fault_ftpd_profile(dir, "tls: implicit\n"), "--specs",
                         kSpecs, "--filter", "ftp.noop"});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_THAT(r.output, HasSubstr("does not speak TLS from the first byte"));
  EXPECT_THAT(r.output, Not(HasSubstr("ftp.noop.")));
}

TEST(Cli, ASilentTargetEndsTheRunWithExitThreeAndTheJsonReportSaysWhy) {
  // Accepts connections (the kernel's backlog) and never says a word.
  SilentListener server;
  ASSERT_GT(server.port(), 0);
  TempDir dir;
  const std::string json_path = dir.str() + "/report.json";
  const auto started = std::chrono::steady_clock::now();
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(server.port()),
                         "--specs", kSpecs, "--step-timeout", "200ms", "--user", "alice",
                         "--password", "secret", "--report", "json:" + json_path});
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_THAT(r.output, HasSubstr("the target stopped answering: 3 cases in a row heard nothing"));
  EXPECT_LT(took, std::chrono::seconds(20));  // not a timeout for each of ~150 cases
  std::ifstream in(json_path);
  ASSERT_TRUE(in) << "no JSON report at exit 3";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("\"ended_early\": \"the target stopped answering"));
  EXPECT_THAT(text.str(), HasSubstr("not run: the target stopped answering"));
}

TEST(Cli, TheJsonReportIsWrittenWhenTheTargetCannotBeReached) {
  TempDir dir;
  const std::string json_path = dir.str() + "/report.json";
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(closed_port()),
                         "--specs", kSpecs, "--report", "json:" + json_path});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  std::ifstream in(json_path);
  ASSERT_TRUE(in) << "no JSON report at exit 3";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("\"ended_early\": \"cannot connect to 127.0.0.1:"));
}

TEST(Cli, AServerThatDiesIsReportedWithItsCaseAndRestartedForTheRest) {
  // fault_ftpd --fault crash: the whole server aborts on SYST. ftp.type.ascii runs after
  // ftp.syst.system-name (id order), on the restarted server.
  TempDir dir;
  const std::string profile = dir.write(
      "crash.yaml",
      "name: fault-ftpd-crash\nprotocol: ftp\nhost: 127.0.0.1\nport: auto\n"
      "credentials: {user: alice, password: s3cret}\n"
      "launch:\n  command: [" RFCHECK_BINARY_DIR "/tests/fault_ftpd/fault_ftpd, --host, \"{host}\", "
      "--port, \"{port}\", --root, \"{root}\", --user, alice, --password, s3cret, --fault, crash]\n"
      "  root: root\n  ready: {timeout: 5s}\n");
  const std::string json_path = dir.str() + "/report.json";
  const Ran r = rfcheck({"run", "--target", profile, "--specs", kSpecs, "--filter", "ftp.syst",
                         "--filter", "ftp.type.ascii", "--report", "json:" + json_path});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  // The server hung up on SYST unanswered, so its death is awaited (ASan's abort takes a
  // moment) and named after SYST's case, not the next one.
  EXPECT_THAT(r.output, HasSubstr("killed by signal 6 (SIGABRT)"));
  EXPECT_THAT(r.output, HasSubstr("restarted it for the remaining cases (restart 1 of at most 5)"));
  std::ifstream in(json_path);
  ASSERT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("the server died during case ftp.syst."));
  // Spec files are named from the specs root, never by a path of the machine that ran them.
  EXPECT_THAT(text.str(), HasSubstr("\"failed_at\": \"ftp/rfc959/"));
  EXPECT_THAT(text.str(), ::testing::Not(HasSubstr(RFCHECK_SOURCE_DIR "/specs")));
}

}  // namespace
