// One SMTP connection: reads command lines (at most 512 octets, RFC 2821 4.5.3.1, with an
// idle time-out), answers from RFC 2821 4.3.2's table, and carries the four planted bugs
// (README.md), each marked "PLANTED BUG <name>" where it lives.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fault_common/line_reader.hpp"
#include "options.hpp"

namespace psmtp {

class Session {
 public:
  Session(int fd, const Options& opts);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  void run();  // greeting, then commands until QUIT, EOF or the idle time-out

 private:
  // MAIL's parameters (RFC 1869): kept for the transaction, checked again after DATA.
  struct MailParams {
    bool has_size = false;
    uint64_t declared_size = 0;  // SIZE= (RFC 1870)
  };

  void reply(const std::string& line);  // one line, CRLF added
  void reply_multi(int code, const std::vector<std::string>& lines);
  void dispatch(const std::string& line);
  bool bug(const char* name) const { return opts_.bugs.on(name); }

  // session.cpp
  void cmd_ehlo(const std::string& arg, bool extended);
  void cmd_rset(const std::string& arg);
  void cmd_vrfy(const std::string& arg);
  void cmd_help(const std::string& arg);
  void reset_transaction();   // what RSET, EHLO/HELO and a finished DATA share
  // envelope.cpp
  void cmd_mail(const std::string& arg);
  void cmd_rcpt(const std::string& arg);
  bool parse_mail_params(const std::string& params, MailParams& out, std::string& refusal);
  bool local_mailbox(const std::string& path) const;
  // data.cpp
  void cmd_data(const std::string& arg);
  bool read_message(std::string& body, bool& too_big);
  std::string trace_headers() const;
  // auth.cpp
  void cmd_auth(const std::string& arg);
  void auth_plain(const std::string& initial);
  void auth_login(const std::string& initial);
  bool read_sasl_line(std::string& line);  // false: cancelled ("*") or connection gone

  int fd_;
  const Options& opts_;
  fcommon::LineReader in_;
  bool quit_ = false;

  std::string helo_;          // the client's name from EHLO/HELO; empty before
  bool extended_ = false;     // EHLO (not HELO): extensions like AUTH may be used
  bool authenticated_ = false;
  std::string sender_;        // reverse-path of the open transaction
  bool in_transaction_ = false;
  std::unique_ptr<MailParams> params_owner_;  // MAIL's parameters, owned
  MailParams* params_ = nullptr;              // what DATA checks (PLANTED BUG size-after-rset)
};

}  // namespace psmtp
