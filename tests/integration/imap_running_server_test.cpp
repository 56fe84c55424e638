// The IMAP suite against a server rfcheck cannot reset (Dovecot launched from
// targets/dovecot-imap.yaml with its `maildrop:` taken away, as if it were a server someone
// else runs): each case that needs the suite's messages gets a mailbox of its own, filled
// with CREATE and APPEND, and every mailbox named with the case's token is removed when the
// case ends. Cases about the account's INBOX itself are inconclusive, and say why.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "protocols/registry.h"
#include "runner/case_filter.h"
#include "runner/run.h"
#include "spec/spec_loader.h"
#include "spec/target_loader.h"

namespace rfcheck {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kSource = RFCHECK_SOURCE_DIR;

// The note the runner records for a step of this connection ("provision", "cleanup").
std::string note_on(const CaseResult& r, const std::string& connection) {
  std::string out;
  for (const auto& t : r.transcript) {
    if (t.kind == TranscriptEntry::Kind::kNote && t.connection == connection) out = t.text;
  }
  return out;
}

TEST(ImapRunningServer, CasesGetAMailboxOfTheirOwnAndLeaveNothing) {
  if (geteuid() != 0 || !std::filesystem::exists("/usr/sbin/dovecot")) {
    GTEST_SKIP() << "needs root and /usr/sbin/dovecot (scripts/install-deps.sh installs it)";
  }
  auto profile = load_target_profile(kSource + "/targets/dovecot-imap.yaml");
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(profile));
  TargetProfile target = std::get<TargetProfile>(profile);
  target.maildrop.reset();  // no way to reset an account: as against a running server
  target.accounts.clear();
  auto specs = load_spec_dir(kSource + "/specs/imap");
  ASSERT_TRUE(specs.ok());

  RunRequest request;
  request.specs = &specs.specs;
  request.target = target;
  request.protocol = find_protocol("imap");
  request.jobs = 2;
  // Messages read and changed (FETCH, STORE, EXPUNGE), mailboxes made (CREATE, COPY), and
  // the cases about INBOX among them.
  request.filter.id_prefixes = {"imap.fetch.rfc822", "imap.store.", "imap.expunge.",
                                "imap.copy.", "imap.create.", "imap.select.inbox-any-case"};
  const auto outcome = execute_run(request);
  ASSERT_EQ(outcome.status, RunOutcome::Status::kCompleted) << outcome.error;

  int provisioned = 0, about_inbox = 0;
  for (const auto& r : outcome.result.cases) {
    SCOPED_TRACE(r.id + ": " + r.reason);
    EXPECT_NE(r.verdict, Verdict::kFail);
    EXPECT_NE(r.verdict, Verdict::kError);
    if (r.reason.find("about the account's INBOX") != std::string::npos) {
      ++about_inbox;
      EXPECT_EQ(r.verdict, Verdict::kInconclusive);
      continue;
    }
    const std::string provision = note_on(r, "provision");
    if (!provision.empty()) {
      ++provisioned;
      EXPECT_THAT(provision, HasSubstr("6 messages are in rfcheck_maildrop_"));
      // The mailbox it was given, and any the case made, are gone again.
      EXPECT_THAT(note_on(r, "cleanup"), StartsWith("removed "));
      EXPECT_THAT(note_on(r, "cleanup"), HasSubstr("rfcheck_maildrop_"));
    }
    EXPECT_THAT(note_on(r, "cleanup"), ::testing::Not(HasSubstr("still there")));
  }
  EXPECT_GE(provisioned, 15);
  EXPECT_GE(about_inbox, 2);  // imap.create.inbox, imap.select.inbox-any-case, ...
}

}  // namespace
}  // namespace rfcheck
