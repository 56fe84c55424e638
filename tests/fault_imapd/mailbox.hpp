// The shared, in-memory state of one mailbox (one Maildir directory), used by every session
// that selects it: the messages with their UIDs and flags, UIDVALIDITY and UIDNEXT. Sessions
// keep their own views of it (session_view.hpp) and learn what changed by comparing.
//
// Everything here is guarded by Mailbox::mutex: callers lock it around each use. The files
// follow every change at once (flags in the names, UIDs in the uidlist), so the mailbox is the
// same after a restart, and sync_with_disk() picks up what others did to the directory (the
// harness's resets, deliveries to new/).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "flags.hpp"
#include "maildir.hpp"
#include "message.hpp"
#include "uidlist.hpp"

namespace fimapd {

constexpr std::size_t kMaxKeywords = 100;

struct MessageEntry {
  MessageEntry(std::uint32_t u, std::uint64_t s, std::shared_ptr<const MessageData> d)
      : uid(u), serial(s), data(std::move(d)) {}
  const std::uint32_t uid;
  const std::uint64_t serial;  // order of arrival in this Mailbox object; never reused
  const std::shared_ptr<const MessageData> data;

  // Guarded by the mailbox's mutex.
  std::string sub = "cur";       // "new" or "cur"
  std::string file_name;         // its name in DIR/sub
  std::string base;              // the name's unique part (before ':')
  Flags flags;
  std::uint64_t flags_version = 0;  // Mailbox::version at the last flag change
  bool expunged = false;
  bool recent_claimed = false;   // some session has been told about it (RFC 3501 2.3.2 \Recent)
};

class Mailbox {
 public:
  explicit Mailbox(std::string directory) : dir(std::move(directory)) {}
  Mailbox(const Mailbox&) = delete;
  Mailbox& operator=(const Mailbox&) = delete;

  std::mutex mutex;
  const std::string dir;

  // Guarded by mutex.
  bool gone = false;  // deleted or renamed away through IMAP: this object is finished
  std::uint32_t uidvalidity = 0;
  std::uint32_t uidnext = 1;
  std::vector<std::shared_ptr<MessageEntry>> messages;  // not expunged, ascending UIDs
  std::vector<std::string> keywords;  // every keyword used in the mailbox (FLAGS response)
  std::uint64_t serial = 0;   // last MessageEntry::serial handed out
  std::uint64_t version = 0;  // counts flag changes

  // Reads the directory: new files become messages (sorted by name, ascending UIDs), missing
  // ones are expunged, renamed ones update the flags; a directory made anew (no uidlist)
  // starts over with a new UIDVALIDITY. false when the directory is not a mailbox (any more).
  bool sync_with_disk();
  // Adds a message (file in cur/, next UID). nullptr when the file cannot be written.
  std::shared_ptr<MessageEntry> append(std::shared_ptr<const MessageData> data, const Flags& flags);
  // Stores new flags (renaming the file); false when nothing changed.
  bool set_flags(MessageEntry& e, const Flags& flags);
  // Removes the messages flagged \Deleted. reuse_uids (fault uid-reuse) lowers UIDNEXT to one
  // past the highest UID left, so the next message may get an expunged message's UID.
  std::size_t expunge_deleted(bool reuse_uids);
  // Takes the messages out (RENAME INBOX moved their files away).
  void forget_all();
  // A new UIDVALIDITY with the UIDs kept (fault uidvalidity-changes).
  void renew_uidvalidity();
  // Whether the mailbox may take these keywords: at most kMaxKeywords different ones, so a
  // client cannot make FLAGS responses grow without end.
  bool keywords_fit(const Flags& f) const;
  std::size_t unseen_count() const;
  std::size_t unclaimed_count() const;  // STATUS RECENT: messages no session was told about

 private:
  std::optional<UidList> load_or_start(bool trust_uidlist);
  std::shared_ptr<MessageEntry> load_message(const MaildirFile& f, const std::optional<UidList>& saved);
  bool same_directory() const;  // cur/ is still the directory loaded (not removed and made anew)
  void add_keywords(const Flags& f);
  void save();

  bool loaded_ = false;
  unsigned long long cur_inode_ = 0;  // of DIR/cur when loaded
};

// The Mailbox object of a directory: one per directory in the process, made on first use.
std::shared_ptr<Mailbox> open_mailbox(const std::string& dir);
// After DELETE/RENAME: the directory's object is marked gone and dropped, so the next
// open_mailbox makes a fresh one.
void drop_mailbox(const std::string& dir);

}  // namespace fimapd
