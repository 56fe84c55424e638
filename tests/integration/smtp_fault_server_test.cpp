// The SMTP suite (specs/smtp) against fault_smtpd (tests/fault_smtpd), through the runner
// library: the clean server passes every case, and each --fault NAME is caught by the case
// written for the rule that fault breaks. Every server is launched (and stopped) by execute_run.
// The SMTP sibling of fault_server_test.cpp (FTP); the shared helpers are in fault_run.h.
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

const std::string kServer = RFCHECK_BINARY_DIR "/tests/fault_smtpd/fault_smtpd";

// Each fault's run selects only its expected cases (plus also_run prefixes): a case whose
// `mailbox:` check fails waits 10 s for the message, so the delivery faults name few cases.
const std::vector<FaultExpectation>& fault_table() {
  static const std::vector<FaultExpectation> table = {
      // fault                  cases that must fail with it
      {"no-dot-unstuffing", {"smtp.data.leading-dot-removed", "smtp.data.dot-only-line"}, {}},
      {"rcpt-before-mail", {"smtp.order.rcpt-before-mail", "smtp.rset.clears-transaction",
                            "smtp.order.ehlo-resets-transaction",
                            "smtp.order.after-data-new-transaction"}, {}},
      {"rset-no-clear", {"smtp.rset.clears-transaction", "smtp.order.rset-then-mail"},
       {"smtp.rset."}},
      {"broken-continuation", {"smtp.reply.ehlo-multiline-form", "smtp.ehlo.keyword-syntax"}, {}},
      {"no-354", {"smtp.data.delivered", "smtp.minimum.data"}, {}},
      {"bare-lf", {"smtp.reply.greeting", "smtp.noop.reply-250"}, {}},
      {"second-mail-accepted", {"smtp.order.nested-mail"}, {}},
      {"postmaster-rejected", {"smtp.rcpt.postmaster", "smtp.minimum.postmaster-case-insensitive",
                               "smtp.minimum.postmaster-no-domain"}, {}},
      {"case-sensitive", {"smtp.syntax.lowercase-commands", "smtp.syntax.mixed-case-commands"}, {}},
      {"quit-no-close",
       {"smtp.quit.reply-221-close", "smtp.minimum.quit", "smtp.quit.before-hello"}, {}},
      {"crash", {"smtp.vrfy.reply-form", "smtp.minimum.vrfy"}, {}},
      {"truncate-body", {"smtp.data.delivered", "smtp.minimum.data"}, {}},
      {"data-early-end", {"smtp.data.bare-lf-dot-not-end", "smtp.data.lf-dot-crlf-not-end"}, {}},
      {"wrong-greeting", {"smtp.reply.greeting", "smtp.reply.greeting-domain"}, {}},
      {"ehlo-no-domain", {"smtp.ehlo.reply-domain"}, {}},
      // "servers SHOULD ignore" the argument (4.1.1.9): a SHOULD. The 512-octet command line
      // case (NOOP with a long argument, 4.5.3.1) takes a 501 for the argument as the line
      // received, so it no longer fails here.
      {"noop-arg-rejected", {"smtp.noop.argument-ignored"}, {}, Level::kShould},
  };
  return table;
}

// Faults no case can catch yet, and why. Each must still be a fault the server knows.
const std::map<std::string, std::string>& uncaught_faults() {
  static const std::map<std::string, std::string> uncaught = {
      {"lost-recipient",
       "every recipient's copy lands in the one Maildir the profile names, and a `mailbox:` step "
       "only asks that some delivered message ends with the text sent: the first recipient's "
       "copy satisfies smtp.rcpt.several and smtp.limits.recipients-100, the others' loss is "
       "not observable (no per-recipient mailbox, no message count in the spec language)"},
  };
  return uncaught;
}

// A case the clean server fails on purpose, and why.
const std::map<std::string, std::string>& clean_exceptions() {
  static const std::map<std::string, std::string> exceptions = {
      {"smtp.expn.supported",
       "fault_smtpd answers EXPN 502 (not implemented): RFC 2821 3.5.2 says a server SHOULD "
       "support it (SHOULD, not gated); the EXPN cases that judge a reply are inconclusive"},
  };
  return exceptions;
}

const SpecLoadResult& smtp_load() { return suite_specs("smtp"); }
const SpecSet& smtp_specs() { return smtp_load().specs; }

std::string load_errors() { return spec_load_errors(smtp_load()); }

// targets/fault-smtpd.yaml, with this build's server and without resource limits (a sanitizer
// build reserves far more address space than RLIMIT_AS would allow).
TargetProfile fault_smtpd_profile(const std::string& fault) {
  TargetProfile t;
  t.name = fault.empty() ? "fault_smtpd" : "fault_smtpd --fault " + fault;
  t.protocol = "smtp";
  t.host = "127.0.0.1";
  t.port = std::nullopt;  // auto
  t.variables = {{"user", "alice"},
                 {"password", "s3cret"},
                 {"rcpt", "alice@lab.test"},
                 {"rcpt_unknown", "nobody@lab.test"},
                 {"mailbox.maildir", "{workdir}/Maildir"},  // expanded by execute_run
                 {"policy.auth", "yes"},
                 {"policy.starttls", "no"}};
  t.launch = fault_launch({kServer,
                    "--host", "{host}", "--port", "{port}",
                    "--maildir", "{workdir}/Maildir", "--domain", "lab.test",
                    "--accept", "alice@lab.test", "--accept", "bob@lab.test",
                    "--user", "alice", "--password", "s3cret"},
                           fault);
  return t;
}

RunOutcome run_suite(const std::string& fault, CaseFilter filter) {
  return run_fault_suite(smtp_specs(), fault_smtpd_profile(fault), std::move(filter), 30s);
}

TEST(SmtpFaultServerTest, SpecsLoad) {
  ASSERT_TRUE(smtp_load().ok()) << load_errors();
  EXPECT_EQ(smtp_specs().protocol, "smtp");
  EXPECT_GT(smtp_specs().all_cases().size(), 100u);
}

TEST(SmtpFaultServerTest, TableCoversEveryServerFault) {
  expect_table_covers_server(kServer, fault_table(), uncaught_faults());
}

TEST(SmtpFaultServerTest, CleanServerPassesTheWholeSuite) {
  ASSERT_TRUE(smtp_load().ok()) << load_errors();
  expect_clean_run(run_suite, smtp_specs(), clean_exceptions());
}

class SmtpFaultServerTest : public ::testing::TestWithParam<FaultExpectation> {};

TEST_P(SmtpFaultServerTest, CaughtBySuite) {
  ASSERT_TRUE(smtp_load().ok()) << load_errors();
  expect_caught(run_suite, smtp_specs(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Faults, SmtpFaultServerTest, ::testing::ValuesIn(fault_table()),
                         fault_test_name);

// A fault the suite cannot catch yet is listed, with the reason, as a skipped test.
TEST(SmtpFaultServerTest, UncaughtFaults) {
  std::string list;
  for (const auto& [name, why] : uncaught_faults()) list += "\n  " + name + ": " + why;
  if (!list.empty()) GTEST_SKIP() << "faults no SMTP case can catch yet:" << list;
}

}  // namespace
}  // namespace rfcheck
