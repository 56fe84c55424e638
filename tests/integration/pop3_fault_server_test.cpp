// The POP3 suite (specs/pop3) against fault_pop3d (tests/fault_pop3d), through the runner
// library: the clean server passes every case, and each --fault NAME is caught by the cases
// written for the rule that fault breaks. Every server is launched (and stopped) by execute_run.
// The POP3 sibling of fault_server_test.cpp (FTP); the shared helpers are in fault_run.h.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/target_profile.h"
#include "fault_run.h"
#include "runner/case_filter.h"
#include "protocols/registry.h"
#include "runner/run.h"
#include "spec/spec_loader.h"

namespace rfcheck {
namespace {

using namespace std::chrono_literals;
using namespace fault_run;

const std::string kServer = RFCHECK_BINARY_DIR "/tests/fault_pop3d/fault_pop3d";

// Each fault's run selects only its expected cases (plus also_run prefixes).
const std::vector<FaultExpectation>& fault_table() {
  static const std::vector<FaultExpectation> table = {
      // fault                  cases that must fail with it
      {"renumber-after-dele", {"pop3.dele.numbers-unchanged", "pop3.dele.later-references-refused"}, {}},
      {"dele-immediate", {"pop3.rset.unmarks", "pop3.update.dropped-connection"}, {}},
      {"rset-no-unmark", {"pop3.rset.unmarks", "pop3.update.rset-then-quit"}, {}},
      {"update-on-drop", {"pop3.update.dropped-connection"}, {}},
      {"stat-counts-deleted", {"pop3.stat.excludes-deleted", "pop3.stat.all-deleted"}, {}},
      {"list-deleted", {"pop3.dele.later-references-refused"}, {}},
      {"lf-octets", {"pop3.list.crlf-octets", "pop3.stat.drop-listing"}, {}},
      {"no-byte-stuffing", {"pop3.multiline.byte-stuffing", "pop3.retr.each-message"}, {}},
      {"no-terminator", {"pop3.retr.plain", "pop3.multiline.byte-stuffing"}, {}},
      {"lowercase-ok", {"pop3.status.ok-upper-case", "pop3.greeting.positive"}, {}},
      {"bare-lf", {"pop3.greeting.positive", "pop3.noop.positive"}, {}},
      {"long-greeting", {"pop3.greeting.one-line", "pop3.greeting.positive"}, {}},
      {"case-sensitive", {"pop3.syntax.keyword-lower-case", "pop3.syntax.keyword-mixed-case"}, {}},
      {"stat-before-login", {"pop3.state.stat-list-before-login"}, {}},
      {"pass-without-user", {"pop3.pass.without-user"}, {}},
      {"any-password", {"pop3.pass.wrong-password", "pop3.resp-codes.failed-login"}, {}},
      {"apop-any-digest", {"pop3.apop.wrong-digest"}, {}},
      {"apop-no-timestamp", {"pop3.apop.digest-without-timestamp"}, {}},
      {"same-timestamp", {"pop3.apop.timestamp-changes"}, {}},
      {"no-lock", {"pop3.lock.second-session"}, {}},
      {"top-ignores-count", {"pop3.top.some-lines", "pop3.top.zero-lines"}, {}},
      {"top-no-blank-line", {"pop3.top.zero-lines", "pop3.top.exact-line-count"}, {}},
      {"uidl-unstable", {"pop3.uidl.stable-after-quit", "pop3.uidl.stable-after-drop"}, {}},
      {"uidl-too-long", {"pop3.uidl.listing", "pop3.uidl.single"}, {}},
      {"top-unavailable", {"pop3.capa.top-available"}, {}},
      {"capa-shrinks", {"pop3.capa.both-states-user"}, {}},
      {"pipelining-drops", {"pop3.pipelining.stat-list-noop", "pop3.pipelining.login-batch"}, {}},
      {"quit-no-close", {"pop3.quit.transaction", "pop3.update.removes-marked"}, {}},
  };
  return table;
}

// Faults no case can catch yet, and why. Each must still be a fault the server knows.
const std::map<std::string, std::string>& uncaught_faults() {
  static const std::map<std::string, std::string> uncaught = {
      {"removes-retrieved",
       "not a protocol violation by itself: RFC 1939 8 lets a site delete read messages by its "
       "own policy; it would be one for a server announcing EXPIRE NEVER (RFC 2449 6.7), which "
       "fault_pop3d does not"},
      {"short-command-limit",
       "the 255-octet command cases can only use an unknown command (-ERR whether the server "
       "read the line whole or refused it as too long): no RFC 1939 command takes an argument "
       "that long that a server must accept"},
  };
  return uncaught;
}

// A case the clean server fails on purpose, and why.
const std::map<std::string, std::string>& clean_exceptions() {
  static const std::map<std::string, std::string> exceptions = {
      {"pop3.apop.not-also-pass",
       "fault_pop3d offers APOP and USER/PASS to its one user, so the whole suite runs against "
       "one account; RFC 1939 13 says a server should not (SHOULD, not gated)"},
  };
  return exceptions;
}

const SpecLoadResult& pop3_load() { return suite_specs("pop3"); }
const SpecSet& pop3_specs() { return pop3_load().specs; }

std::string load_errors() { return spec_load_errors(pop3_load()); }

// targets/fault-pop3d.yaml, with this build's server and without resource limits (a sanitizer
// build reserves far more address space than RLIMIT_AS would allow).
TargetProfile fault_pop3d_profile(const std::string& fault) {
  TargetProfile t;
  t.name = fault.empty() ? "fault_pop3d" : "fault_pop3d --fault " + fault;
  t.protocol = "pop3";
  t.host = "127.0.0.1";
  t.port = std::nullopt;  // auto
  t.variables = {{"user", "alice"}, {"password", "s3cret"}};
  MaildropSpec maildrop;
  maildrop.maildir = "{workdir}/Maildir";
  maildrop.owner = "root";
  t.maildrop = maildrop;
  t.launch = fault_launch({kServer, "--host", "{host}", "--port", "{port}",
                    "--maildrop", "{workdir}/Maildir", "--user", "alice", "--password", "s3cret"},
                           fault);
  return t;
}

RunOutcome run_suite(const std::string& fault, CaseFilter filter) {
  return run_fault_suite(pop3_specs(), fault_pop3d_profile(fault), std::move(filter), 30s);
}

TEST(Pop3FaultServerTest, SpecsLoad) {
  ASSERT_TRUE(pop3_load().ok()) << load_errors();
  EXPECT_EQ(pop3_specs().protocol, "pop3");
  EXPECT_GT(pop3_specs().all_cases().size(), 100u);
}

TEST(Pop3FaultServerTest, TableCoversEveryServerFault) {
  expect_table_covers_server(kServer, fault_table(), uncaught_faults());
}

TEST(Pop3FaultServerTest, CleanServerPassesTheWholeSuite) {
  ASSERT_TRUE(pop3_load().ok()) << load_errors();
  expect_clean_run(run_suite, pop3_specs(), clean_exceptions());
}

class Pop3FaultServerTest : public ::testing::TestWithParam<FaultExpectation> {};

TEST_P(Pop3FaultServerTest, CaughtBySuite) {
  ASSERT_TRUE(pop3_load().ok()) << load_errors();
  expect_caught(run_suite, pop3_specs(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Faults, Pop3FaultServerTest, ::testing::ValuesIn(fault_table()),
                         fault_test_name);

// A fault the suite cannot catch yet is listed, with the reason, as a skipped test.
TEST(Pop3FaultServerTest, UncaughtFaults) {
  std::string list;
  for (const auto& [name, why] : uncaught_faults()) list += "\n  " + name + ": " + why;
  if (!list.empty()) GTEST_SKIP() << "faults no POP3 case can catch yet:" << list;
}

}  // namespace
}  // namespace rfcheck
