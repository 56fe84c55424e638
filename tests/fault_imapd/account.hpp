// The account's mailbox hierarchy (RFC 3501 5.1): INBOX is the Maildir itself, every other
// mailbox NAME is the Maildir++ subfolder DIR/.NAME/, with "." as the hierarchy delimiter in
// names and directory names alike ("Work.2024" is DIR/.Work.2024/). A level with inferiors but
// no directory of its own (after DELETE, or CREATE of "a.b" alone) is a \Noselect name.
// Also the subscription list (DIR/subscriptions). Changes to the hierarchy are serialized by
// one process-wide mutex (tree_mutex), taken before any mailbox's mutex.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fimapd {

constexpr char kDelimiter = '.';

class Account {
 public:
  explicit Account(std::string root) : root_(std::move(root)) {}

  enum class Status { Ok, Exists, Missing, NoselectWithInferiors, Inferior, Failed };

  // A valid mailbox name in its canonical form ("inbox" in any case is "INBOX"), or nullopt:
  // empty levels, '/', wildcards, control and 8-bit characters are not allowed.
  static std::optional<std::string> canonical(std::string_view name);
  static std::mutex& tree_mutex();

  const std::string& root() const { return root_; }
  std::string dir_of(const std::string& name) const;
  bool exists(const std::string& name) const;
  bool has_inferiors(const std::string& name) const;
  std::vector<std::string> mailboxes() const;  // the existing ones, INBOX first

  // Callers hold tree_mutex for these.
  Status create(const std::string& name);    // superior levels are created too
  Status remove(const std::string& name);
  Status rename(const std::string& from, const std::string& to);  // not INBOX; with inferiors
  // RENAME INBOX (RFC 3501 6.3.5): the messages move to a new mailbox `to`; INBOX stays, empty
  // (keep: fault rename-inbox-keeps, the messages are copied instead).
  Status rename_inbox(const std::string& to, bool keep);

  std::vector<std::string> subscriptions() const;
  bool set_subscribed(const std::string& name, bool on);  // caller holds tree_mutex

 private:
  bool make_folder(const std::string& name);
  std::string root_;
};

}  // namespace fimapd
