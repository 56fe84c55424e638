// A session's view of its selected mailbox: its message sequence numbers (RFC 3501 2.3.1.2)
// and what it has been told. Between commands other sessions change the shared Mailbox;
// collect_updates() compares and words the differences as untagged responses: EXPUNGE (only
// where RFC 3501 7.4.1 allows it; until then the expunged message keeps its number here),
// FETCH with new flags, FLAGS when keywords were added, EXISTS and RECENT for new messages.
// Every member function expects the caller to hold box->mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mailbox.hpp"
#include "parser.hpp"

namespace fimapd {

struct ViewMessage {
  std::shared_ptr<MessageEntry> entry;
  std::uint64_t flags_seen = 0;  // entry->flags_version last told to the client
  bool recent = false;           // \Recent in this session (RFC 3501 2.3.2)
};

class MailboxView {
 public:
  // recent_for_all: fault recent-twice (every session sees \Recent).
  MailboxView(std::shared_ptr<Mailbox> mailbox, std::string mailbox_name, bool read_only_view,
              bool recent_for_all)
      : box(std::move(mailbox)), name(std::move(mailbox_name)), read_only(read_only_view),
        recent_for_all_(recent_for_all) {}

  const std::shared_ptr<Mailbox> box;
  const std::string name;
  const bool read_only;  // EXAMINE
  std::vector<ViewMessage> messages;  // index = message sequence number - 1

  void load();  // SELECT/EXAMINE: every message now in the mailbox
  std::uint32_t max_uid() const;  // what "*" means in a UID set
  std::size_t recent_count() const;
  std::optional<std::size_t> first_unseen() const;  // a sequence number
  // The indexes of the messages the set names (UIDs or sequence numbers).
  std::vector<std::size_t> select(const SequenceSet& set, bool uid) const;

  struct UpdateRules {
    bool expunges;          // EXPUNGE responses allowed now
    bool new_messages;      // EXISTS/RECENT allowed now
    bool original_numbers;  // fault expunge-original-numbers
  };
  // The untagged responses (without "* ") for what changed since the last call.
  void collect_updates(const UpdateRules& rules, std::vector<std::string>& out);

 private:
  void learn(const std::shared_ptr<MessageEntry>& e);

  std::uint64_t serial_seen_ = 0;    // the newest message this view took in
  std::size_t keywords_seen_ = 0;    // how many keywords the last FLAGS response listed
  bool recent_for_all_;
};

}  // namespace fimapd
