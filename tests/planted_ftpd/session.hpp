// One control connection: reads command lines (bounded, with an idle time-out), answers from
// the RFC 959 5.4 table, and carries the four planted memory bugs (README.md), each marked
// "PLANTED BUG n" where it lives.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>
#include <sys/socket.h>

#include "fault_common/ftp_data.hpp"
#include "options.hpp"
#include "paths.hpp"

namespace planted {

class Session {
 public:
  Session(int fd, const Options& opts);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  void run();  // greeting, then commands until QUIT, EOF, time-out or too many failed logins

 private:
  using Handler = void (Session::*)(const std::string&);
  enum class Arg { None, Required, Optional, Any };
  struct Command {
    const char* verb;
    Handler fn;
    bool needs_login;
    Arg arg;
    const char* syntax;  // HELP <verb>
  };
  static std::span<const Command> commands();
  static const Command* find(const std::string& verb);

  // The pending RNFR: RNTO renames from it.
  struct PendingRename {
    std::string real;   // real path of the source
    std::string vpath;  // as the client sees it
  };

  enum class Xfer { Ok, DataError, LocalError };

  void reply(int code, const std::string& text);
  void reply_multi(int code, const std::vector<std::string>& lines);
  bool read_line(std::string& line);
  void handle(const std::string& raw);
  void drop_rename();
  void reset_user();   // USER: flush user, password, cwd; transfer parameters stay (RFC 959 4.1.1)
  void reset_login();  // REIN: the state right after the greeting

  // session.cpp: login, parameters, informational commands
  void cmd_user(const std::string&);
  void cmd_pass(const std::string&);
  void cmd_acct(const std::string&);
  void cmd_rein(const std::string&);
  void cmd_quit(const std::string&);
  void cmd_noop(const std::string&);
  void cmd_syst(const std::string&);
  void cmd_type(const std::string&);
  void cmd_mode(const std::string&);
  void cmd_stru(const std::string&);
  void cmd_rest(const std::string&);
  void cmd_allo(const std::string&);
  void cmd_abor(const std::string&);
  void cmd_help(const std::string&);
  void cmd_feat(const std::string&);
  void cmd_site(const std::string&);
  void cmd_stat(const std::string&);
  // files.cpp: directories and file management
  void cmd_pwd(const std::string&);
  void cmd_cwd(const std::string&);
  void cmd_cdup(const std::string&);
  void cmd_mkd(const std::string&);
  void cmd_rmd(const std::string&);
  void cmd_dele(const std::string&);
  void cmd_rnfr(const std::string&);
  void cmd_rnto(const std::string&);
  void cmd_size(const std::string&);
  // transfer.cpp: data connection set-up and transfers
  void cmd_pasv(const std::string&);
  void cmd_epsv(const std::string&);
  void cmd_port(const std::string&);
  void cmd_eprt(const std::string&);
  void cmd_list(const std::string&);
  void cmd_nlst(const std::string&);
  void send_listing(const std::string& arg, bool names_only, const char* opening);
  void cmd_retr(const std::string&);
  void cmd_stor(const std::string&);

  bool set_active_target(const sockaddr_storage& target);
  int open_data(const std::string& text150);  // 150 first; -1 after a 425
  void begin_transfer();
  void end_transfer(Xfer result);
  bool send_data(int data_fd, const char* p, size_t n);
  Xfer send_text(int data_fd, const std::string& text);
  Xfer retr_file(int data_fd, int file_fd);
  Xfer stor_file(int data_fd, int file_fd);
  void transfer_reply(Xfer result);
  // LIST/NLST/STAT lines for arg (a directory's entries or one file); nullopt if not found.
  std::optional<std::vector<std::string>> listing(const std::string& arg, bool names_only,
                                                  bool* is_dir = nullptr);

  int fd_;
  const Options& opts_;
  Paths paths_;
  sockaddr_storage local_{}, peer_{};
  std::string inbuf_;
  bool discarding_ = false;  // inside an over-long line, dropping bytes up to its LF
  bool quit_ = false;

  bool logged_in_ = false;
  bool user_given_ = false;  // set by USER, moved into after_user_ by the next command
  bool after_user_ = false;  // the previous command was USER (PASS may follow)
  int failed_logins_ = 0;
  char* user_;               // the name given by USER (bug 1)
  std::string cwd_ = "/";
  char type_ = 'A';
  bool epsv_all_ = false;
  int64_t rest_ = 0;
  unsigned char* restart_seen_;            // REST requests per marker bucket (bug 2)
  std::unique_ptr<PendingRename> rename_;  // owns the pending RNFR record
  PendingRename* rnfr_ = nullptr;          // what RNTO reads (bug 3)
  char* xfer_buf_ = nullptr;               // a transfer's buffer (bug 4)
  fcommon::DataChannel data_;
};

}  // namespace planted
