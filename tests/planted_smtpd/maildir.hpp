// Delivery: each accepted message becomes one file of a Maildir (tmp/ then renamed into new/),
// so the suite's delivery checks (mailbox.maildir) can read it.
#pragma once

#include <string>

namespace psmtp {

bool make_maildir(const std::string& dir);  // dir, dir/tmp, dir/new, dir/cur
bool deliver(const std::string& dir, const std::string& message);

}  // namespace psmtp
