// The IMAP suite (specs/imap) against fault_imapd (tests/fault_imapd), through the runner
// library: the clean server passes every case, and each --fault NAME is caught by the cases
// written for the rule that fault breaks. Every server is launched (and stopped) by execute_run.
// The IMAP sibling of pop3_fault_server_test.cpp; the shared helpers are in fault_run.h.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/target_profile.h"
#include "fault_run.h"
#include "runner/run.h"

namespace rfcheck {
namespace {

using namespace std::chrono_literals;
using namespace fault_run;

const std::string kServer = RFCHECK_BINARY_DIR "/tests/fault_imapd/fault_imapd";

// Each fault's run selects only its expected cases (plus also_run prefixes).
const std::vector<FaultExpectation>& fault_table() {
  static const std::vector<FaultExpectation> table = {
      // fault                  cases that must fail with it
      {"literal-short", {"imap.fetch.partial", "imap.fetch.body-empty-section"}, {}},
      {"bare-lf", {"imap.greeting.ok-then-login", "imap.noop.not-authenticated"}, {}},
      {"wrong-tag", {"imap.greeting.ok-then-login", "imap.concurrent.append-exists"}, {}},
      {"case-sensitive", {"imap.syntax.command-lower-case", "imap.syntax.command-mixed-case"}, {}},
      {"logout-no-bye", {"imap.logout.not-authenticated", "imap.logout.selected"}, {}},
      {"examine-no-read-only", {"imap.examine.read-only"}, {}},
      {"select-no-uidvalidity", {"imap.select.uidvalidity", "imap.examine.data"}, {}},
      {"uidvalidity-changes", {"imap.select.uidvalidity-same-session", "imap.status.uidvalidity"}, {}},
      {"failed-select-keeps", {"imap.select.failed-deselects"}, {}},
      {"unseen-count", {"imap.select.unseen-rev1"}, {}},
      {"list-percent-star", {"imap.list.percent-not-delimiter", "imap.lsub.percent-noselect-parent"}, {}},
      {"rename-inbox-keeps", {"imap.rename.inbox"}, {}},
      {"append-creates", {"imap.append.missing-mailbox", "imap.append.trycreate"}, {}},
      // RFC 1730 6.3.10: "If the mailbox is currently selected, the normal new mail actions
      // should occur" (RFC 3501 6.3.11: "notify the client immediately via an untagged EXISTS").
      {"no-append-exists", {"imap.append.selected-exists"}, {}, Level::kShould},
      {"copy-no-trycreate", {"imap.copy.trycreate"}, {}},
      {"uid-reuse", {"imap.uid.not-reused"}, {}},
      {"close-sends-expunge", {"imap.close.no-expunge-responses"}, {}},
      {"expunge-original-numbers", {"imap.expunge.adjacent-decrement", "imap.expunge.apart-decrement"}, {}},
      {"expunge-during-fetch", {"imap.concurrent.no-expunge-during-fetch",
                                "imap.concurrent.no-expunge-during-store",
                                "imap.concurrent.no-expunge-during-search"}, {}},
      {"peek-sets-seen", {"imap.fetch.body-peek-no-seen"}, {}},
      {"silent-store-fetch", {"imap.store.silent-no-fetch", "imap.store.flags-silent-replaces"}, {}},
      {"store-no-fetch", {"imap.store.add", "imap.store.remove"}, {}},
      {"search-ignores-not", {"imap.search.not", "imap.search.old"}, {}},
      {"bodystructure-flat", {"imap.fetch.bodystructure-multipart", "imap.fetch.body-non-extensible"}, {}},
      {"size-lf", {"imap.fetch.rfc822-size", "imap.fetch.macro-fast"}, {}},
      {"header-no-blank-line", {"imap.fetch.body-header", "imap.fetch.rfc822-header"}, {}},
  };
  return table;
}

// Faults no case can catch, and why. Each must still be a fault the server knows.
const std::map<std::string, std::string>& uncaught_faults() {
  static const std::map<std::string, std::string> uncaught = {
      {"recent-twice",
       "indistinguishable from a conforming server: RFC 3501 2.3.2 says that if \"it is not "
       "possible to determine whether or not this session is the first session to be notified "
       "about a message, then that message SHOULD be considered recent\", so \\Recent in "
       "every session is what such a server must do"},
  };
  return uncaught;
}

// A case the clean server fails, and why (only below the gate: the clean run must not fail it).
const std::map<std::string, std::string>& clean_exceptions() {
  static const std::map<std::string, std::string> exceptions = {
      // RFC 3501 5.1.3: "Server implementations SHOULD verify that any mailbox name with an
      // embedded "&" character, used as an argument to CREATE, is: in the correctly modified
      // UTF-7 syntax, has no superfluous shifts, and has no encoding in modified BASE64 of any
      // printing US-ASCII character which can represent itself." fault_imapd takes any name.
      {"imap.mailbox-name.mutf7-unterminated-refused",
       "fault_imapd does not check modified UTF-7 in CREATE (RFC 3501 5.1.3, SHOULD, not gated)"},
      {"imap.mailbox-name.mutf7-superfluous-shift-refused",
       "fault_imapd does not check modified UTF-7 in CREATE (RFC 3501 5.1.3, SHOULD, not gated)"},
      {"imap.mailbox-name.mutf7-encoded-ascii-refused",
       "fault_imapd does not check modified UTF-7 in CREATE (RFC 3501 5.1.3, SHOULD, not gated)"},
      // RFC 3501 6.3.5: "the server SHOULD create any superior hierarchical names that are
      // needed for the RENAME command to complete successfully." fault_imapd does for CREATE only.
      {"imap.rename.superiors",
       "fault_imapd creates no superior names on RENAME (RFC 3501 6.3.5, SHOULD, not gated)"},
  };
  return exceptions;
}

const SpecLoadResult& imap_load() { return suite_specs("imap"); }
const SpecSet& imap_specs() { return imap_load().specs; }

// targets/fault-imapd.yaml, with this build's server and without resource limits (a sanitizer
// build reserves far more address space than RLIMIT_AS would allow).
TargetProfile fault_imapd_profile(const std::string& fault) {
  TargetProfile t;
  t.name = fault.empty() ? "fault_imapd" : "fault_imapd --fault " + fault;
  t.protocol = "imap";
  t.host = "127.0.0.1";
  t.port = std::nullopt;  // auto
  t.variables = {{"user", "alice"}, {"password", "s3cret"}, {"claims.imap4rev1", "yes"}};
  MaildropSpec maildrop;
  maildrop.maildir = "{workdir}/Maildir";
  maildrop.owner = "root";
  t.maildrop = maildrop;
  t.launch = fault_launch({kServer, "--host", "{host}", "--port", "{port}", "--maildir",
                           "{workdir}/Maildir", "--user", "alice", "--password", "s3cret"},
                          fault);
  return t;
}

RunOutcome run_suite(const std::string& fault, CaseFilter filter) {
  return run_fault_suite(imap_specs(), fault_imapd_profile(fault), std::move(filter), 30s);
}

TEST(ImapFaultServerTest, SpecsLoad) {
  ASSERT_TRUE(imap_load().ok()) << spec_load_errors(imap_load());
  EXPECT_GT(imap_specs().all_cases().size(), 120u);
}

TEST(ImapFaultServerTest, TableCoversEveryServerFault) {
  expect_table_covers_server(kServer, fault_table(), uncaught_faults());
}

TEST(ImapFaultServerTest, CleanServerPassesTheWholeSuite) {
  ASSERT_TRUE(imap_load().ok()) << spec_load_errors(imap_load());
  expect_clean_run(run_suite, imap_specs(), clean_exceptions());
}

class ImapFaultServerTest : public ::testing::TestWithParam<FaultExpectation> {};

TEST_P(ImapFaultServerTest, CaughtBySuite) {
  ASSERT_TRUE(imap_load().ok()) << spec_load_errors(imap_load());
  expect_caught(run_suite, imap_specs(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Faults, ImapFaultServerTest, ::testing::ValuesIn(fault_table()),
                         fault_test_name);

// A fault the suite cannot catch is listed, with the reason, as a skipped test.
TEST(ImapFaultServerTest, UncaughtFaults) {
  std::string list;
  for (const auto& [name, why] : uncaught_faults()) list += "\n  " + name + ": " + why;
  if (!list.empty()) GTEST_SKIP() << "faults no IMAP case can catch:" << list;
}

}  // namespace
}  // namespace rfcheck
