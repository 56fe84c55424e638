// One client's SMTP session: reads commands as a stream (PIPELINING: replies go out in order),
// answers per the RFC 2821 4.3.2 table, receives DATA, delivers into the Maildir and injects
// the faults switched on in Options. Runs on its own thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <sys/socket.h>

#include "address.hpp"
#include "fault_common/line_reader.hpp"
#include "options.hpp"

namespace fsmtpd {

class Session {
 public:
  Session(int fd, const Options& opts);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  void run();

 private:
  using Read = fcommon::LineReader::Read;
  using Handler = void (Session::*)(const std::string&);
  struct Command {
    const char* verb;
    Handler fn;
    const char* syntax;  // HELP VERB
  };
  static const std::vector<Command>& commands();

  bool fault(Fault f) const { return opts_.faults.has(f); }
  // code [SP x.y.z] SP text CRLF; enh is left out until an EHLO selected ENHANCEDSTATUSCODES.
  void reply(int code, std::string_view enh, const std::string& text);
  void reply_multi(int code, std::string_view enh, const std::vector<std::string>& lines);
  bool fill();  // one recv into the reader's buffer; false on EOF/error/idle timeout (421 sent)
  Read read_line(std::string& line, std::size_t max);  // max counts the CRLF; 421 on idle
  // Reads the message after 354 up to the end-of-data line, dot-unstuffed, CRLFs kept.
  // false: connection lost. too_big: over the SIZE limit (the rest was read and dropped).
  bool read_data(std::string& body, bool& too_big);
  void handle(const std::string& line);
  void reset_transaction();
  bool accepted(const Path& p) const;
  bool served_domain(std::string_view d) const;
  std::string received_header(const std::string& rcpt, const std::string& id) const;
  // MAIL/RCPT parameters after the path: "" or SP-separated; false when a reply was sent.
  bool check_params(std::string_view rest, bool mail);

  void cmd_helo(const std::string&);
  void cmd_ehlo(const std::string&);
  void cmd_mail(const std::string&);
  void cmd_rcpt(const std::string&);
  void cmd_data(const std::string&);
  void cmd_rset(const std::string&);
  void cmd_vrfy(const std::string&);
  void cmd_expn(const std::string&);
  void cmd_help(const std::string&);
  void cmd_noop(const std::string&);
  void cmd_quit(const std::string&);
  void cmd_auth(const std::string&);
  bool auth_response(std::string& decoded);  // reads one SASL line after a 334; false: replied

  int fd_;
  const Options& opts_;
  std::string peer_literal_;  // "[127.0.0.1]" / "[IPv6:::1]" for Received
  fcommon::LineReader reader_;  // lines end with CRLF only (RFC 2821 2.3.7)
  bool quit_ = false;

  std::string helo_;        // argument of the last HELO/EHLO; empty: not greeted yet
  bool esmtp_ = false;      // greeted with EHLO: extensions and x.y.z status codes are on
  bool authed_ = false;
  std::optional<std::string> mail_;  // reverse path of the open transaction ("" for <>)
  std::vector<std::string> rcpts_;   // accepted forward paths (mailboxes)
};

}  // namespace fsmtpd
