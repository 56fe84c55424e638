#include "envelope_table.hpp"

namespace psmtp {

namespace {
// Heap strings held from a global array: the overflow lands beyond the array, in the globals'
// redzone, where ASan reports it as global-buffer-overflow.
std::string* g_rcpt[kMaxRecipients];
std::size_t g_count = 0;
}  // namespace

void clear_recipients() {
  for (std::size_t i = 0; i < g_count && i < kMaxRecipients; ++i) {
    delete g_rcpt[i];
    g_rcpt[i] = nullptr;
  }
  g_count = 0;
}

bool add_recipient(const std::string& path, bool off_by_one) {
  // PLANTED BUG rcpt-table: the limit check is off by one (> where >= belongs), so the 129th
  // RCPT of a transaction is stored one slot past the end of the global table.
  bool full = off_by_one ? g_count > kMaxRecipients : g_count >= kMaxRecipients;
  if (full) return false;
  g_rcpt[g_count] = new std::string(path);
  ++g_count;
  return true;
}

std::size_t recipient_count() { return g_count; }
const std::string& recipient(std::size_t i) { return *g_rcpt[i]; }

}  // namespace psmtp
