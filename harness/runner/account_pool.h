// The accounts of a target, handed to cases one at a time, and the fresh maildrop a case
// may ask for. POP3 locks a maildrop while a session is in TRANSACTION (RFC 1939 8), and a
// case that deletes messages changes what the next one sees: so each case that logs in holds
// an account of its own while it runs, and `maildrop: fresh` rewrites that account's maildrop
// first. Case order and --jobs then never change a verdict.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/spec_model.h"
#include "core/target_profile.h"

namespace rfcheck {

class AccountPool {
 public:
  // `places` expand the maildrop templates ({workdir}, {port}, ...) besides {user}.
  AccountPool(std::vector<Account> accounts, std::optional<MaildropSpec> maildrop,
              std::map<std::string, std::string> places);

  // Blocks until an account is free; the index is returned to release().
  std::size_t acquire();
  void release(std::size_t index);
  const Account& account(std::size_t index) const { return accounts_[index]; }
  bool empty() const { return accounts_.empty(); }

  // Whether fresh maildrops can be made (a maildir the runner writes, or a reset command).
  bool can_reset() const { return maildrop_.has_value(); }
  // Makes the account's maildrop hold exactly `messages`, numbered in order. Empty on success,
  // else what went wrong.
  std::string reset(std::size_t index, const std::vector<MaildropMessage>& messages) const;

 private:
  std::string rewrite_maildir(const std::string& dir,
                              const std::vector<MaildropMessage>& messages) const;
  std::string run_reset_command(const Account& account) const;

  std::vector<Account> accounts_;
  std::optional<MaildropSpec> maildrop_;
  std::map<std::string, std::string> places_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<bool> busy_;
  // When each account was last released, as a count of releases (0: never): acquire() takes
  // the free one that has rested longest, the first in order among never-used ones.
  std::vector<std::uint64_t> released_at_;
  std::uint64_t releases_ = 0;
};

// Holds one account for a case's duration.
class AccountLease {
 public:
  AccountLease(AccountPool& pool) : pool_(pool), index_(pool.acquire()) {}
  ~AccountLease() { pool_.release(index_); }
  AccountLease(const AccountLease&) = delete;
  AccountLease& operator=(const AccountLease&) = delete;
  std::size_t index() const { return index_; }

 private:
  AccountPool& pool_;
  std::size_t index_;
};

}  // namespace rfcheck
