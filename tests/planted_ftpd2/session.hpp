// One FTP control connection: reads command lines (bounded, with an idle time-out), answers
// from RFC 959 5.4's table, and carries the four planted bugs (README.md), each marked
// "PLANTED BUG <name>" where it lives.
#pragma once

#include <cstdint>
#include <string>
#include <sys/socket.h>
#include <sys/types.h>
#include <vector>

#include "fault_common/ftp_data.hpp"
#include "fault_common/line_reader.hpp"
#include "options.hpp"

namespace pftp2 {

class Session {
 public:
  Session(int fd, const Options& opts);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  void run();

 private:
  // The last STOU upload, until a transfer or listing replaces the client's view of it. A C
  // record (malloc/free), so freeing it touches nothing inside it.
  struct Upload {
    char real[4096];  // where it was stored (PATH_MAX)
    uint64_t bytes;
  };

  void reply(int code, const std::string& text);
  void reply_multi(int code, const std::vector<std::string>& lines);
  void dispatch(const std::string& line);
  bool bug(const char* name) const { return opts_.bugs.on(name); }
  bool resolve_arg(const std::string& arg, std::string& real, std::string& vpath);

  // session.cpp: login and the commands that touch no file
  void cmd_user(const std::string&);
  void cmd_pass(const std::string&);
  void cmd_help(const std::string&);
  void cmd_type(const std::string&);
  void cmd_mode(const std::string&);
  void cmd_stru(const std::string&);
  void cmd_rest(const std::string&);
  // dirs.cpp: the current directory and its depth record
  void cmd_pwd(const std::string&);
  void cmd_cwd(const std::string&);
  void cmd_mkd(const std::string&);
  void cmd_rmd(const std::string&);
  bool change_dir(const std::string& arg);
  // files.cpp: DELE, RNFR/RNTO, SIZE
  void cmd_dele(const std::string&);
  void cmd_rnfr(const std::string&);
  void cmd_rnto(const std::string&);
  void cmd_size(const std::string&);
  void drop_rename();
  void forget_upload();
  // transfer.cpp: data connection set-up and transfers
  void cmd_pasv(const std::string&);
  void cmd_epsv(const std::string&);
  void cmd_port(const std::string&);
  void cmd_eprt(const std::string&);
  void cmd_list(const std::string&, bool names_only);
  void cmd_retr(const std::string&);
  void cmd_stor(const std::string&, bool unique);
  bool set_active(const sockaddr_storage& target);
  int open_data(const std::string& text150);  // 150 first; -1 after a 425
  bool send_bytes(int dfd, const std::string& bytes);
  std::string next_unique_name();

  int fd_;
  const Options& opts_;
  fcommon::LineReader in_;
  sockaddr_storage local_{}, peer_{};
  bool quit_ = false;
  std::string verb_;  // the command being handled

  bool user_ok_ = false;   // USER was the previous command
  bool logged_in_ = false;
  std::string user_;
  int failed_logins_ = 0;
  char type_ = 'A';
  int64_t rest_ = 0;
  bool epsv_all_ = false;
  fcommon::DataChannel data_;

  char* cwd_;                   // virtual, malloc'ed: replaced (freed) by each directory change
  ino_t* level_ino_;            // inode of each level of cwd_, [0] the root (cwd-depth)
  std::string rnfr_name_;       // RNFR's argument, as given
  const char* rnfr_dir_ = nullptr;  // the directory RNFR named it in (rnfr-after-cwd)
  bool rnfr_dir_owned_ = false;
  Upload* upload_ = nullptr;    // the last STOU (stou-dele)
};

}  // namespace pftp2
