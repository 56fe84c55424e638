// The open transaction's forward-paths, in a fixed process-wide table: one session at a time
// uses it (the server is one process serving one connection at a time, or one child per
// connection with --fork), as an old C MTA would keep it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace psmtp {

constexpr uint64_t kMaxMessage = 1 << 20;  // advertised as SIZE (RFC 1870); larger is 552
constexpr std::size_t kMaxRecipients = 128;  // RFC 2821 4.5.3.1 asks for 100 at least

void clear_recipients();
// false when the table is full (the caller answers 452). off_by_one: the planted bug's check.
bool add_recipient(const std::string& path, bool off_by_one);
std::size_t recipient_count();
const std::string& recipient(std::size_t i);

}  // namespace psmtp
