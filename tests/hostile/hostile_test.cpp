// rfcheck run against each behaviour of tests/hostile_server (one profile per behaviour,
// launched by rfcheck itself): rfcheck must end with a clear verdict (exit 0, 1, 3 or 4; no
// sanitizer report; for most behaviours, words that name the problem), within its time-outs,
// under a memory cap, and leave no process of the server behind (docs/robustness.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../cli/cli_support.h"
#include "run_measured.h"

namespace {

using cli_testing::TempDir;
using hostile_testing::Measured;
using ::testing::HasSubstr;

const std::string kServer = RFCHECK_BINARY_DIR "/tests/hostile_server/hostile_server";

struct Hostile {
  const char* behaviour;
  const char* protocol;
  std::vector<std::string> cases;  // --filter prefixes: where the hostility bites
  const char* says = "";            // a phrase rfcheck's output must contain ("" = none checked)
  bool implicit_tls = false;
};

// How ctest and gtest name a behaviour in their output (instead of the struct's bytes).
void PrintTo(const Hostile& h, std::ostream* out) { *out << h.protocol << " " << h.behaviour; }

// The time-outs every run gets: small, so the corpus stays quick.
constexpr const char* kStepTimeout = "1s";
constexpr int kCaseTimeoutMs = 4000;
// A case ends within its time-out plus this (a step's deadline is checked between reads).
constexpr int kCaseSlackMs = 1000;
// What a run spends outside its cases: the server's readiness (ready: 5s), the login check
// (one more case's worth) and the stop (3 s grace, then SIGKILL).
constexpr int kRunOverheadMs = 5000 + kCaseTimeoutMs + kCaseSlackMs + 3500;
// The process's wall time on top of the run's own: loading the ASan binary and the specs,
// which takes 15-20 s on a 2-core machine under a parallel build (2-3 s idle).
constexpr int kStartupAllowanceMs = 45000;
// Peak RSS of the ASan/UBSan debug rfcheck process (docs/robustness.md): a clean one-case
// run peaks at 205-235 MiB under ASan (shadow memory, quarantine); a hostile run may add no
// more than the 64 MiB a release run is allowed in all.
constexpr long kAsanRssCapKib = 320 * 1024;

// Every "duration_ms" of the JSON report: the run's first, then one per case.
std::vector<long> durations_ms(const std::string& json) {
  std::vector<long> out;
  static const std::string key = "\"duration_ms\": ";
  for (auto at = json.find(key); at != std::string::npos; at = json.find(key, at + 1))
    out.push_back(std::atol(json.c_str() + at + key.size()));
  return out;
}

std::string profile(const TempDir& dir, const Hostile& h, const std::string& marker) {
  std::string text = "name: hostile\nprotocol: " + std::string(h.protocol) +
                     "\nhost: 127.0.0.1\nport: auto\ncredentials: {user: alice, password: s3cret}\n";
  if (h.implicit_tls) text += "tls: implicit\n";
  if (std::string(h.protocol) == "pop3" || std::string(h.protocol) == "imap")
    text += "maildrop:\n  maildir: \"{workdir}/Maildir\"\n  owner: root\n";
  if (std::string(h.protocol) == "smtp")
    text += "vars: {rcpt: alice@hostile.test, policy.starttls: \"yes\"}\n";
  text += "launch:\n  command: [" + kServer + ", --host, \"{host}\", --port, \"{port}\", " +
          "--behaviour, " + h.behaviour + ", --marker, " + marker + "]\n  ready: {timeout: 5s}\n";
  return dir.write("hostile.yaml", text);
}

class HostileServer : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileServer, EndsWithAVerdictInTimeAndMemoryLeavingNothingRunning) {
  const Hostile& h = GetParam();
  TempDir dir;
  const std::string marker = "hostile-marker-" + std::to_string(getpid());
  std::vector<std::string> argv{cli_testing::kRfcheck, "run", "--target", profile(dir, h, marker),
                                "--specs", RFCHECK_SOURCE_DIR "/specs/" + std::string(h.protocol),
                                "--step-timeout", kStepTimeout, "--case-timeout",
                                std::to_string(kCaseTimeoutMs) + "ms", "--report",
                                "json:" + dir.str() + "/report.json"};
  for (const auto& c : h.cases) argv.insert(argv.end(), {"--filter", c});
  const std::chrono::milliseconds run_bound(kRunOverheadMs);  // plus the cases, below
  const Measured m = hostile_testing::run_measured(argv, std::chrono::seconds(180));
  const auto left = hostile_testing::processes_marked(marker);
  hostile_testing::kill_marked(marker);  // the test stops what the run did not

  RecordProperty("wall_ms", static_cast<int>(m.wall.count()));
  RecordProperty("max_rss_kib", static_cast<int>(m.max_rss_kib));
  RecordProperty("exit_code", m.exit_code);
  std::printf("HOSTILE %s exit=%d wall=%lldms rss=%ldKiB\n", h.behaviour, m.exit_code,
              static_cast<long long>(m.wall.count()), m.max_rss_kib);
  std::fflush(stdout);
  EXPECT_FALSE(m.killed_by_test) << "rfcheck hung; output:\n" << m.output;
  EXPECT_THAT((std::vector<int>{0, 1, 3, 4}), ::testing::Contains(m.exit_code)) << m.output;
  EXPECT_THAT(m.output, Not(HasSubstr("Sanitizer"))) << m.output;
  EXPECT_THAT(m.output, Not(HasSubstr("runtime error:"))) << m.output;
  const std::string json = cli_testing::read_file(dir.str() + "/report.json");
  const std::vector<long> took = durations_ms(json);
  ASSERT_FALSE(took.empty()) << "no JSON report; output:\n" << m.output;
  long cases_ms = 0;
  for (std::size_t i = 1; i < took.size(); ++i) {
    EXPECT_LE(took[i], kCaseTimeoutMs + kCaseSlackMs) << "case " << i << " overran its time-out";
    cases_ms += kCaseTimeoutMs + kCaseSlackMs;
  }
  EXPECT_LE(took[0], run_bound.count() + cases_ms) << m.output;
  EXPECT_LE(m.wall.count(), run_bound.count() + cases_ms + kStartupAllowanceMs) << m.output;
  EXPECT_LT(m.max_rss_kib, kAsanRssCapKib) << m.output;
  EXPECT_TRUE(left.empty()) << left.size() << " process(es) of the server outlived rfcheck";
  if (*h.says) {
    EXPECT_THAT(m.output, HasSubstr(h.says)) << m.output;
  }
}

// clang-format off
const Hostile kCorpus[] = {
    {"ftp-no-greeting", "ftp", {"ftp.noop.replies-ok"}, "no reply within 1s"},
    {"ftp-accept-close", "ftp", {"ftp.noop.replies-ok"}, "the server closed the connection instead of replying"},
    {"ftp-endless-greeting", "ftp", {"ftp.noop.replies-ok"}, "overlong-line"},
    {"ftp-endless-line-noop", "ftp", {"ftp.noop.replies-ok"}, "a reply was still arriving"},
    {"ftp-10gb-help", "ftp", {"ftp.help.no-argument"}, "a reply was still arriving"},
    {"ftp-10gb-wide-help", "ftp", {"ftp.help.no-argument"}, "a reply was still arriving"},
    {"ftp-100k-lines-help", "ftp", {"ftp.help.no-argument"}},
    {"ftp-2mb-line-noop", "ftp", {"ftp.noop.replies-ok"}, "overlong-line"},
    {"ftp-drip-greeting", "ftp", {"ftp.noop.replies-ok"}},
    {"ftp-unsolicited-noop", "ftp", {"ftp.noop.replies-ok"}},
    {"ftp-reset-mid-greeting", "ftp", {"ftp.noop.replies-ok"}, "login refused (connection closed)"},
    {"ftp-reset-mid-reply", "ftp", {"ftp.noop.replies-ok"}, "partial-at-close"},
    {"ftp-half-close-after-greeting", "ftp", {"ftp.noop.replies-ok"}, "login refused (connection closed)"},
    {"ftp-garbage-greeting", "ftp", {"ftp.noop.replies-ok"}, "nul-byte"},
    {"ftp-garbage-reply", "ftp", {"ftp.noop.replies-ok"}, "the reply has no valid status"},
    {"ftp-cr-only", "ftp", {"ftp.noop.replies-ok"}},
    {"ftp-421-always", "ftp", {"ftp.noop.replies-ok"}, "login refused (421 closing"},
    {"ftp-greeting-then-silence", "ftp", {"ftp.noop.replies-ok"}, "login refused (no reply)"},
    {"ftp-fork-children", "ftp", {"ftp.noop.replies-ok", "ftp.syst.system-name"}},
    {"ftp-daemon-child", "ftp", {"ftp.noop.replies-ok", "ftp.syst.system-name"}},
    {"ftp-227-other-host", "ftp", {"ftp.pasv.reply-host-port"}, "the 227 reply names 10.1.2.3"},
    {"ftp-pasv-port-0", "ftp", {"ftp.pasv.reply-host-port"}, "the reply names port 0"},
    {"ftp-epsv-bogus", "ftp", {"ftp.epsv.reply-format"}},
    {"ftp-data-never-closes", "ftp", {"ftp.list.lists-current-directory"}, "did not close the data connection"},
    {"ftp-data-never-connects", "ftp", {"ftp.list.over-port"}, "did not open the data connection"},
    {"smtp-no-greeting", "smtp", {"smtp.reply.greeting"}, "no reply within 1s"},
    {"smtp-endless-greeting", "smtp", {"smtp.reply.greeting"}, "a reply was still arriving"},
    {"smtp-10gb-ehlo", "smtp", {"smtp.ehlo.reply-domain"}},
    {"smtp-10gb-wide-ehlo", "smtp", {"smtp.ehlo.reply-domain"}},
    {"smtp-100k-lines-ehlo", "smtp", {"smtp.ehlo.reply-domain"}},
    {"smtp-2mb-line-noop", "smtp", {"smtp.noop.reply-250"}},
    {"smtp-drip-greeting", "smtp", {"smtp.reply.greeting"}},
    {"smtp-unsolicited-noop", "smtp", {"smtp.noop.reply-250"}},
    {"smtp-reset-mid-reply", "smtp", {"smtp.ehlo.reply-domain"}, "partial-at-close"},
    {"smtp-garbage-reply", "smtp", {"smtp.noop.reply-250"}, "the reply has no valid status"},
    {"smtp-421-always", "smtp", {"smtp.ehlo.reply-domain"}, "unexpected reply code 421"},
    {"smtp-starttls-plaintext", "smtp", {"smtp.starttls.handshake"}, "the TLS handshake failed"},
    {"smtp-tls-garbage", "smtp", {"smtp.reply.greeting"}, "does not speak TLS from the first byte", true},
    {"smtp-fork-children", "smtp", {"smtp.reply.greeting", "smtp.noop.reply-250"}},
    {"pop3-no-greeting", "pop3", {"pop3.greeting.positive"}, "no reply within 1s"},
    {"pop3-endless-line-retr", "pop3", {"pop3.retr.plain"}, "a reply was still arriving"},
    {"pop3-10gb-retr", "pop3", {"pop3.retr.plain"}, "a reply was still arriving"},
    {"pop3-100k-lines-list", "pop3", {"pop3.list.scan-listing"}},
    {"pop3-2mb-line-stat", "pop3", {"pop3.stat.drop-listing"}},
    {"pop3-retr-no-terminator", "pop3", {"pop3.retr.plain"}, "a reply was still arriving"},
    {"pop3-list-no-terminator-close", "pop3", {"pop3.list.scan-listing"}},
    {"pop3-half-close-after-greeting", "pop3", {"pop3.noop.positive"}},
    {"pop3-cr-only", "pop3", {"pop3.greeting.positive"}},
    {"pop3-reset-mid-greeting", "pop3", {"pop3.greeting.positive"}, "partial-at-close"},
    {"pop3-stls-plaintext", "pop3", {"pop3.stls.handshake"}, "the TLS handshake failed"},
    {"pop3-tls-garbage", "pop3", {"pop3.greeting.positive"}, "does not speak TLS from the first byte", true},
    {"pop3-daemon-child", "pop3", {"pop3.greeting.positive", "pop3.noop.positive"}},
    {"imap-no-greeting", "imap", {"imap.greeting.untagged-status"}, "no reply within 1s"},
    {"imap-huge-literal", "imap", {"imap.fetch.rfc822"}},
    {"imap-literal-longer", "imap", {"imap.fetch.rfc822"}},
    {"imap-literal-shorter", "imap", {"imap.fetch.rfc822"}},
    {"imap-untagged-flood", "imap", {"imap.noop.authenticated"}, "framing.too-many-replies"},
    {"imap-10gb-noop", "imap", {"imap.noop.authenticated"}},
    {"imap-10gb-wide-noop", "imap", {"imap.noop.authenticated"}},
    {"imap-endless-line-noop", "imap", {"imap.noop.authenticated"}},
    {"imap-garbage-greeting", "imap", {"imap.greeting.untagged-status"}},
    {"imap-bye-always", "imap", {"imap.noop.authenticated"}, "login refused (* BYE closing"},
    {"imap-starttls-plaintext", "imap", {"imap.starttls.handshake"}, "the TLS handshake failed"},
    {"imap-tls-garbage", "imap", {"imap.greeting.untagged-status"}, "does not speak TLS from the first byte", true},
    {"imap-drip-greeting", "imap", {"imap.greeting.untagged-status"}},
};
// clang-format on

std::string name_of(const ::testing::TestParamInfo<Hostile>& info) {
  std::string name = info.param.behaviour;
  for (char& c : name) if (c == '-') c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileServer, ::testing::ValuesIn(kCorpus), name_of);

}  // namespace
