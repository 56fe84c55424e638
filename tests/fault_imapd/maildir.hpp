// The files of a Maildir (tmp/ new/ cur/) and of its Maildir++ subfolders (DIR/.Name/): listing
// messages with the flags their names carry (":2,FLAGS"), reading them, delivering new ones
// (tmp/ first, then a link into cur/: readers never see half a file) and renaming them when
// their flags change.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fimapd {

struct MaildirFile {
  std::string sub;   // "new" or "cur"
  std::string name;  // the file name
  std::string base;  // the unique part of the name, before ':'
  unsigned system_flags = 0;  // from ":2,LETTERS" (files in cur/ only)
  std::time_t mtime = 0;
};

// mkdir -p DIR, DIR/tmp, DIR/new, DIR/cur; false when one cannot be made.
bool ensure_maildir(const std::string& dir);
bool is_maildir(const std::string& dir);  // DIR/cur exists
// The message files of new/ and cur/, sorted by name (the order they get UIDs in). Names
// starting with '.' or holding white space are not messages. false when cur/ cannot be read.
bool list_messages(const std::string& dir, std::vector<MaildirFile>& out);

std::optional<std::string> read_file(const std::string& path);
// A base name no other delivery of this process has: "<time>.M<counter>P<pid>.fault_imapd".
std::string unique_base();
// "BASE:2,LETTERS": the name of a message in cur/ with these flags.
std::string cur_name(std::string_view base, unsigned system_flags);
// Writes content as DIR/cur/NAME (via tmp/) with the given modification time.
bool deliver(const std::string& dir, const std::string& name, std::string_view content,
             std::time_t mtime);
// rm -r; true when nothing is left.
bool remove_tree(const std::string& path);
// Writes a small file atomically (DIR/.NAME.tmp, then rename).
bool write_file_atomic(const std::string& path, std::string_view content);

}  // namespace fimapd
