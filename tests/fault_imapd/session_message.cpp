// Commands of the selected state (RFC 3501 6.4) but FETCH: CHECK CLOSE EXPUNGE SEARCH STORE
// COPY, and UID, which runs COPY/FETCH/SEARCH/STORE with UIDs for sequence numbers.
#include <mutex>

#include "search.hpp"
#include "session.hpp"
#include "text.hpp"

namespace fimapd {

std::optional<SequenceSet> Session::sequence_arg(Request& r, Reply& error) {
  auto set = r.args.sp() ? r.args.sequence_set() : std::nullopt;
  if (!set) {
    error = bad("Syntax: " + r.name + " sequence-set ...");
    return std::nullopt;
  }
  if (!r.uid) {
    std::lock_guard g(selected_->box->mutex);
    if (!set->within(static_cast<std::uint32_t>(selected_->messages.size()))) {
      error = bad("Invalid message sequence number: the mailbox has " +
                  std::to_string(selected_->messages.size()) + " messages");
      return std::nullopt;
    }
  }
  return set;
}

Session::Reply Session::cmd_check(Request& r) {
  if (!r.args.at_end()) return bad("CHECK takes no arguments");
  std::lock_guard g(selected_->box->mutex);
  selected_->box->sync_with_disk();  // every change is on disk already: a checkpoint is a rescan
  return ok("CHECK completed");
}

Session::Reply Session::cmd_close(Request& r) {
  if (!r.args.at_end()) return bad("CLOSE takes no arguments");
  // RFC 3501 6.4.2: \Deleted messages go silently; nothing goes after EXAMINE.
  if (!selected_->read_only) {
    {
      std::lock_guard g(selected_->box->mutex);
      selected_->box->expunge_deleted(fault(Fault::UidReuse));
    }
    if (fault(Fault::CloseSendsExpunge)) report_updates(true, false);
  }
  deselect();
  return ok("CLOSE completed");
}

Session::Reply Session::cmd_expunge(Request& r) {
  if (!r.args.at_end()) return bad("EXPUNGE takes no arguments");
  if (selected_->read_only) return no("EXPUNGE failed: the mailbox is read-only");
  std::lock_guard g(selected_->box->mutex);
  // The EXPUNGE responses come with the updates, before the completion (session.cpp).
  selected_->box->expunge_deleted(fault(Fault::UidReuse));
  return ok("EXPUNGE completed");
}

Session::Reply Session::cmd_search(Request& r) {
  SearchKey key;
  std::string error;
  if (!r.args.sp()) return bad("Syntax: SEARCH [CHARSET name] key...");
  switch (parse_search(r.args, key, error, fault(Fault::SearchIgnoresNot))) {
    case SearchParse::Bad: return bad("SEARCH: " + error);
    case SearchParse::BadCharset: return no("[BADCHARSET (US-ASCII UTF-8)] Unsupported charset");
    case SearchParse::Ok: break;
  }
  std::string hits;
  {
    MailboxView& view = *selected_;
    std::lock_guard g(view.box->mutex);
    const auto max_seq = static_cast<std::uint32_t>(view.messages.size());
    const auto max_uid = view.max_uid();
    for (std::size_t i = 0; i < view.messages.size(); ++i) {
      const ViewMessage& m = view.messages[i];
      const SearchSubject subject{static_cast<std::uint32_t>(i + 1), m.entry->uid, max_seq, max_uid,
                                  *m.entry->data, m.entry->flags, m.recent};
      if (search_matches(key, subject))
        hits += " " + std::to_string(r.uid ? m.entry->uid : static_cast<std::uint32_t>(i + 1));
    }
  }
  untagged("SEARCH" + hits);
  return ok(r.name + " completed");
}

Session::Reply Session::cmd_store(Request& r) {
  Reply error = bad("");
  auto set = sequence_arg(r, error);
  if (!set) return error;
  // store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
  if (!r.args.sp()) return bad("Syntax: STORE set [+-]FLAGS[.SILENT] (flags)");
  const char mode = r.args.consume('+') ? '+' : r.args.consume('-') ? '-' : '=';
  const bool silent = r.args.keyword("FLAGS.SILENT");
  if ((!silent && !r.args.keyword("FLAGS")) || !r.args.sp()) return bad("Syntax: STORE set [+-]FLAGS[.SILENT] (flags)");
  std::vector<std::string> names;
  if (r.args.peek('(')) {
    auto list = r.args.flag_list();
    if (!list) return bad("Syntax: STORE set [+-]FLAGS[.SILENT] (flags)");
    names = *list;
  } else {
    do {
      auto f = r.args.flag();
      if (!f) return bad("Syntax: STORE set [+-]FLAGS[.SILENT] flag...");
      names.push_back(*f);
    } while (r.args.sp());
  }
  if (!r.args.at_end()) return bad("Syntax: STORE set [+-]FLAGS[.SILENT] (flags)");
  Flags given;
  for (const auto& n : names) {
    auto f = parse_flag(n);
    if (!f) return bad("Flag " + n + " cannot be stored");
    given.add(*f);
  }
  if (selected_->read_only) return no("STORE failed: the mailbox is read-only");
  // RFC 3501 6.4.6: the new flags come back as untagged FETCH, unless .SILENT.
  const bool answer = silent ? fault(Fault::SilentStoreFetch) : !fault(Fault::StoreNoFetch);
  std::vector<std::string> lines;
  {
    MailboxView& view = *selected_;
    std::lock_guard g(view.box->mutex);
    if (!view.box->keywords_fit(given)) return no("STORE failed: too many keywords in this mailbox");
    for (std::size_t i : view.select(*set, r.uid)) {
      ViewMessage& m = view.messages[i];
      if (m.entry->expunged) continue;  // expunged by another session, not reported yet
      Flags f = mode == '=' ? given : m.entry->flags;
      if (mode == '+') f.add(given);
      if (mode == '-') f.remove(given);
      view.box->set_flags(*m.entry, f);
      m.flags_seen = m.entry->flags_version;
      if (answer)
        lines.push_back(std::to_string(i + 1) + " FETCH (FLAGS " + imap_flag_list(m.entry->flags, m.recent) +
                        (r.uid ? " UID " + std::to_string(m.entry->uid) : "") + ")");
    }
  }
  for (const auto& l : lines) untagged(l);
  return ok(r.name + " completed");
}

Session::Reply Session::cmd_copy(Request& r) {
  Reply error = bad("");
  auto set = sequence_arg(r, error);
  if (!set) return error;
  auto raw = r.args.sp() ? r.args.astring() : std::nullopt;
  if (!raw || !r.args.at_end()) return bad("Syntax: COPY sequence-set mailbox");
  auto name = Account::canonical(*raw);
  if (!name) return no("COPY failed: invalid mailbox name");
  if (!account_->exists(*name))  // RFC 3501 6.4.7: [TRYCREATE], as for APPEND
    return no(fault(Fault::CopyNoTrycreate) ? "COPY failed: no such mailbox" : "[TRYCREATE] COPY failed: no such mailbox");
  // Collected first and added after: the target may be this very mailbox (one mutex).
  std::vector<std::pair<std::shared_ptr<const MessageData>, Flags>> copies;
  {
    std::lock_guard g(selected_->box->mutex);
    for (std::size_t i : selected_->select(*set, r.uid))
      copies.emplace_back(selected_->messages[i].entry->data, selected_->messages[i].entry->flags);
  }
  auto target = open_mailbox(account_->dir_of(*name));
  std::lock_guard g(target->mutex);
  if (!target->sync_with_disk()) return no("COPY failed: no such mailbox");
  // The flags and internal date go along (RFC 3501 6.4.7 SHOULD); \Recent is new for the copy.
  for (const auto& [data, flags] : copies) {
    if (!target->keywords_fit(flags)) return no("COPY failed: too many keywords in the target mailbox");
    if (!target->append(data, flags)) return no("COPY failed: a message cannot be stored");
  }
  return ok(r.name + " completed");
}

Session::Reply Session::cmd_uid(Request& r) {
  auto sub = r.args.sp() ? r.args.atom() : std::nullopt;
  const Command* cmd = sub ? find_command(uid_commands(), *sub) : nullptr;
  if (!cmd) return bad("Syntax: UID COPY|FETCH|SEARCH|STORE ...");
  Request inner{r.tag, "UID " + std::string(cmd->name), r.args, true};
  return (this->*(cmd->fn))(inner);
}

}  // namespace fimapd
