#include "mailbox.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include "maildir.hpp"
#include "text.hpp"
#include "uidlist.hpp"

namespace fimapd {

namespace {
// Never destroyed: detached session threads may still use it while the process exits.
struct Registry {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<Mailbox>> boxes;
};
Registry& registry() {
  static Registry* r = new Registry;
  return *r;
}

std::string path_of(const Mailbox& box, const MessageEntry& e) {
  return box.dir + "/" + e.sub + "/" + e.file_name;
}
}  // namespace

std::shared_ptr<Mailbox> open_mailbox(const std::string& dir) {
  auto& r = registry();
  std::lock_guard g(r.mutex);
  auto& slot = r.boxes[dir];
  if (!slot) slot = std::make_shared<Mailbox>(dir);
  return slot;
}

void drop_mailbox(const std::string& dir) {
  std::shared_ptr<Mailbox> box;
  {
    auto& r = registry();
    std::lock_guard g(r.mutex);
    auto it = r.boxes.find(dir);
    if (it == r.boxes.end()) return;
    box = it->second;
    r.boxes.erase(it);
  }
  std::lock_guard g(box->mutex);
  box->gone = true;
}

// First use, or the directory was removed and made anew: starts from the uidlist if there is
// one to trust, else as a new mailbox. Returns the uidlist it started from.
std::optional<UidList> Mailbox::load_or_start(bool trust_uidlist) {
  forget_all();
  keywords.clear();
  loaded_ = true;
  struct stat st {};
  cur_inode_ = stat((dir + "/cur").c_str(), &st) == 0 ? st.st_ino : 0;
  auto saved = trust_uidlist ? read_uidlist(dir) : std::nullopt;
  uidvalidity = saved ? saved->uidvalidity : new_uidvalidity();
  uidnext = saved ? saved->uidnext : 1;
  return saved;
}

// A file not seen before: a new message with the next UID, or the UID the uidlist gave it.
std::shared_ptr<MessageEntry> Mailbox::load_message(const MaildirFile& f, const std::optional<UidList>& saved) {
  auto content = read_file(dir + "/" + f.sub + "/" + f.name);
  if (!content) return nullptr;  // removed since the listing
  const UidListEntry* old = nullptr;
  if (saved)
    if (auto s = saved->messages.find(f.base); s != saved->messages.end() && s->second.uid < uidnext)
      old = &s->second;
  const ZonedTime date = old ? old->internal_date : ZonedTime{f.mtime, 0};
  auto e = std::make_shared<MessageEntry>(old ? old->uid : uidnext++, ++serial,
                                          std::make_shared<MessageData>(to_crlf(*content), date));
  e->sub = f.sub;
  e->file_name = f.name;
  e->base = f.base;
  e->flags.system = f.system_flags;
  if (old) e->flags.keywords = old->keywords;
  add_keywords(e->flags);
  return e;
}

bool Mailbox::sync_with_disk() {
  if (gone) return false;
  std::vector<MaildirFile> files;
  if (!list_messages(dir, files)) {
    forget_all();
    loaded_ = false;  // if it comes back, it is a new mailbox
    return false;
  }
  std::optional<UidList> saved;
  bool changed = false;
  // A directory made anew has no uidlist (or, if a late write of an old session put one there,
  // another cur/ inode): the messages in it are new ones.
  if (!loaded_ || !uidlist_exists(dir) || !same_directory()) {
    // Once loaded, a replaced directory is a new mailbox whatever file may be in it.
    saved = load_or_start(!loaded_);
    changed = true;
  }
  std::map<std::string, std::shared_ptr<MessageEntry>> known;
  for (auto& e : messages) known[e->base] = e;
  std::vector<std::shared_ptr<MessageEntry>> present;
  for (const auto& f : files) {
    auto it = known.find(f.base);
    if (it != known.end()) {  // known: follow a rename (flags changed by someone else)
      auto& e = *it->second;
      if (e.sub != f.sub || e.file_name != f.name) {
        e.sub = f.sub;
        e.file_name = f.name;
        if (f.sub == "cur" && f.system_flags != e.flags.system) {
          e.flags.system = f.system_flags;
          e.flags_version = ++version;
        }
      }
      present.push_back(it->second);
      continue;
    }
    if (auto e = load_message(f, saved)) {
      present.push_back(std::move(e));
      changed = true;
    }
  }
  std::set<const MessageEntry*> still_there;
  for (const auto& e : present) still_there.insert(e.get());
  for (auto& e : messages)
    if (!still_there.count(e.get())) {
      e->expunged = true;  // the file went away
      changed = true;
    }
  std::sort(present.begin(), present.end(), [](const auto& a, const auto& b) { return a->uid < b->uid; });
  messages = std::move(present);
  if (changed) save();
  return true;
}

std::shared_ptr<MessageEntry> Mailbox::append(std::shared_ptr<const MessageData> data, const Flags& flags) {
  if (gone) return nullptr;
  const std::string base = unique_base();
  const std::string name = cur_name(base, flags.system);
  if (!deliver(dir, name, data->text, data->internal_date.utc)) return nullptr;
  auto e = std::make_shared<MessageEntry>(uidnext++, ++serial, std::move(data));
  e->file_name = name;
  e->base = base;
  e->flags = flags;
  e->flags_version = ++version;
  add_keywords(flags);
  messages.push_back(e);
  save();
  return e;
}

bool Mailbox::set_flags(MessageEntry& e, const Flags& flags) {
  if (e.flags == flags) return false;
  const bool system_changed = e.flags.system != flags.system;
  e.flags = flags;
  e.flags_version = ++version;
  add_keywords(flags);
  if (!e.expunged && !gone && (system_changed || e.sub != "cur")) {
    const std::string name = cur_name(e.base, flags.system);
    if (std::rename(path_of(*this, e).c_str(), (dir + "/cur/" + name).c_str()) == 0) {
      e.sub = "cur";
      e.file_name = name;
    }
  }
  save();  // keywords live in the uidlist
  return true;
}

std::size_t Mailbox::expunge_deleted(bool reuse_uids) {
  std::size_t removed = 0;
  std::erase_if(messages, [&](const std::shared_ptr<MessageEntry>& e) {
    if (!e->flags.has(kDeleted)) return false;
    unlink(path_of(*this, *e).c_str());
    e->expunged = true;
    ++removed;
    return true;
  });
  if (reuse_uids) uidnext = messages.empty() ? 1 : messages.back()->uid + 1;
  if (removed || reuse_uids) save();
  return removed;
}

void Mailbox::forget_all() {
  for (auto& e : messages) e->expunged = true;
  messages.clear();
}

void Mailbox::renew_uidvalidity() {
  uidvalidity = new_uidvalidity();
  save();
}

bool Mailbox::keywords_fit(const Flags& f) const {
  std::size_t added = 0;
  for (const auto& k : f.keywords)
    if (std::none_of(keywords.begin(), keywords.end(), [&](const auto& x) { return iequals(x, k); })) ++added;
  return keywords.size() + added <= kMaxKeywords;
}

std::size_t Mailbox::unseen_count() const {
  return static_cast<std::size_t>(std::count_if(messages.begin(), messages.end(),
                                                [](const auto& e) { return !e->flags.has(kSeen); }));
}

std::size_t Mailbox::unclaimed_count() const {
  return static_cast<std::size_t>(std::count_if(messages.begin(), messages.end(),
                                                [](const auto& e) { return !e->recent_claimed; }));
}

void Mailbox::add_keywords(const Flags& f) {
  for (const auto& k : f.keywords)
    if (std::none_of(keywords.begin(), keywords.end(), [&](const auto& x) { return iequals(x, k); }))
      keywords.push_back(k);
}

bool Mailbox::same_directory() const {
  struct stat st {};
  return stat((dir + "/cur").c_str(), &st) == 0 && st.st_ino == cur_inode_;
}

void Mailbox::save() {
  // Never into a directory that replaced the one loaded: the next sync starts over there.
  if (gone || !same_directory()) return;
  UidList list;
  list.uidvalidity = uidvalidity;
  list.uidnext = uidnext;
  for (const auto& e : messages) list.messages[e->base] = {e->uid, e->data->internal_date, e->flags.keywords};
  write_uidlist(dir, list);
}

}  // namespace fimapd
