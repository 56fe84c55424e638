// The maildrop: one Maildir whose messages are the regular files of new/ and cur/, sorted by
// file name. Files hold messages in the local form (LF line ends); POP3 sends them with CRLF
// and counts sizes that way (RFC 1939 11). Also the exclusive-access lock (RFC 1939 4).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fpop3d {

struct Message {
  std::string path;               // DIR/new/NAME or DIR/cur/NAME
  std::string uid;                // RFC 1939 7 unique-id, from NAME
  std::size_t octets = 0;         // size as sent: every line end counted as CRLF
  std::size_t local_octets = 0;   // every line end counted as one LF (fault lf-octets)
  bool deleted = false;           // marked by DELE, removed in the UPDATE state
  bool retrieved = false;         // sent by RETR (fault update-removes-retrieved)
};

// Lists and measures the messages of dir; false when new/ or cur/ cannot be read.
bool scan_maildrop(const std::string& dir, std::vector<Message>& out);
// The file's bytes; nullopt when it cannot be read (e.g. removed meanwhile).
std::optional<std::string> read_message(const std::string& path);
// The message's lines without their ends. A line ends at LF; a CR right before that LF belongs
// to the line end (so files with CRLF read the same); a last line without LF counts as one.
std::vector<std::string_view> message_lines(std::string_view content);
// "NAME up to the first ':'" when that is 1-70 characters of 0x21-0x7E, else its MD5 in hex.
std::string unique_id(std::string_view file_name);
// unlink; a file already gone counts as removed.
bool remove_message(const std::string& path);

// The exclusive-access lock on a maildrop, held by one session from entering TRANSACTION to
// the end of UPDATE or of the connection. Process-wide (all sessions run in this process).
class MaildropLock {
 public:
  MaildropLock() = default;
  MaildropLock(const MaildropLock&) = delete;
  MaildropLock& operator=(const MaildropLock&) = delete;
  ~MaildropLock() { release(); }

  bool acquire(const std::string& dir);  // false: another session holds it
  void release();
  bool held() const { return !dir_.empty(); }

 private:
  std::string dir_;
};

}  // namespace fpop3d
