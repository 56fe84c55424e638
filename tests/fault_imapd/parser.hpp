// Reads the arguments of one IMAP command (RFC 3501 9) from its text: the command line with
// any literals inlined as "{n}CRLF" followed by their n octets (command_reader.hpp assembles
// it). Every reader returns nullopt/false when the syntax does not match; the command is
// then answered BAD. Separators are exactly one SP (RFC 3501 2.2.1: missing or extraneous
// spaces are syntax errors).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fimapd {

// RFC 3501 9 sequence-set. A number 0 stands for "*".
struct SequenceSet {
  struct Range {
    std::uint32_t first, last;
  };
  std::vector<Range> ranges;

  // Whether n is in the set when "*" is max, the largest number in use.
  bool contains(std::uint32_t n, std::uint32_t max) const;
  // Whether every number in the set (with "*" as max) is 1..max: sequence numbers beyond the
  // mailbox get BAD (RFC 3501 9, seq-number), "*" of an empty mailbox too.
  bool within(std::uint32_t max) const;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  bool at_end() const { return pos_ >= s_.size(); }
  bool peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool peek_digit() const { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; }
  bool consume(char c);
  bool sp() { return consume(' '); }
  // The keyword (case-insensitive) when it is followed by something that ends an atom.
  bool keyword(std::string_view kw);
  std::size_t position() const { return pos_; }
  void rewind(std::size_t pos) { pos_ = pos; }

  std::optional<std::string> tag();       // 1*<ASTRING-CHAR except "+">
  std::optional<std::string> atom();      // 1*ATOM-CHAR
  std::optional<std::string> string();    // quoted / literal
  std::optional<std::string> astring();   // 1*ASTRING-CHAR / string
  std::optional<std::string> list_mailbox();  // 1*list-char / string (LIST patterns)
  std::optional<std::uint32_t> number();      // 0..4294967295
  std::optional<std::uint32_t> nz_number();
  std::optional<SequenceSet> sequence_set();
  std::optional<std::string> flag();      // "\" atom / atom
  // "(" [flag *(SP flag)] ")"
  std::optional<std::vector<std::string>> flag_list();
  // A date: date-text or DQUOTE date-text DQUOTE, as days since the epoch.
  std::optional<long> search_date();

 private:
  std::optional<std::string> quoted();
  std::optional<std::string> literal();
  std::optional<std::uint32_t> seq_number();  // nz-number / "*" (0)

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace fimapd
