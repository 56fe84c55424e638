// Commands of the authenticated state (RFC 3501 6.3): SELECT EXAMINE CREATE DELETE RENAME
// SUBSCRIBE UNSUBSCRIBE LIST LSUB STATUS APPEND.
#include <algorithm>
#include <ctime>
#include <mutex>

#include "list_match.hpp"
#include "mailbox.hpp"
#include "session.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
// SP mailbox (an astring; RFC 3501 9 mailbox).
std::optional<std::string> mailbox_arg(Parser& p) { return p.sp() ? p.astring() : std::nullopt; }

const char* status_text(Account::Status s) {
  switch (s) {
    case Account::Status::Ok: return "completed";
    case Account::Status::Exists: return "failed: a mailbox with that name exists";
    case Account::Status::Missing: return "failed: no such mailbox";
    case Account::Status::NoselectWithInferiors:
      return "failed: the name has inferior hierarchical names and is not a mailbox";
    case Account::Status::Inferior: return "failed: a mailbox cannot become its own inferior";
    case Account::Status::Failed: break;
  }
  return "failed: the mailbox store refused";
}
}  // namespace

Session::Reply Session::cmd_select(Request& r) { return select(r, false); }
Session::Reply Session::cmd_examine(Request& r) { return select(r, true); }

Session::Reply Session::select(Request& r, bool read_only) {
  auto raw = mailbox_arg(r.args);
  if (!raw || !r.args.at_end()) return bad("Syntax: " + r.name + " mailbox");
  // RFC 3501 6.3.1: the current mailbox is deselected first, so a failure leaves none.
  if (!fault(Fault::FailedSelectKeepsMailbox)) deselect();
  auto name = Account::canonical(*raw);
  if (!name || !account_->exists(*name)) return no(r.name + " failed: no such mailbox");
  auto view = std::make_unique<MailboxView>(open_mailbox(account_->dir_of(*name)), *name, read_only,
                                            fault(Fault::RecentTwice));
  std::vector<std::string> lines;
  {
    Mailbox& box = *view->box;
    std::lock_guard g(box.mutex);
    if (!box.sync_with_disk()) return no(r.name + " failed: no such mailbox");
    if (fault(Fault::UidvalidityChanges)) box.renew_uidvalidity();
    view->load();
    lines.push_back("FLAGS " + defined_flags(box.keywords));
    lines.push_back(std::to_string(view->messages.size()) + " EXISTS");
    lines.push_back(std::to_string(view->recent_count()) + " RECENT");
    if (auto first = view->first_unseen()) {
      const std::size_t n = fault(Fault::UnseenCount) ? box.unseen_count() : *first;
      lines.push_back("OK [UNSEEN " + std::to_string(n) + "] First unseen message");
    }
    lines.push_back("OK [PERMANENTFLAGS " + (read_only ? std::string("()") : permanent_flags(box.keywords)) +
                    "] " + (read_only ? "No permanent flags permitted" : "Flags permitted"));
    if (!fault(Fault::SelectNoUidvalidity))
      lines.push_back("OK [UIDVALIDITY " + std::to_string(box.uidvalidity) + "] UIDs valid");
    lines.push_back("OK [UIDNEXT " + std::to_string(box.uidnext) + "] Predicted next UID");
  }
  deselect();  // (only matters with failed-select-keeps)
  for (const auto& l : lines) untagged(l);
  selected_ = std::move(view);
  state_ = State::Selected;
  if (read_only) return ok(fault(Fault::ExamineNoReadOnly) ? "EXAMINE completed" : "[READ-ONLY] EXAMINE completed");
  return ok("[READ-WRITE] SELECT completed");
}

Session::Reply Session::cmd_create(Request& r) {
  auto raw = mailbox_arg(r.args);
  if (!raw || !r.args.at_end()) return bad("Syntax: CREATE mailbox");
  // RFC 3501 6.3.3: a trailing delimiter only declares the intent to create inferiors.
  std::string_view wanted = *raw;
  if (wanted.size() > 1 && wanted.back() == kDelimiter) wanted.remove_suffix(1);
  auto name = Account::canonical(wanted);
  if (!name) return no("CREATE failed: invalid mailbox name");
  if (*name == "INBOX") return no("CREATE failed: INBOX always exists");
  std::lock_guard g(Account::tree_mutex());
  const auto s = account_->create(*name);
  return s == Account::Status::Ok ? ok("CREATE completed") : no(std::string("CREATE ") + status_text(s));
}

Session::Reply Session::cmd_delete(Request& r) {
  auto raw = mailbox_arg(r.args);
  if (!raw || !r.args.at_end()) return bad("Syntax: DELETE mailbox");
  auto name = Account::canonical(*raw);
  if (!name) return no("DELETE failed: invalid mailbox name");
  if (*name == "INBOX") return no("DELETE failed: INBOX cannot be deleted");
  std::lock_guard g(Account::tree_mutex());
  const auto s = account_->remove(*name);
  return s == Account::Status::Ok ? ok("DELETE completed") : no(std::string("DELETE ") + status_text(s));
}

Session::Reply Session::cmd_rename(Request& r) {
  auto raw_from = mailbox_arg(r.args);
  auto raw_to = raw_from ? mailbox_arg(r.args) : std::nullopt;
  if (!raw_to || !r.args.at_end()) return bad("Syntax: RENAME mailbox newname");
  auto from = Account::canonical(*raw_from), to = Account::canonical(*raw_to);
  if (!from || !to) return no("RENAME failed: invalid mailbox name");
  if (*to == "INBOX") return no("RENAME failed: INBOX exists");
  std::lock_guard g(Account::tree_mutex());
  const auto s = *from == "INBOX" ? account_->rename_inbox(*to, fault(Fault::RenameInboxKeeps))
                                  : account_->rename(*from, *to);
  return s == Account::Status::Ok ? ok("RENAME completed") : no(std::string("RENAME ") + status_text(s));
}

Session::Reply Session::cmd_subscribe(Request& r) { return subscription(r, true); }
Session::Reply Session::cmd_unsubscribe(Request& r) { return subscription(r, false); }

Session::Reply Session::subscription(Request& r, bool on) {
  auto raw = mailbox_arg(r.args);
  if (!raw || !r.args.at_end()) return bad("Syntax: " + r.name + " mailbox");
  auto name = Account::canonical(*raw);
  if (!name) return no(r.name + " failed: invalid mailbox name");
  std::lock_guard g(Account::tree_mutex());
  if (!on) {
    auto subs = account_->subscriptions();
    if (std::find(subs.begin(), subs.end(), *name) == subs.end()) return no("UNSUBSCRIBE failed: not subscribed");
  }
  // A name may be subscribed whether or not the mailbox exists (RFC 3501 6.3.6 permits both).
  if (!account_->set_subscribed(*name, on)) return no(r.name + " failed: cannot write the list");
  return ok(r.name + " completed");
}

Session::Reply Session::cmd_list(Request& r) { return list(r, false); }
Session::Reply Session::cmd_lsub(Request& r) { return list(r, true); }

Session::Reply Session::list(Request& r, bool lsub) {
  auto reference = mailbox_arg(r.args);
  auto pattern = reference && r.args.sp() ? r.args.list_mailbox() : std::nullopt;
  if (!pattern || !r.args.at_end()) return bad("Syntax: " + r.name + " reference mailbox");
  if (pattern->empty()) {
    // RFC 3501 6.3.8: the hierarchy delimiter and the root name (empty: names are not rooted).
    if (!lsub) untagged("LIST (\\Noselect) \".\" \"\"");
    return ok(r.name + " completed");
  }
  // Interpreted form: the reference and the pattern joined (no "break out" characters).
  const std::string full = *reference + *pattern;
  if (full.size() > kMaxPattern) return no(r.name + " failed: pattern too long");
  std::vector<std::string> names;
  {
    std::lock_guard g(Account::tree_mutex());
    names = lsub ? account_->subscriptions() : account_->mailboxes();
  }
  for (const auto& m : match_names(names, full, fault(Fault::ListPercentStar)))
    untagged(r.name + (m.noselect ? " (\\Noselect) \".\" " : " () \".\" ") + imap_astring(m.name));
  return ok(r.name + " completed");
}

Session::Reply Session::cmd_status(Request& r) {
  auto raw = mailbox_arg(r.args);
  if (!raw || !r.args.sp() || !r.args.consume('(')) return bad("Syntax: STATUS mailbox (items)");
  std::vector<std::string> items;
  do {
    auto item = r.args.atom();
    if (!item) return bad("Syntax: STATUS mailbox (items)");
    const std::string u = upper(*item);
    if (u != "MESSAGES" && u != "RECENT" && u != "UIDNEXT" && u != "UIDVALIDITY" && u != "UNSEEN")
      return bad("Unknown STATUS item " + *item);
    items.push_back(u);
  } while (r.args.sp());
  if (!r.args.consume(')') || !r.args.at_end()) return bad("Syntax: STATUS mailbox (items)");
  auto name = Account::canonical(*raw);
  if (!name || !account_->exists(*name)) return no("STATUS failed: no such mailbox");
  auto box = open_mailbox(account_->dir_of(*name));
  std::string values;
  {
    std::lock_guard g(box->mutex);
    if (!box->sync_with_disk()) return no("STATUS failed: no such mailbox");
    for (const auto& item : items) {
      const std::size_t v = item == "MESSAGES"      ? box->messages.size()
                            : item == "RECENT"      ? box->unclaimed_count()
                            : item == "UIDNEXT"     ? box->uidnext
                            : item == "UIDVALIDITY" ? box->uidvalidity
                                                    : box->unseen_count();
      values += (values.empty() ? "" : " ") + item + " " + std::to_string(v);
    }
  }
  untagged("STATUS " + imap_astring(*name) + " (" + values + ")");
  return ok("STATUS completed");
}

Session::Reply Session::cmd_append(Request& r) {
  auto raw = mailbox_arg(r.args);
  if (!raw || !r.args.sp()) return bad("Syntax: APPEND mailbox [(flags)] [date-time] literal");
  Flags flags;
  if (r.args.peek('(')) {
    auto list = r.args.flag_list();
    if (!list || !r.args.sp()) return bad("Syntax: APPEND mailbox [(flags)] [date-time] literal");
    for (const auto& f : *list) {
      auto parsed = parse_flag(f);
      if (!parsed) return bad("Flag " + f + " cannot be set");
      flags.add(*parsed);
    }
  }
  ZonedTime date{std::time(nullptr), 0};
  if (r.args.peek('"')) {
    auto text = r.args.string();
    auto parsed = text ? parse_date_time(*text) : std::nullopt;
    if (!parsed || !r.args.sp()) return bad("Invalid date-time");
    date = *parsed;
  }
  auto message = r.args.peek('{') ? r.args.string() : std::nullopt;  // the grammar wants a literal
  if (!message || !r.args.at_end()) return bad("Syntax: APPEND mailbox [(flags)] [date-time] literal");
  auto name = Account::canonical(*raw);
  if (!name) return no("APPEND failed: invalid mailbox name");
  if (!account_->exists(*name)) {
    // RFC 3501 6.3.11: an error with [TRYCREATE], never an automatic CREATE.
    if (!fault(Fault::AppendCreates)) return no("[TRYCREATE] APPEND failed: no such mailbox");
    std::lock_guard g(Account::tree_mutex());
    account_->create(*name);
  }
  auto data = std::make_shared<const MessageData>(to_crlf(*message), date);
  auto box = open_mailbox(account_->dir_of(*name));
  std::lock_guard g(box->mutex);
  if (!box->sync_with_disk()) return no("APPEND failed: no such mailbox");
  if (!box->keywords_fit(flags)) return no("APPEND failed: too many keywords in this mailbox");
  if (!box->append(data, flags)) return no("APPEND failed: the message cannot be stored");
  return ok("APPEND completed");
}

}  // namespace fimapd
