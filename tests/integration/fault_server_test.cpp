// The FTP suite (specs/ftp) against fault_ftpd (tests/fault_ftpd), through the runner library:
// the clean server passes every case, and each --fault NAME is caught by the case written for
// the rule that fault breaks. Every server is launched (and stopped) by execute_run.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
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

const std::string kServer = RFCHECK_BINARY_DIR "/tests/fault_ftpd/fault_ftpd";

// FaultExpectation (fault_run.h): one fault, the cases that must fail with it, and the cases
// its run selects besides them; the clean run below runs everything.
const std::vector<FaultExpectation>& fault_table() {
  static const std::vector<FaultExpectation> table = {
      // fault                  cases that must fail with it
      {"wrong-code", {"ftp.noop.replies-ok", "ftp.reply.code-digits"}, {}},
      {"broken-multiline", {"ftp.reply.multiline-help", "ftp.help.no-argument", "ftp.stat.file"}, {}},
      {"bare-lf", {"ftp.reply.greeting", "ftp.noop.replies-ok"}, {}},
      {"type-i-corrupt", {"ftp.retr.binary-exact-pasv", "ftp.retr.binary-exact-port",
                          "ftp.epsv.retr-binary-exact"}, {}},
      {"data-left-open", {"ftp.retr.binary-exact-pasv", "ftp.list.ascii-crlf", "ftp.nlst.names-only"}, {}},
      // ftp.pwd.quoted-pathname is a SHOULD (the quoted form is MKD's "should", RFC 959
      // App. II); ftp.cwd.created-directory-pwd is the MUST case whose PWD goes unanswered.
      {"no-reply", {"ftp.pwd.quoted-pathname", "ftp.cwd.created-directory-pwd"}, {}},
      {"crash", {"ftp.syst.system-name"}, {}},
      {"accept-bad-password", {"ftp.pass.wrong-password", "ftp.security.421-before-close"}, {}},
      // CRLF line ends in TYPE A are RFC 959 3.1.1.1's "should": the cases that need the
      // conversion are SHOULDs, and the MUST cases of 5.1 accept either line end.
      {"no-type-a-conversion", {"ftp.retr.text-type-a-crlf", "ftp.stor.type-a-roundtrip"}, {},
       Level::kShould},
      {"rest-ignored", {"ftp.rest.retr-from-offset"}, {"ftp.rest."}},
      {"rnto-without-rnfr", {"ftp.rnto.without-rnfr"}, {"ftp.rnfr."}},
      {"pasv-other-host", {"ftp.pasv.reply-host-port"}, {}},
      {"case-sensitive", {"ftp.command.lowercase-login", "ftp.command.mixed-case"}, {}},
      {"dele-noop", {"ftp.dele.removes-file"}, {"ftp.dele."}},
      {"quit-no-close", {"ftp.quit.after-login", "ftp.quit.before-login"}, {}},
      {"mkd-bad-quote", {"ftp.mkd.reply-absolute-pathname", "ftp.pwd.quoted-pathname"}, {}},
      {"stou-unnamed", {"ftp.stou.reply-names-file"}, {"ftp.stou."}},
      // Serving before login and leaving the root are choices RFC 959 leaves to the server;
      // the profile declares fault_ftpd's (policy.login_required, policy.confined_root), and
      // the policy cases hold it to them.
      {"no-login-required", {"ftp.security.login-required-list", "ftp.security.login-required-cwd"},
       {"ftp.security.login-required-"}},
      // Access controls are RFC 959 2.2's "prerogative", so the confined-root cases are MAYs.
      {"path-escape", {"ftp.security.confined-root-cwd-up"}, {"ftp.security.confined-root-"},
       Level::kMay},
  };
  return table;
}

const SpecLoadResult& ftp_load() { return suite_specs("ftp"); }
const SpecSet& ftp_specs() { return ftp_load().specs; }

std::string load_errors() { return spec_load_errors(ftp_load()); }

TargetProfile fault_ftpd_profile(const std::string& fault) {
  TargetProfile t;
  t.name = fault.empty() ? "fault_ftpd" : "fault_ftpd --fault " + fault;
  t.protocol = "ftp";
  t.host = "127.0.0.1";
  t.port = std::nullopt;  // auto
  t.variables = {{"user", "u"}, {"password", "p"},
                 {"policy.login_required", "yes"}, {"policy.confined_root", "yes"}};
  t.launch = fault_launch({kServer, "--root", "{root}", "--port", "{port}", "--user", "u", "--password", "p"},
                           fault);
  return t;
}

RunOutcome run_suite(const std::string& fault, CaseFilter filter) {
  return run_fault_suite(ftp_specs(), fault_ftpd_profile(fault), std::move(filter), 20s);
}


TEST(FaultServerTest, SpecsLoad) {
  ASSERT_TRUE(ftp_load().ok()) << load_errors();
  EXPECT_EQ(ftp_specs().protocol, "ftp");
  EXPECT_GT(ftp_specs().all_cases().size(), 100u);
}

TEST(FaultServerTest, TableCoversEveryServerFault) {
  expect_table_covers_server(kServer, fault_table());
}

TEST(FaultServerTest, CleanServerPassesTheWholeSuite) {
  ASSERT_TRUE(ftp_load().ok()) << load_errors();
  expect_clean_run(run_suite, ftp_specs());
}

class FaultServerTest : public ::testing::TestWithParam<FaultExpectation> {};

TEST_P(FaultServerTest, CaughtBySuite) {
  ASSERT_TRUE(ftp_load().ok()) << load_errors();
  expect_caught(run_suite, ftp_specs(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultServerTest, ::testing::ValuesIn(fault_table()),
                         fault_test_name);

}  // namespace
}  // namespace rfcheck
