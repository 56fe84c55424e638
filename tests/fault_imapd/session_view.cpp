#include "session_view.hpp"

#include <algorithm>

#include "flags.hpp"

namespace fimapd {

void MailboxView::learn(const std::shared_ptr<MessageEntry>& e) {
  ViewMessage v;
  v.entry = e;
  v.flags_seen = e->flags_version;
  // RFC 3501 2.3.2: \Recent goes to the first session told about the message; a read-only
  // session (EXAMINE) sees it without taking it away from the others.
  v.recent = !e->recent_claimed || recent_for_all_;
  if (!read_only) e->recent_claimed = true;
  messages.push_back(std::move(v));
  if (e->serial > serial_seen_) serial_seen_ = e->serial;
}

void MailboxView::load() {
  messages.clear();
  for (const auto& e : box->messages) learn(e);
  serial_seen_ = box->serial;
  keywords_seen_ = box->keywords.size();
}

std::uint32_t MailboxView::max_uid() const {
  // RFC 3501 9 seq-number: "*" is the last message's UID, or UIDNEXT in an empty mailbox.
  return messages.empty() ? box->uidnext : messages.back().entry->uid;
}

std::size_t MailboxView::recent_count() const {
  std::size_t n = 0;
  for (const auto& m : messages) n += m.recent ? 1 : 0;
  return n;
}

std::optional<std::size_t> MailboxView::first_unseen() const {
  for (std::size_t i = 0; i < messages.size(); ++i)
    if (!messages[i].entry->flags.has(kSeen)) return i + 1;
  return std::nullopt;
}

std::vector<std::size_t> MailboxView::select(const SequenceSet& set, bool uid) const {
  std::vector<std::size_t> out;
  const auto max = uid ? max_uid() : static_cast<std::uint32_t>(messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto n = uid ? messages[i].entry->uid : static_cast<std::uint32_t>(i + 1);
    if (set.contains(n, max)) out.push_back(i);
  }
  return out;
}

void MailboxView::collect_updates(const UpdateRules& rules, std::vector<std::string>& out) {
  if (rules.expunges) {
    // RFC 3501 7.4.1: each EXPUNGE decrements the numbers of the later messages at once, so
    // the next EXPUNGE response already uses the new numbering.
    std::size_t i = 0, original = 1;
    for (auto it = messages.begin(); it != messages.end(); ++original) {
      if (it->entry->expunged) {
        out.push_back(std::to_string(rules.original_numbers ? original : i + 1) + " EXPUNGE");
        it = messages.erase(it);
      } else {
        ++it;
        ++i;
      }
    }
  }
  if (box->keywords.size() != keywords_seen_) {  // RFC 3501 7.2.6: the defined flags changed
    keywords_seen_ = box->keywords.size();
    out.push_back("FLAGS " + defined_flags(box->keywords));
    if (!read_only) out.push_back("OK [PERMANENTFLAGS " + permanent_flags(box->keywords) + "] Flags permitted");
  }
  for (std::size_t i = 0; i < messages.size(); ++i) {
    auto& m = messages[i];
    if (m.entry->expunged || m.flags_seen == m.entry->flags_version) continue;
    m.flags_seen = m.entry->flags_version;
    out.push_back(std::to_string(i + 1) + " FETCH (FLAGS " + imap_flag_list(m.entry->flags, m.recent) + ")");
  }
  if (!rules.new_messages) return;
  bool added = false;
  const std::uint64_t seen = serial_seen_;
  for (const auto& e : box->messages)
    if (e->serial > seen) {
      learn(e);
      added = true;
    }
  serial_seen_ = box->serial;
  if (added) {
    out.push_back(std::to_string(messages.size()) + " EXISTS");
    out.push_back(std::to_string(recent_count()) + " RECENT");
  }
}

}  // namespace fimapd
