#include "runner/account_pool.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/template.h"
#include "target/confine.h"
#include "target/spawn.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;

// Maildir names that sort, and are numbered, in the maildrop's order: the leading time stamp
// is what Maildir readers order new messages by; ":2," marks them as already seen by a
// reader, so nothing moves them from new/ to cur/ while a case runs.
std::string message_file_name(std::size_t number) {
  return std::to_string(1700000000 + number) + ".M" + std::to_string(number) + "P1.rfcheck:2,";
}

std::string errno_text(const std::string& what, const fs::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

}  // namespace

AccountPool::AccountPool(std::vector<Account> accounts, std::optional<MaildropSpec> maildrop,
                         std::map<std::string, std::string> places)
    : accounts_(std::move(accounts)),
      maildrop_(std::move(maildrop)),
      places_(std::move(places)),
      busy_(accounts_.size(), false),
      released_at_(accounts_.size(), 0) {}

// The free account released longest ago: a server may still be ending the last session of
// an account after it closed the connection (Dovecot's POP3 process removes its session lock
// after the close), and a fresh maildrop rewritten under that process races it. The longer
// an account has rested, the surer its last session is over.
std::size_t AccountPool::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    std::optional<std::size_t> pick;
    for (std::size_t i = 0; i < busy_.size(); ++i) {
      if (!busy_[i] && (!pick || released_at_[i] < released_at_[*pick])) pick = i;
    }
    if (pick) {
      busy_[*pick] = true;
      return *pick;
    }
    freed_.wait(lock);
  }
}

void AccountPool::release(std::size_t index) {
  {
    std::lock_guard lock(mutex_);
    busy_[index] = false;
    released_at_[index] = ++releases_;
  }
  freed_.notify_one();
}

std::string AccountPool::reset(std::size_t index,
                               const std::vector<MaildropMessage>& messages) const {
  if (!maildrop_) return "the target gives no way to reset a maildrop";
  const Account& account = accounts_[index];
  if (!maildrop_->reset_command.empty()) return run_reset_command(account);
  auto vars = places_;
  vars["user"] = account.user;
  const auto dir = expand_template(maildrop_->maildir, vars);
  if (!dir.missing.empty()) return "maildrop.maildir: no value for {" + dir.missing.front() + "}";
  return rewrite_maildir(dir.text, messages);
}

// Removes the whole Maildir (the server's index files in it too, so nothing stale survives)
// and writes the messages anew, owned by the profile's owner.
std::string AccountPool::rewrite_maildir(const std::string& dir,
                                         const std::vector<MaildropMessage>& messages) const {
  // A name, or a bare uid: a server run as a uid with no passwd entry (launch.user) owns it.
  std::string unknown;
  const auto owner = resolve_user(maildrop_->owner, unknown);
  if (!owner) return "maildrop.owner: " + unknown;
  // A session the case dropped (no QUIT) may still be ending on the server side and writing
  // into the folder while it goes: try again for a while before giving up.
  std::error_code ec;
  for (int attempt = 0; attempt < 100; ++attempt) {
    ec.clear();
    fs::remove_all(dir, ec);
    if (!ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (ec) return "cannot remove " + dir + ": " + ec.message();
  for (const char* sub : {"tmp", "new", "cur"}) {
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec) return "cannot create " + dir + "/" + sub + ": " + ec.message();
  }
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const fs::path file = fs::path(dir) / "cur" / message_file_name(i + 1);
    std::ofstream out(file, std::ios::binary);
    out << messages[i].content;
    if (!out) return "cannot write " + file.string();
  }
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (::chown(it->path().c_str(), owner->first, owner->second) != 0) {
      return errno_text("chown", it->path());
    }
  }
  if (::chown(dir.c_str(), owner->first, owner->second) != 0) return errno_text("chown", dir);
  return {};
}

std::string AccountPool::run_reset_command(const Account& account) const {
  auto vars = places_;
  vars["user"] = account.user;
  SpawnOptions spawn;
  for (const auto& arg : maildrop_->reset_command) {
    auto expanded = expand_template(arg, vars);
    if (!expanded.missing.empty()) return "maildrop.reset: no value for {" + expanded.missing.front() + "}";
    spawn.argv.push_back(expanded.text);
  }
  spawn.stdout_path = "/dev/null";
  spawn.stderr_path = "/dev/null";
  std::string error;
  const pid_t pid = spawn_process(spawn, error);
  if (pid < 0) return "maildrop.reset: " + error;
  const auto status = wait_until(pid, std::chrono::steady_clock::now() + std::chrono::seconds(60));
  if (!status) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return "maildrop.reset: " + quote_argv(spawn.argv) + " did not finish within 60 s";
  }
  if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    return "maildrop.reset: " + quote_argv(spawn.argv) + " failed";
  }
  return {};
}

}  // namespace rfcheck
