// FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8). The flags are read and \Seen is set with the
// mailbox locked; the responses, message texts included, are written after it is unlocked, so a
// slow client never holds up the other sessions.
#include <mutex>

#include "fetch.hpp"
#include "session.hpp"

namespace fimapd {

namespace {
constexpr std::size_t kFlushAt = 256 * 1024;  // queued response octets sent while FETCH runs

struct Picked {
  std::uint32_t seq, uid;
  std::shared_ptr<const MessageData> data;
  Flags flags;  // as they are after this FETCH
  bool recent;
  bool seen_now;  // \Seen was set by this FETCH: the response carries FLAGS
};
}  // namespace

Session::Reply Session::cmd_fetch(Request& r) {
  Reply error = bad("");
  auto set = sequence_arg(r, error);
  if (!set) return error;
  std::vector<FetchItem> items;
  if (!r.args.sp() || !parse_fetch_items(r.args, items) || !r.args.at_end())
    return bad("Syntax: " + r.name + " sequence-set items");
  bool sets_seen = false;
  for (const auto& i : items)
    sets_seen = sets_seen || i.sets_seen() || (i.peek && fault(Fault::PeekSetsSeen));
  std::vector<Picked> picked;
  {
    MailboxView& view = *selected_;
    std::lock_guard g(view.box->mutex);
    for (std::size_t i : view.select(*set, r.uid)) {
      ViewMessage& m = view.messages[i];
      MessageEntry& e = *m.entry;
      bool seen_now = false;
      // RFC 3501 6.4.5: BODY[...], RFC822 and RFC822.TEXT set \Seen (not in a read-only view).
      if (sets_seen && !view.read_only && !e.expunged && !e.flags.has(kSeen)) {
        Flags f = e.flags;
        f.system |= kSeen;
        view.box->set_flags(e, f);
        m.flags_seen = e.flags_version;
        seen_now = true;
      }
      picked.push_back({static_cast<std::uint32_t>(i + 1), e.uid, e.data, e.flags, m.recent, seen_now});
    }
  }
  const FetchFaults faults{fault(Fault::LiteralShort), fault(Fault::SizeLf),
                           fault(Fault::BodystructureFlat), fault(Fault::HeaderNoBlankLine)};
  for (const auto& p : picked) {
    untagged(render_fetch(items, {p.seq, p.uid, *p.data, p.flags, p.recent}, r.uid, p.seen_now, faults));
    if (out_.size() >= kFlushAt) flush();
  }
  return ok(r.name + " completed");
}

}  // namespace fimapd
