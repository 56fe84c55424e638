#include "proto/ftp_reply_table.h"

#include <array>
#include <vector>

#include "proto/code_list.h"

namespace rfcheck::proto {
namespace {

// One row per command. Code lists are written as the RFC prints them: ", " between codes
// on one line of the RFC, "; " between its lines, so a row can be checked against the
// text by eye. "4xx" stands for "any of the 4xy replies" where an RFC says so.
struct Row {
  std::string_view verb;
  std::string_view ref;
  std::string_view preliminary;
  std::string_view after_preliminary;
  std::string_view completion;
};

// clang-format off
constexpr std::array kRows = {
    // RFC 959 5.4, transcribed in the RFC's order (sed -n 2743,2990p rfc959.txt).
    // Connection Establishment: 120 / 220 indented / 220 / 421.
    Row{kFtpGreeting, "RFC 959 5.4", "120", "220", "220; 421"},
    // Login
    Row{"USER", "RFC 959 5.4", "", "", "230; 530; 500, 501, 421; 331, 332"},
    Row{"PASS", "RFC 959 5.4", "", "", "230; 202; 530; 500, 501, 503, 421; 332"},
    Row{"ACCT", "RFC 959 5.4", "", "", "230; 202; 530; 500, 501, 503, 421"},
    Row{"CWD",  "RFC 959 5.4", "", "", "250; 500, 501, 502, 421, 530, 550"},
    // RFC 959 4.1.1 adds 250: CDUP's "reply codes shall be identical to the reply codes of
    // CWD", and Appendix II repeats it.
    Row{"CDUP", "RFC 959 5.4, 4.1.1", "", "", "200; 250; 500, 501, 502, 421, 530, 550"},
    Row{"SMNT", "RFC 959 5.4", "", "", "202, 250; 500, 501, 502, 421, 530, 550"},
    // Logout
    Row{"REIN", "RFC 959 5.4", "120", "220", "220; 421; 500, 502"},
    Row{"QUIT", "RFC 959 5.4", "", "", "221; 500"},
    // Transfer parameters
    // RFC 2577 3 adds 504 as the refusal of a PORT to a privileged port or another host:
    // "the suggested response is 504".
    Row{"PORT", "RFC 959 5.4, RFC 2577 3", "", "", "200; 500, 501, 421, 530; 504"},
    Row{"PASV", "RFC 959 5.4", "", "", "227; 500, 501, 502, 421, 530"},
    Row{"MODE", "RFC 959 5.4", "", "", "200; 500, 501, 504, 421, 530"},
    Row{"TYPE", "RFC 959 5.4", "", "", "200; 500, 501, 504, 421, 530"},
    Row{"STRU", "RFC 959 5.4", "", "", "200; 500, 501, 504, 421, 530"},
    // File action commands
    Row{"ALLO", "RFC 959 5.4", "", "", "200; 202; 500, 501, 504, 421, 530"},
    Row{"REST", "RFC 959 5.4", "", "", "500, 501, 502, 421, 530; 350"},
    Row{"STOR", "RFC 959 5.4", "125, 150", "110; 226, 250; 425, 426, 451, 551, 552",
        "532, 450, 452, 553; 500, 501, 421, 530"},
    Row{"STOU", "RFC 959 5.4", "125, 150", "110; 226, 250; 425, 426, 451, 551, 552",
        "532, 450, 452, 553; 500, 501, 421, 530"},
    Row{"RETR", "RFC 959 5.4", "125, 150", "110; 226, 250; 425, 426, 451",
        "450, 550; 500, 501, 421, 530"},
    Row{"LIST", "RFC 959 5.4", "125, 150", "226, 250; 425, 426, 451",
        "450; 500, 501, 502, 421, 530"},
    Row{"NLST", "RFC 959 5.4", "125, 150", "226, 250; 425, 426, 451",
        "450; 500, 501, 502, 421, 530"},
    Row{"APPE", "RFC 959 5.4", "125, 150", "110; 226, 250; 425, 426, 451, 551, 552",
        "532, 450, 550, 452, 553; 500, 501, 502, 421, 530"},
    Row{"RNFR", "RFC 959 5.4", "", "", "450, 550; 500, 501, 502, 421, 530; 350"},
    Row{"RNTO", "RFC 959 5.4", "", "", "250; 532, 553; 500, 501, 502, 503, 421, 530"},
    Row{"DELE", "RFC 959 5.4", "", "", "250; 450, 550; 500, 501, 502, 421, 530"},
    // Appendix II: RMD's "reply codes ... are identical to the reply codes of DELE", which
    // adds 450.
    Row{"RMD",  "RFC 959 5.4, Appendix II", "", "", "250; 450; 500, 501, 502, 421, 530, 550"},
    // Appendix II: "The failure replies for MKD are analogous to its file creating cousin,
    // STOR" (STOR's 532, 450, 452, 553), and its example refuses an existing name with 521.
    Row{"MKD",  "RFC 959 5.4, Appendix II", "", "",
        "257; 500, 501, 502, 421, 530, 550; 521; 532, 450, 452, 553"},
    Row{"PWD",  "RFC 959 5.4", "", "", "257; 500, 501, 502, 421, 550"},
    Row{"ABOR", "RFC 959 5.4", "", "", "225, 226; 500, 501, 502, 421"},
    // Informational commands
    Row{"SYST", "RFC 959 5.4", "", "", "215; 500, 501, 502, 421"},
    Row{"STAT", "RFC 959 5.4", "", "", "211, 212, 213; 450; 500, 501, 502, 421, 530"},
    Row{"HELP", "RFC 959 5.4", "", "", "211, 214; 500, 501, 502, 421"},
    // Miscellaneous commands
    Row{"SITE", "RFC 959 5.4", "", "", "200; 202; 500, 501, 530"},
    Row{"NOOP", "RFC 959 5.4", "", "", "200; 500 421"},

    // Extensions. Each row allows 500 and ends with 502: RFC 2389 3 calls them "the normal
    // 'unrecognized command' reply that any unknown command would elicit" ("Where a
    // server-FTP process does not support the FEAT command, it will respond to the FEAT
    // command with a 500 or 502 reply."), and a server need not implement any extension.
    // RFC 2428 2: "the server MUST return a code of 200", "500 and 501 ... are sufficient
    // to handle most errors", 522 for an unsupported network protocol. 530 as for PORT
    // in RFC 959 5.4, which EPRT replaces.
    Row{"EPRT", "RFC 2428 2", "", "", "200; 500, 501, 522; 530; 502; 504"},
    // RFC 2428 3: entering passive mode "MUST be 229", 500 and 501 for errors, 522 for an
    // unsupported protocol. "EPSV ALL" has no success code in RFC 2428 4; RFC 959 4.2 gives
    // commands whose success "does not offer the user-process any new information" 200.
    // 530 as for PASV in RFC 959 5.4, which EPSV replaces.
    Row{"EPSV", "RFC 2428 3", "", "", "229; 200; 500, 501, 522; 530; 502"},
    // RFC 2389 3: 211 (multi-line feature listing or "no-features"), 500 or 502 when not
    // supported, 501 for parameters.
    Row{"FEAT", "RFC 2389 3", "", "", "211; 501; 500, 502"},
    // RFC 2389 4: opts-good 200, opts-bad 451 / 501, 500 or 502 when not recognized.
    Row{"OPTS", "RFC 2389 4", "", "", "200; 451, 501; 500, 502"},
    // RFC 3659 3 and 4: 213, 550, "500 or 501", "Various 4xy replies are also possible".
    Row{"MDTM", "RFC 3659 3", "", "", "213; 550; 500, 501; 4xx; 502"},
    Row{"SIZE", "RFC 3659 4", "", "", "213; 550; 500, 501; 4xx; 502"},
    // RFC 3659 7.2: mlst-response = control-response (250) / error-response;
    // mlsd-response = initial-response (150) final-response (226) / error-response.
    // 7.2.1: 500, 501, 550, "Other replies (530, 553, 503, 504, and any of the 4xy
    // replies) are also possible"; a 4xy after the 150 is how a transfer fails.
    Row{"MLST", "RFC 3659 7.2", "", "", "250; 500, 501; 550; 530, 553, 503, 504, 4xx; 502"},
    Row{"MLSD", "RFC 3659 7.2", "150", "226; 4xx",
        "500, 501; 550; 530, 553, 503, 504, 4xx; 502"},
};
// clang-format on

constexpr bool valid_item(std::string_view item) {
  if (item.size() != 3 || item[0] < '1' || item[0] > '5') return false;
  const bool class_item = item[1] == 'x' && item[2] == 'x';
  const bool code_item = item[1] >= '0' && item[1] <= '5' && item[2] >= '0' && item[2] <= '9';
  return class_item || code_item;
}

constexpr bool valid_list(std::string_view list) { return for_each_list_item(list, valid_item); }

constexpr bool valid_table() {
  for (const Row& row : kRows) {
    if (!valid_list(row.preliminary) || !valid_list(row.after_preliminary) ||
        !valid_list(row.completion) || row.completion.empty()) {
      return false;
    }
    // A row has indented replies exactly when it has a preliminary reply to indent under.
    if (row.preliminary.empty() != row.after_preliminary.empty()) return false;
  }
  return true;
}
// A typo in the table is a build error, not a wrong verdict at run time.
static_assert(valid_table(), "malformed code in the FTP command-reply table");

const std::vector<FtpCommandReplies>& table() {
  static const std::vector<FtpCommandReplies> rows = [] {
    std::vector<FtpCommandReplies> out;
    out.reserve(kRows.size());
    for (const Row& row : kRows) {
      out.push_back(FtpCommandReplies{std::string(row.verb), std::string(row.ref),
                                      parse_code_list(row.preliminary),
                                      parse_code_list(row.after_preliminary),
                                      parse_code_list(row.completion)});
    }
    return out;
  }();
  return rows;
}

// RFC 959 5.1: "The following commands must be supported by every server-FTP process".
bool in_minimum_implementation(std::string_view verb) {
  constexpr std::array<std::string_view, 9> kMinimum = {"USER", "QUIT", "PORT", "TYPE", "MODE",
                                                       "STRU", "RETR", "STOR", "NOOP"};
  for (std::string_view minimum : kMinimum) {
    if (verb_equals(minimum, verb)) return true;
  }
  return false;
}

}  // namespace

const FtpCommandReplies* ftp_command_replies(std::string_view verb) {
  for (const FtpCommandReplies& row : table()) {
    if (verb_equals(row.verb, verb)) return &row;
  }
  return nullptr;
}

std::span<const FtpCommandReplies> ftp_command_reply_table() { return table(); }

std::optional<ReplyViolation> check_ftp_reply_sequence(std::string_view verb,
                                                    bool after_preliminary, int code) {
  const FtpCommandReplies* row = ftp_command_replies(verb);
  if (row == nullptr || code == 0) return std::nullopt;
  // RFC 959 4.2.1: "421 Service not available, closing control connection. This may be a
  // reply to any command if the service knows it must shut down." The 5.4 table lists 421
  // for most commands but not all (SITE, QUIT); the 4.2.1 sentence covers every command,
  // and every point in a sequence, so 421 is never a table violation.
  if (code == 421) return std::nullopt;
  // RFC 959 4.2: "If, on the other hand, the command requests a non-site-specific action and
  // is unimplemented, the response is 502." A server need not implement every command, so
  // 502 may be the first reply to any command outside the minimum that 5.1 says "must be
  // supported by every server-FTP process"; for those, the table's row decides.
  if (code == 502 && !after_preliminary && !in_minimum_implementation(verb)) return std::nullopt;

  const char* when = "as the first reply";
  CodeSet allowed;
  if (after_preliminary && !row->preliminary.empty()) {
    allowed = row->after_preliminary;
    when = "after a preliminary reply";
  } else {
    // A 1yz to a command with no 1yz in the table was itself the violation; what follows
    // it can only be judged against the command's completion replies.
    allowed = row->preliminary;
    allowed.add(row->completion);
  }
  if (allowed.contains(code)) return std::nullopt;
  return ReplyViolation{row->ref, std::to_string(code) + " is not an allowed reply to " +
                                      row->verb + " " + when + " (allowed: " +
                                      allowed.describe() + ")"};
}

}  // namespace rfcheck::proto
