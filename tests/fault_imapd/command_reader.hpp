// Reads one complete IMAP command from the client: the command line and, for each literal it
// ends with, the literal's octets and the line after them (RFC 3501 4.3, 7.5). Synchronizing
// literals "{n}" get a "+" continuation request first; LITERAL+ "{n+}" ones (RFC 7888) do
// not. The result is the command's text with its literals inlined, as parser.hpp reads it.
// Lines and literals are bounded, so a client cannot make the server hold unbounded data.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "fault_common/line_reader.hpp"

namespace fimapd {

constexpr std::size_t kMaxLine = 65536;               // one line, CRLF included
constexpr std::size_t kMaxLiteral = 32 * 1024 * 1024; // one literal (APPEND data)
constexpr std::size_t kMaxCommand = 40 * 1024 * 1024; // the whole command

class CommandReader {
 public:
  enum class Result {
    Command,            // text holds the command
    TooLong,            // a line was over kMaxLine (its rest was dropped) or the command over kMaxCommand
    LiteralRefused,     // a synchronizing literal too large: text holds the command so far
                        // (the client waits for "+" and sends nothing more of it)
    LiteralPlusTooLarge,  // a non-synchronizing literal too large: its data is on the way
    Closed,             // the client left, or the idle timeout passed
  };

  // continuation: sends the "+" line (with the session's pending output before it).
  CommandReader(fcommon::LineReader& reader, std::function<void()> continuation)
      : reader_(reader), continuation_(std::move(continuation)) {}

  Result read(std::string& text);

 private:
  bool read_octets(std::size_t n, std::string& out);

  fcommon::LineReader& reader_;
  std::function<void()> continuation_;
};

}  // namespace fimapd
