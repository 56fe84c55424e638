#include "proto/smtp_reply_table.h"

#include <array>
#include <vector>

#include "proto/code_list.h"

namespace rfcheck::proto {
namespace {

// One row per command. Code lists are written as the RFC prints them: ", " between codes
// on one line of the RFC, "; " between its lines ("S:" then "E:"), so a row can be checked
// against the text by eye. `added` holds what other sections or RFCs add to the row, each
// with its reason in a comment and its section in `ref`.
struct Row {
  std::string_view verb;
  std::string_view ref;
  std::string_view intermediate;
  std::string_view after_intermediate;
  std::string_view completion;
  std::string_view added;
};

// clang-format off
constexpr std::array kRows = {
    // RFC 2821 4.3.2, transcribed in the RFC's order (sed -n 2695,2726p rfc2821.txt).
    Row{kSmtpGreeting, "RFC 2821 4.3.2", "", "", "220; 554", ""},
    // "EHLO or HELO" is one entry of the RFC; split so EHLO can carry RFC 2821 4.1.4: "If
    // the EHLO command is not acceptable to the SMTP server, 501, 500, or 502 failure
    // replies MUST be returned as appropriate" (502 is the old server that lacks EHLO).
    Row{"EHLO", "RFC 2821 4.3.2, 4.1.4", "", "", "250; 504, 550", "502"},
    Row{"HELO", "RFC 2821 4.3.2", "", "", "250; 504, 550", ""},
    // RFC 1869 6.1 for MAIL FROM and RCPT TO parameters such as SIZE (RFC 1870): 555 when
    // the server "does not recognize or cannot implement one or more of the parameters",
    // 455 when it is "temporarily unable to accommodate" them. RFC 1870 6.1's own SIZE
    // refusals, 452 and 552 (and 6.4's on RCPT), are in RFC 2821's rows already.
    Row{"MAIL", "RFC 2821 4.3.2, RFC 1869 6.1, RFC 1870 6.1", "", "",
        "250; 552, 451, 452, 550, 553, 503", "555, 455"},
    // 550 appears twice in the RFC's E: line; kept as printed.
    Row{"RCPT", "RFC 2821 4.3.2, RFC 1869 6.1, RFC 1870 6.4", "", "",
        "250, 251; 550, 551, 552, 553, 450, 451, 452, 503, 550", "555, 455"},
    // I: 354 -> data -> S: 250 / E: 552, 554, 451, 452; then the E: of DATA itself.
    Row{"DATA", "RFC 2821 4.3.2", "354", "250; 552, 554, 451, 452", "451, 554, 503", ""},
    Row{"RSET", "RFC 2821 4.3.2", "", "", "250", ""},
    Row{"VRFY", "RFC 2821 4.3.2", "", "", "250, 251, 252; 550, 551, 553, 502, 504", ""},
    Row{"EXPN", "RFC 2821 4.3.2", "", "", "250, 252; 550, 500, 502, 504", ""},
    Row{"HELP", "RFC 2821 4.3.2", "", "", "211, 214; 502, 504", ""},
    Row{"NOOP", "RFC 2821 4.3.2", "", "", "250", ""},
    Row{"QUIT", "RFC 2821 4.3.2", "", "", "221", ""},

    // Extensions. A server need not offer any, and RFC 2821 4.2.4 makes 502 the reply to a
    // command "actually recognized by the SMTP server, but not implemented" (500, for one
    // not recognized, is allowed to every command): each extension row adds 502.
    // RFC 3207 4: "220 Ready to start TLS", "501 Syntax error (no parameters allowed)",
    // "454 TLS not available due to temporary reason".
    // RFC 2821 4.1.4 adds 503: STARTTLS before EHLO, or inside a mail transaction, is a
    // command out of sequence ("bad sequence of commands").
    Row{"STARTTLS", "RFC 3207 4, RFC 2821 4.2.4, 4.1.4", "", "", "220; 501; 454", "502, 503"},
    // RFC 4954 4 and 6. A challenge is "a 334 reply"; the exchange ends in 235 or an error.
    // At the command: 503 (already authenticated, or inside a mail transaction), 504 (bad
    // mechanism), 501 (an initial response the mechanism does not allow, or bad BASE64).
    // After a client response: another 334, or the outcome; 501 when the client cancelled
    // with "*" or sent bad BASE64, 500 when the response was longer than the server's
    // buffer. Section 6's codes (235, 432, 454, 534, 535, 538) are each "This response to
    // the AUTH command" without saying at which step, so both stages allow them.
    Row{"AUTH", "RFC 4954 4, 6, RFC 2821 4.2.4", "334",
        "334; 235; 432, 454, 534, 535, 538; 500, 501",
        "235; 432, 454, 534, 535, 538; 500, 501, 503, 504", "502"},
};

// The codes allowed to "any SMTP command" (not to the greeting, and not in a second
// stage, which answers the client's data rather than a command).
struct AnyCommandRule {
  std::string_view codes;
  std::string_view ref;
  std::string_view except;  // verbs the rule leaves out, space separated
};

constexpr std::array kAnyCommand = {
    // RFC 2821 4.3.2: "In addition to the codes listed below, any SMTP command can return
    // any of the following codes": 500 ("command line too long" or not recognized), 501,
    // 421. 502 is not among them: 4.2.4 reserves it for commands recognized but not
    // implemented, and the minimum implementation (4.5.1) must implement the base rows.
    // 421 is handled apart, as it may also come before any command (RFC 2821 3.9).
    AnyCommandRule{"500, 501", "RFC 2821 4.3.2", ""},
    // RFC 4954 6: "530 5.7.0 Authentication required ... SHOULD be returned by any command
    // other than AUTH, EHLO, HELO, NOOP, RSET, or QUIT".
    AnyCommandRule{"530", "RFC 4954 6", "AUTH EHLO HELO NOOP RSET QUIT"},
    // RFC 3207 4: "530 Must issue a STARTTLS command first ... to every command other than
    // NOOP, EHLO, STARTTLS, or QUIT".
    AnyCommandRule{"530", "RFC 3207 4", "NOOP EHLO STARTTLS QUIT"},
};
// clang-format on

// RFC 2821 4.3.2 allows only codes that "start in a digit between 2 and 5 inclusive".
constexpr bool valid_item(std::string_view item) {
  return item.size() == 3 && item[0] >= '2' && item[0] <= '5' && item[1] >= '0' &&
         item[1] <= '5' && item[2] >= '0' && item[2] <= '9';
}

constexpr bool valid_list(std::string_view list) { return for_each_list_item(list, valid_item); }

constexpr bool all_intermediate(std::string_view list) {
  return for_each_list_item(list, [](std::string_view item) { return item[0] == '3'; });
}

constexpr bool valid_table() {
  for (const Row& row : kRows) {
    if (!valid_list(row.intermediate) || !valid_list(row.after_intermediate) ||
        !valid_list(row.completion) || !valid_list(row.added) || row.completion.empty()) {
      return false;
    }
    // A second stage exactly when a 3yz starts one.
    if (row.intermediate.empty() != row.after_intermediate.empty()) return false;
    if (!all_intermediate(row.intermediate)) return false;
  }
  for (const AnyCommandRule& rule : kAnyCommand) {
    if (!valid_list(rule.codes)) return false;
  }
  return true;
}
// A typo in the table is a build error, not a wrong verdict at run time.
static_assert(valid_table(), "malformed code in the SMTP command-reply table");

bool excepted(std::string_view except, std::string_view verb) {
  return !for_each_list_item(except, [&](std::string_view item) { return item != verb; });
}

const std::vector<SmtpCommandReplies>& table() {
  static const std::vector<SmtpCommandReplies> rows = [] {
    std::vector<SmtpCommandReplies> out;
    out.reserve(kRows.size());
    for (const Row& row : kRows) {
      SmtpCommandReplies r{std::string(row.verb),
                           std::string(row.ref),
                           parse_code_list(row.intermediate),
                           parse_code_list(row.after_intermediate),
                           parse_code_list(row.completion),
                           {}};
      r.completion.add(parse_code_list(row.added));
      if (row.verb != kSmtpGreeting) {
        for (const AnyCommandRule& rule : kAnyCommand) {
          if (!excepted(rule.except, row.verb)) r.any_command.add(parse_code_list(rule.codes));
        }
      }
      out.push_back(std::move(r));
    }
    return out;
  }();
  return rows;
}

}  // namespace

const SmtpCommandReplies* smtp_command_replies(std::string_view verb) {
  for (const SmtpCommandReplies& row : table()) {
    if (verb_equals(row.verb, verb)) return &row;
  }
  return nullptr;
}

std::span<const SmtpCommandReplies> smtp_command_reply_table() { return table(); }

std::optional<ReplyViolation> check_smtp_reply_sequence(std::string_view verb, SmtpStage stage,
                                                     int code) {
  const SmtpCommandReplies* row = smtp_command_replies(verb);
  if (row == nullptr || code == 0) return std::nullopt;
  // RFC 2821 4.2.2 and 4.2.3: 421 "may be a reply to any command if the service knows it
  // must shut down"; 3.9: "asynchronously from command receipt" too, so before the
  // greeting's place and inside DATA or AUTH as well.
  if (code == 421) return std::nullopt;

  std::string what = "as the first reply to " + row->verb;
  if (row->verb == kSmtpGreeting) what = "as the connection greeting";
  CodeSet allowed;
  if (stage == SmtpStage::kAfterIntermediate && !row->intermediate.empty()) {
    allowed = row->after_intermediate;
    what = "as a reply to " + row->verb + " after its intermediate reply";
  } else {
    allowed = row->intermediate;
    allowed.add(row->completion);
    allowed.add(row->any_command);
  }
  if (allowed.contains(code)) return std::nullopt;
  allowed.add(CodeSet::of({421}));
  return ReplyViolation{row->ref, std::to_string(code) + " is not allowed " + what +
                                      " (allowed: " + allowed.describe() + ")"};
}

}  // namespace rfcheck::proto
