// A server under test, as a target profile (targets/*.yaml) or the command line describes it.
// Loaded by spec/target_loader, launched by target/launcher, read by runner/.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec_model.h"

namespace rfcheck {

struct LaunchSpec {
  // argv; each element is a template: {port}, {workdir}, {pasv_min}, {pasv_max}, {root}
  std::vector<std::string> command;
  std::map<std::string, std::string> environment;  // templates
  // Files written into {workdir} before the server starts: relative path -> content template.
  std::map<std::string, std::string> files;
  // Commands run (in order, as root, without a shell) after the files are written and the
  // fixture files are placed, before the server starts: chown, chmod... argv templates.
  std::vector<std::vector<std::string>> prepare;
  // Relative to {workdir}: where the fixture files (SpecSet::files) are placed.
  std::string root = "root";
  std::chrono::milliseconds ready_timeout{10'000};
  std::optional<std::size_t> memory_limit_bytes;   // RLIMIT_AS
  std::optional<std::chrono::seconds> cpu_limit;   // RLIMIT_CPU
  std::optional<std::uint64_t> process_limit;      // RLIMIT_NPROC (per user: use with `user`)
  std::optional<std::uint64_t> file_size_limit;    // RLIMIT_FSIZE
  // Run the server as this user (a name, or a numeric uid with no passwd entry) instead of
  // ours; its workdir is given to it. Only root can: rfcheck grade confines submissions so.
  std::string user;
  SourceLocation where;
};

// A login the cases may use. A profile with several lets cases that need their own mailbox run
// in parallel: each such case holds one account while it runs (POP3's exclusive lock would
// otherwise refuse the second of two cases on one maildrop).
struct Account {
  std::string user;
  std::string password;
};

// How the runner gives a case a fresh maildrop (`maildrop: fresh` in a case).
struct MaildropSpec {
  // Template with {user}, {workdir}, ...: the account's Maildir, rewritten by the runner.
  std::string maildir;
  // The system user the rewritten files belong to (the server reads them as it).
  std::string owner;
  // Or, for a server the runner cannot reach on disk: a command that resets the account's
  // maildrop to the suite's messages (argv templates, {user}); exit 0 means done.
  std::vector<std::string> reset_command;
  SourceLocation where;
};

struct TargetProfile {
  std::string name;
  std::string protocol;
  std::string host = "127.0.0.1";
  std::optional<int> port;  // nullopt: "auto", a free port chosen at launch
  // TLS from the first byte (SMTP submissions on 465, IMAPS, POP3S, FTPS implicit); STARTTLS
  // is a spec step instead.
  bool implicit_tls = false;
  // Variables the suite uses: user, password, and anything under vars:.
  std::map<std::string, std::string> variables;
  std::optional<LaunchSpec> launch;
  // More accounts beyond credentials: (the first account); see Account.
  std::vector<Account> accounts;
  std::optional<MaildropSpec> maildrop;
  std::string baseline;  // path of the known-deviation baseline, relative to the profile
  std::string file;      // where the profile was read from
};

// A known deviation: a case id expected to fail, and why (the RFC text it breaks).
struct BaselineEntry {
  std::string id;
  std::string reason;
  // `rfcheck baseline` drafts each reason from a report and starts it with this marker: a
  // draft states what the server did, not yet that a person has judged it a deviation of
  // the server rather than of the harness or the spec. The entry counts as reviewed once a
  // person has edited the reason and removed the marker.
  static constexpr std::string_view kUnreviewedMarker = "UNREVIEWED:";
  bool unreviewed() const { return reason.rfind(kUnreviewedMarker, 0) == 0; }
};

}  // namespace rfcheck
