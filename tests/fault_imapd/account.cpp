#include "account.hpp"

#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "mailbox.hpp"
#include "maildir.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
constexpr std::size_t kMaxNameLength = 200;

bool is_inferior(const std::string& name, const std::string& of) {
  return name.size() > of.size() + 1 && name.compare(0, of.size(), of) == 0 && name[of.size()] == kDelimiter;
}
}  // namespace

std::mutex& Account::tree_mutex() {
  static std::mutex* m = new std::mutex;  // immortal, like the mailbox registry
  return *m;
}

std::optional<std::string> Account::canonical(std::string_view name) {
  if (iequals(name, "INBOX")) return std::string("INBOX");
  if (name.empty() || name.size() > kMaxNameLength) return std::nullopt;
  if (name.front() == kDelimiter || name.back() == kDelimiter ||
      name.find("..") != std::string_view::npos)
    return std::nullopt;  // an empty level
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F || c == '/' || c == '%' || c == '*') return std::nullopt;
  }
  return std::string(name);
}

std::string Account::dir_of(const std::string& name) const {
  return name == "INBOX" ? root_ : root_ + "/." + name;
}

bool Account::exists(const std::string& name) const { return is_maildir(dir_of(name)); }

bool Account::has_inferiors(const std::string& name) const {
  auto all = mailboxes();
  return std::any_of(all.begin(), all.end(), [&](const auto& m) { return is_inferior(m, name); });
}

std::vector<std::string> Account::mailboxes() const {
  std::vector<std::string> names;
  if (DIR* d = opendir(root_.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string entry = e->d_name;
      if (entry.size() < 2 || entry[0] != '.' || entry == "..") continue;
      auto name = canonical(entry.substr(1));
      if (name && *name != "INBOX" && is_maildir(root_ + "/" + entry)) names.push_back(*name);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  names.insert(names.begin(), "INBOX");
  return names;
}

bool Account::make_folder(const std::string& name) {
  const std::string dir = dir_of(name);
  if (!ensure_maildir(dir)) return false;
  std::ofstream(dir + "/maildirfolder");  // Maildir++ marks subfolders so
  drop_mailbox(dir);  // a stale object of an earlier mailbox of that name must not be reused
  return true;
}

Account::Status Account::create(const std::string& name) {
  if (name == "INBOX" || exists(name)) return Status::Exists;
  // RFC 3501 6.3.3: "the server SHOULD create any superior hierarchical names that are needed".
  for (std::size_t dot = name.find(kDelimiter); dot != std::string::npos; dot = name.find(kDelimiter, dot + 1)) {
    const std::string superior = name.substr(0, dot);
    if (superior != "INBOX" && !exists(superior) && !make_folder(superior)) return Status::Failed;
  }
  return make_folder(name) ? Status::Ok : Status::Failed;
}

Account::Status Account::remove(const std::string& name) {
  if (!exists(name)) return has_inferiors(name) ? Status::NoselectWithInferiors : Status::Missing;
  // Inferiors are sibling directories in Maildir++: they stay, and `name` becomes a \Noselect
  // level if there are any (RFC 3501 6.3.4).
  const std::string dir = dir_of(name);
  const bool removed = remove_tree(dir);
  drop_mailbox(dir);
  return removed ? Status::Ok : Status::Failed;
}

Account::Status Account::rename(const std::string& from, const std::string& to) {
  if (!exists(from)) return Status::Missing;
  if (to == "INBOX" || exists(to)) return Status::Exists;
  if (is_inferior(to, from)) return Status::Inferior;
  std::vector<std::pair<std::string, std::string>> moves = {{from, to}};
  for (const auto& m : mailboxes())  // RFC 3501 6.3.5: inferiors are renamed too
    if (is_inferior(m, from)) moves.emplace_back(m, to + m.substr(from.size()));
  for (const auto& [old_name, new_name] : moves)
    if (old_name != from && exists(new_name)) return Status::Exists;
  for (const auto& [old_name, new_name] : moves) {
    if (std::rename(dir_of(old_name).c_str(), dir_of(new_name).c_str()) != 0) return Status::Failed;
    drop_mailbox(dir_of(old_name));
    drop_mailbox(dir_of(new_name));
  }
  return Status::Ok;
}

Account::Status Account::rename_inbox(const std::string& to, bool keep) {
  if (exists(to)) return Status::Exists;
  if (!make_folder(to)) return Status::Failed;
  const std::string target = dir_of(to) + "/cur/";
  auto inbox = open_mailbox(root_);
  std::lock_guard g(inbox->mutex);
  inbox->sync_with_disk();
  for (const auto& e : inbox->messages) {
    const std::string from_path = root_ + "/" + e->sub + "/" + e->file_name;
    const std::string name = cur_name(e->base, e->flags.system);
    if (keep ? link(from_path.c_str(), (target + name).c_str()) != 0
             : std::rename(from_path.c_str(), (target + name).c_str()) != 0)
      return Status::Failed;
  }
  if (!keep) inbox->sync_with_disk();  // the files are gone: the messages are expunged
  return Status::Ok;
}

std::vector<std::string> Account::subscriptions() const {
  std::vector<std::string> names;
  auto text = read_file(root_ + "/subscriptions");
  if (!text) return names;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) names.push_back(line);
  return names;
}

bool Account::set_subscribed(const std::string& name, bool on) {
  auto names = subscriptions();
  std::erase(names, name);
  if (on) names.push_back(name);
  std::sort(names.begin(), names.end());
  std::string text;
  for (const auto& n : names) text += n + "\n";
  return write_file_atomic(root_ + "/subscriptions", text);
}

}  // namespace fimapd
