// Steps that send: command lines (tagged where the protocol tags them, literals after the
// go-ahead), raw bytes, SMTP message content, SASL and APOP answers.
#include "runner/case_execution.h"

#include "runner/base64.h"
#include "runner/smtp_message.h"
#include "runner/sha256.h"

namespace rfcheck::case_exec {

Outcome CaseExecution::send(const Step& step) {
  Outcome out;
  auto* conn = connection(step.connection, out);
  if (!conn) return out;
  if (step.kind == Step::Kind::kSend) return send_command(step, *conn);
  if (step.kind == Step::Kind::kSendSynch) return send_synch(step, *conn);
  auto text = expand(step.text, out);
  if (!text) return out;
  std::string bytes, shown;
  switch (step.kind) {
    case Step::Kind::kSendRaw:
      bytes = *text;
      shown = escape_bytes(bytes);
      break;
    case Step::Kind::kSendBase64: {
      auto prefix = expand(step.prefix, out);
      if (!prefix) return out;
      bytes = *prefix + base64_encode(*text) + "\r\n";
      // The transcript shows what was encoded, with the secret parts as sent.
      shown = *prefix + base64_encode(*text) + "  (base64 of \"" + escape_bytes(*text, 200) + "\")";
      break;
    }
    case Step::Kind::kSendMd5: {
      auto prefix = expand(step.prefix, out);
      if (!prefix) return out;
      bytes = *prefix + md5_hex(*text) + "\r\n";
      shown = *prefix + md5_hex(*text) + "  (MD5 of \"" + escape_bytes(*text, 200) + "\")";
      break;
    }
    case Step::Kind::kSendMessage:
      bytes = smtp_data_content(*text);
      shown = "<message, " + std::to_string(bytes.size()) + " bytes on the wire> " +
              escape_bytes(bytes, 600);
      break;
    default:
      bytes = *text + "\r\n";
      shown = *text;
  }
  return write(*conn, bytes, shown, step);
}

// A command line: tagged first where the protocol tags commands (IMAP), and given as parts,
// each literal announced and sent after the server's go-ahead (RFC 1730 7.4).
Outcome CaseExecution::send_command(const Step& step, ControlConnection& conn) {
  Outcome out;
  std::string pending;
  if (env_.protocol->tags_commands) {
    vars_["tag"] = conn.next_tag();
    pending = vars_["tag"] + " ";
  }
  if (step.parts.empty()) {
    auto text = expand(step.text, out);
    if (!text) return out;
    return write(conn, pending + *text + "\r\n", pending + *text, step);
  }
  std::string shown = pending;
  for (const auto& part : step.parts) {
    auto piece = send_part_bytes(part, out);
    if (!piece) return out;
    if (part.kind == SendPart::Kind::kText) {
      pending += *piece;
      shown += *piece;
      continue;
    }
    const std::string announce = "{" + std::to_string(piece->size()) + (part.plus ? "+}" : "}");
    if (Outcome w = write(conn, pending + announce + "\r\n", shown + announce, step);
        w.verdict != Verdict::kPass) {
      return w;
    }
    if (!part.plus) {
      if (Outcome go = await_go_ahead(conn, step); go.verdict != Verdict::kPass || !go.reason.empty()) {
        return go.verdict == Verdict::kPass ? Outcome{} : go;
      }
    }
    pending = *piece;
    shown = "<literal, " + std::to_string(piece->size()) + " octets> " + escape_bytes(*piece, 300);
  }
  return write(conn, pending + "\r\n", shown, step);
}

// RFC 959 4.1.3's special action before a command (ABOR during a transfer): the Telnet IP,
// then the Telnet Synch, which RFC 854 sends as TCP urgent data marking a Data Mark, then the
// line. The bytes are laid out as BSD's ftp client sends them, which FTP servers are written
// against: IAC IP IAC as urgent data, then DM and the line in the normal stream.
Outcome CaseExecution::send_synch(const Step& step, ControlConnection& conn) {
  Outcome out;
  if (!env_.protocol->telnet_control) {
    return error("send_synch: this protocol's control connection is not a Telnet stream");
  }
  auto text = expand(step.text, out);
  if (!text) return out;
  constexpr char kIac = '\xff', kIp = '\xf4', kDm = '\xf2';
  const std::string urgent{kIac, kIp, kIac};
  const std::string shown =
      *text + "  (after the Telnet IP and Synch: IAC IP IAC as TCP urgent data, then DM)";
  std::string err;
  const auto status = conn.send_after_urgent(urgent, std::string(1, kDm), *text + "\r\n", shown,
                                             deadline(step, env_.expect_timeout), &err);
  return judge_write(conn, status, err);
}

// The octets of one part of a command: a template expanded, or a maildrop message in its
// CRLF form.
std::optional<std::string> CaseExecution::send_part_bytes(const SendPart& part, Outcome& out) {
  if (part.kind != SendPart::Kind::kMessage) return expand(part.text, out);
  const MaildropMessage* message = find_message(part.text);
  if (!message) {
    out = env_.maildrop ? error("no maildrop message '" + part.text + "'")
                        : inconclusive("the target has no maildrop messages to send");
    return std::nullopt;
  }
  return message->crlf();
}

// After a synchronizing literal's announcement: pass with an empty reason when the server
// asked for the literal; pass with a reason when it answered instead (the rest of the
// command is not sent, and the answer is left for the next expect); fail when it did
// neither.
Outcome CaseExecution::await_go_ahead(ControlConnection& conn, const Step& step) {
  switch (conn.await_continuation(deadline(step, env_.expect_timeout))) {
    case ControlConnection::GoAhead::kContinue: return {};
    case ControlConnection::GoAhead::kAnswered:
    case ControlConnection::GoAhead::kClosed:
      recorder_.add(TranscriptEntry::Kind::kNote, conn.name(),
                    "the server answered instead of asking for the literal; the rest of the "
                    "command was not sent");
      return {Verdict::kPass, "answered"};
    case ControlConnection::GoAhead::kTimeout:
      if (net::Clock::now() >= case_deadline_) return case_out_of_time();
      return fail("the server neither asked for the literal (\"+\") nor answered the command",
                  "a continuation request or a completion", "nothing");
    case ControlConnection::GoAhead::kError:
      return fail("the connection failed while waiting for a continuation request");
  }
  return {};
}

Outcome CaseExecution::write(ControlConnection& conn, const std::string& bytes,
                             const std::string& shown, const Step& step) {
  std::string err;
  return judge_write(conn, conn.send(bytes, shown, deadline(step, env_.expect_timeout), &err), err);
}

Outcome CaseExecution::judge_write(ControlConnection& conn, ControlConnection::Status status,
                                   const std::string& err) {
  switch (status) {
    case ControlConnection::Status::kOk: return {};
    case ControlConnection::Status::kClosed:
      // Whether a write to a connection the peer closed fails depends on timing; the next
      // expect sees the close and judges it, so the verdict does not.
      recorder_.add(TranscriptEntry::Kind::kEvent, conn.name(),
                    "the server had closed the connection; the command was not delivered");
      return {};
    case ControlConnection::Status::kTimeout:
      return fail("the server did not read the command in time", "the command accepted",
                  "write timed out");
    case ControlConnection::Status::kError: return fail("sending failed: " + err);
  }
  return {};
}

}  // namespace rfcheck::case_exec
