// The FTP data-connection hostilities: lying or broken passive replies, a data connection
// that never ends, an active one that never comes.
#include <sys/socket.h>

#include "actions.hpp"
#include "fault_common/net.hpp"

namespace hostile {

bool ftp_227_other_host(Session& s, const Command& c) {
  bool bye = false;
  std::string reply = normal_reply(s, c, bye);  // a real listener on loopback...
  const auto at = reply.find("127,0,0,1");
  if (at != std::string::npos) reply.replace(at, 9, "10,1,2,3");  // ...named as another host
  return fcommon::send_all(s.fd, reply);
}

bool ftp_pasv_port_0(Session& s, const Command&) {
  return fcommon::send_all(s.fd, "227 Entering Passive Mode (127,0,0,1,0,0)\r\n");
}

bool ftp_epsv_bogus(Session& s, const Command&) {
  return fcommon::send_all(s.fd, "229 Entering Extended Passive Mode (|||99999999999|)\r\n");
}

// 150, some bytes on the data connection, then neither its close nor a 226 ever comes.
bool ftp_data_never_closes(Session& s, const Command& c) {
  if (s.pasv_fd < 0) return fcommon::send_all(s.fd, "425 use PASV first\r\n");
  fcommon::send_all(s.fd, "150 here it comes\r\n");
  int data = accept(s.pasv_fd, nullptr, nullptr);
  fcommon::send_all(data, "-rw-r--r-- 1 ftp ftp 5 Jan 1 00:00 hello.txt\r\n");
  silence(s, c);  // holds `data` open as long as the control connection lasts
  fcommon::close_fd(data);
  return false;
}

// Active mode: PORT was accepted, 150 promises the connection, it never comes.
bool ftp_data_never_connects(Session& s, const Command& c) {
  fcommon::send_all(s.fd, "150 opening data connection\r\n");
  return silence(s, c);
}

}  // namespace hostile
