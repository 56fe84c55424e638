// One client's control connection: reads commands, answers per the RFC 959 5.4 table, and
// injects the faults switched on in Options. Runs on its own thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <sys/socket.h>

#include "fault_common/ftp_data.hpp"
#include "options.hpp"
#include "sandbox.hpp"

namespace fftpd {

class Session {
 public:
  Session(int fd, const Options& opts);
  ~Session();
  void run();

 private:
  using Handler = void (Session::*)(const std::string&);
  enum class Arg { None, Required, Optional, Ignored };
  struct Command {
    const char* verb;
    Handler fn;
    bool needs_login;
    Arg arg;
    const char* help;
  };
  static const std::vector<Command>& commands();
  static const Command* find(const std::string& verb);

  bool fault(Fault f) const { return opts_.faults.has(f); }
  bool logged_in() const { return logged_in_ || fault(Fault::NoLoginRequired); }
  void reply(int code, const std::string& text);
  void reply_multi(int code, const std::vector<std::string>& lines);
  bool read_line(std::string& line);
  void handle(std::string line);
  void reset_login();     // REIN: back to the state right after the greeting
  void reset_user();      // USER: flush user/password/account only (RFC 959 4.1.1)
  void linger_close();    // after 221/421: FIN first, drain what the client still sends
  std::string quote_path(const std::string& vpath) const;

  // session.cpp: login, parameters, informational
  void cmd_user(const std::string&);
  void cmd_pass(const std::string&);
  void cmd_acct(const std::string&);
  void cmd_rein(const std::string&);
  void cmd_quit(const std::string&);
  void cmd_type(const std::string&);
  void cmd_stru(const std::string&);
  void cmd_mode(const std::string&);
  void cmd_allo(const std::string&);
  void cmd_rest(const std::string&);
  void cmd_abor(const std::string&);
  void cmd_site(const std::string&);
  void cmd_syst(const std::string&);
  void cmd_help(const std::string&);
  void cmd_noop(const std::string&);
  void cmd_feat(const std::string&);
  void cmd_opts(const std::string&);
  void cmd_smnt(const std::string&);
  void cmd_stat(const std::string&);
  // files.cpp: directory and file management
  void cmd_cwd(const std::string&);
  void cmd_cdup(const std::string&);
  void cmd_pwd(const std::string&);
  void cmd_mkd(const std::string&);
  void cmd_rmd(const std::string&);
  void cmd_dele(const std::string&);
  void cmd_rnfr(const std::string&);
  void cmd_rnto(const std::string&);
  void cmd_size(const std::string&);
  void cmd_mdtm(const std::string&);
  // transfer.cpp: data connection setup and transfers
  void cmd_port(const std::string&);
  void cmd_eprt(const std::string&);
  void cmd_pasv(const std::string&);
  void cmd_epsv(const std::string&);
  void cmd_retr(const std::string&);
  void cmd_stor(const std::string&);
  void cmd_appe(const std::string&);
  void cmd_stou(const std::string&);
  void cmd_list(const std::string&);
  void cmd_nlst(const std::string&);

  enum class Xfer { Ok, Aborted, DataError, LocalError, ControlLost };
  bool set_active_target(const sockaddr_storage& target);
  int open_data(const std::string& text150);  // sends 150 first; -1 after a 425 reply
  void finish_data(int& fd);
  void finish_reply(Xfer r);
  Xfer send_data(int data_fd, const std::string& bytes);
  Xfer retr_file(int data_fd, int file_fd, uint64_t offset, uint64_t size);
  std::string record_encode(const char* p, size_t n, bool ascii) const;  // STRU R, RFC 959 3.4.1
  Xfer stor_file(int data_fd, int file_fd);
  enum class Wait { Ready, Abort, Lost, Timeout };
  Wait wait_io(int data_fd, short events);
  void store(const std::string& arg, bool append, bool unique);
  std::optional<std::vector<std::string>> listing(const std::string& arg, bool names_only,
                                                  int& fail_code);

  int fd_;
  const Options& opts_;
  Sandbox sandbox_;
  sockaddr_storage local_{}, peer_{};
  std::string inbuf_;
  bool quit_ = false;

  bool logged_in_ = false;
  bool after_user_ = false;  // previous command was an accepted USER
  bool user_given_ = false;
  std::string pending_user_;
  std::string cwd_ = "/";
  char type_ = 'A';
  char stru_ = 'F';        // 'F' file or 'R' record structure
  bool rec_escape_ = false;  // STRU R STOR: 0xFF seen, its second byte still to come
  bool rec_eof_ = false;     // STRU R STOR: EOF marker seen, later bytes are ignored
  int failed_logins_ = 0;  // on this control connection; 421 + close after kMaxFailedLogins
  uint64_t rest_ = 0;
  std::optional<std::string> rnfr_;
  bool epsv_all_ = false;
  fcommon::DataChannel data_;
  std::vector<int> leaked_fds_;  // data-left-open fault
};

}  // namespace fftpd
