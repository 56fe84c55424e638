#include "protocols/imap/imap_fuzz_edits.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "proto/imap_codec.h"
#include "protocols/imap/imap_fuzz_wire.h"

namespace rfcheck::fuzz {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::size_t below(std::mt19937& rng, std::size_t n) {  // uniform in [0, n), n > 0
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

const std::string& one_of(const std::vector<std::string>& items, std::mt19937& rng) {
  return items[below(rng, items.size())];
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A command action, one of `verbs` (any verb when empty; with an argument if asked), chosen
// at random; kNone when the session has none.
std::size_t pick_command(const Session& s, std::mt19937& rng,
                         std::initializer_list<std::string_view> verbs, bool with_argument = false) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < s.actions.size(); ++i) {
    const Action& a = s.actions[i];
    if (a.kind != Action::Kind::kCommand || (with_argument && a.argument().empty())) continue;
    const std::string verb = upper(a.verb());
    if (verbs.size() == 0 || std::find(verbs.begin(), verbs.end(), verb) != verbs.end()) {
      found.push_back(i);
    }
  }
  return found.empty() ? kNone : found[below(rng, found.size())];
}

std::size_t insert(Session& s, std::mt19937& rng, Action a) {
  const std::size_t at = below(rng, s.actions.size() + 1);
  s.actions.insert(s.actions.begin() + static_cast<long>(at), std::move(a));
  return at;
}

// The argument with its index-th space-separated word replaced (appended when it has fewer).
// Words are split at spaces only: a quoted string or literal with a space in it is cut too,
// which a fuzzer can live with.
std::string replace_word(std::string_view argument, std::size_t index, std::string_view word) {
  std::size_t start = 0;
  for (std::size_t k = 0; k < index; ++k) {
    const std::size_t space = argument.find(' ', start);
    if (space == std::string_view::npos) return std::string(argument) + " " + std::string(word);
    start = space + 1;
  }
  const std::size_t end = std::min(argument.find(' ', start), argument.size());
  return std::string(argument.substr(0, start)) + std::string(word) +
         std::string(argument.substr(end));
}

std::string word_at(std::string_view argument, std::size_t index, std::string_view fallback) {
  std::size_t start = 0;
  for (std::size_t k = 0; k < index; ++k) {
    const std::size_t space = argument.find(' ', start);
    if (space == std::string_view::npos) return std::string(fallback);
    start = space + 1;
  }
  const std::string_view word = argument.substr(start, argument.find(' ', start) - start);
  return word.empty() ? std::string(fallback) : std::string(word);
}

// A command's first line, without a literal announced at its end. A raw line goes out at
// once: a synchronizing literal's octets would follow before the server said "+", which a
// server that rejects the line (for its tag) rightly reads as commands, while the codec
// counts them as the literal: a finding of the harness's making.
std::string first_line_without_literal(std::string_view payload) {
  std::string line(payload.substr(0, payload.find_first_of("\r\n")));
  if (proto::imap_literal_size(line).found) {
    line.resize(line.rfind('{'));
    while (!line.empty() && line.back() == ' ') line.pop_back();
  }
  return line;
}

// ---- literals ----

// What a literal of n octets is announced as (RFC 3501 4.3, 9: number is 32 bits at most).
std::string lying_announcement(std::size_t n, std::mt19937& rng) {
  switch (below(rng, 14)) {
    case 0: return std::to_string(n);                          // the truth, for contrast
    case 1: return std::to_string(n > 0 ? n - 1 - below(rng, n) : 0);  // shorter
    case 2: return std::to_string(n + 1 + below(rng, 64));     // longer: the server waits
    case 3: return "0";
    case 4: return "4294967295";
    case 5: return "4294967296";
    case 6: return "18446744073709551615";
    case 7: return "99999999999999999999";  // beyond 64 bits
    case 8: return "-1";
    case 9: return "";
    case 10: return std::to_string(n) + "+";  // LITERAL+: no "+" awaited
    case 11: return "0+";
    case 12: return "4294967295+";
    default: return one_of({" 1", "0x10", "01", "1e3", "+1", "1 "}, rng);
  }
}

// ---- sequence sets ----

const std::vector<std::string>& fixed_sets() {
  static const std::vector<std::string> sets = {
      "0", "*", "*:*", "*:1", "2:1", "0:*", "1:0", "0:0", "4294967295", "4294967296",
      "1:4294967295", "4294967295:*", "4294967296:1", "99999999999999999999", "-1", "1:",
      ":1", ",", "1,", ",1", "1,,2", "1::2", "1:2:3", "1.5", "1:*,*:1", "%", "1 2", "$",
      "1:*,1:*,1:*", "18446744073709551615:1"};
  return sets;
}

// Thousands of numbers, overlapping ranges or the same range again, within the edit bound.
std::string long_set(std::mt19937& rng) {
  const std::size_t n = std::size_t{16} << below(rng, 9);  // 16 .. 4096 items
  const std::size_t form = below(rng, 3);
  std::string out;
  for (std::size_t k = 1; k <= n && out.size() + 24 < kImapEditMaxBytes; ++k) {
    if (!out.empty()) out += ',';
    if (form == 0) out += std::to_string(k);
    else if (form == 1) out += std::to_string(k) + ":" + std::to_string(k + 2);
    else out += "1:*";
  }
  return out;
}

// ---- nested lists ----

// A list nested `depth` deep around `inner`, or left unbalanced, or a run of empty lists.
std::string nest(std::string_view inner, std::mt19937& rng) {
  static const std::size_t depths[] = {16, 64, 256, 1024, 4096};
  const std::size_t depth = std::min(depths[below(rng, std::size(depths))], kImapEditMaxBytes / 3);
  switch (below(rng, 4)) {
    case 0: return std::string(depth, '(') + std::string(inner) + std::string(depth, ')');
    case 1: return std::string(depth, '(') + std::string(inner);  // never closed
    case 2: return std::string(inner) + std::string(depth, ')');  // closed, never opened
    default: {
      std::string out = "(";
      for (std::size_t k = 0; k < depth; ++k) out += "() ";
      return out + std::string(inner) + ")";
    }
  }
}

// Section parts a thousand levels deep: BODY[1.1.1...1].
std::string deep_section(std::mt19937& rng) {
  const std::size_t depth = std::size_t{8} << below(rng, 9);  // 8 .. 2048
  std::string out = "BODY[";
  for (std::size_t k = 0; k < depth; ++k) out += "1.";
  return out + "1]";
}

}  // namespace

bool imap_protocol_edit(Session& session, std::mt19937& rng) {
  switch (below(rng, 4)) {
    case 0: return imap_tag_edit(session, rng);
    case 1: return imap_literal_edit(session, rng);
    case 2: return imap_sequence_set_edit(session, rng);
    default: return imap_nested_list_edit(session, rng);
  }
}

bool imap_tag_edit(Session& s, std::mt19937& rng) {
  // RFC 3501 9: tag = 1*<any ASTRING-CHAR except "+">; ASTRING-CHAR excludes the
  // atom-specials "(", ")", "{", SP, CTL, "%", "*", DQUOTE, "\" (and "]" outside resp-text).
  static const std::vector<std::string> odd_tags = {"(", ")", "{", "{0}", "%", "\"", "\\",
                                                    "]", "a(b", "t*", "+t", "\"t\""};
  std::size_t i = pick_command(s, rng, {});
  if (i == kNone) i = insert(s, rng, Action::command("NOOP"));
  const std::string line = first_line_without_literal(s.actions[i].payload);
  std::string bytes;
  switch (below(rng, 8)) {
    case 0: bytes = line + "\r\n"; break;  // no tag: the verb is read as the tag
    case 1: bytes = "+ " + line + "\r\n"; break;
    case 2: bytes = "* " + line + "\r\n"; break;
    case 3: {  // one tag twice in one pipeline: both outstanding at once
      const std::string tag = "d" + std::to_string(below(rng, 10));
      bytes = tag + " " + line + "\r\n" + tag + " " + (below(rng, 2) ? line : "NOOP") + "\r\n";
      break;
    }
    case 4: bytes = imap_fuzz_tag(below(rng, 3)) + " " + line + "\r\n"; break;  // one in use
    case 5: bytes = one_of(odd_tags, rng) + " " + line + "\r\n"; break;
    case 6:
      // The longest the codec remembers: a longer one's completion would read as an unknown
      // tag through no fault of the server's.
      bytes = std::string(proto::kImapMaxTag, 'T') + " " + line + "\r\n";
      break;
    default: bytes = " " + line + "\r\n"; break;  // an empty tag
  }
  s.actions[i] = Action{Action::Kind::kRaw, std::move(bytes)};
  return true;
}

bool imap_literal_edit(Session& s, std::mt19937& rng) {
  std::string before, data;  // the argument before the literal, and the literal's octets
  std::size_t i = pick_command(s, rng, {}, true);
  if (i == kNone) {
    i = insert(s, rng, Action::command("APPEND"));
    before = "INBOX ";
    data = "Subject: rfcheck\r\n\r\nfuzz\r\n";
  } else {
    // The literal carries the argument from a word boundary on (its last word, or all of
    // it): only octets the session already has, whatever the announcement says.
    const std::string argument(s.actions[i].argument());
    std::size_t cut = 0;
    if (below(rng, 2) == 0) {
      const std::size_t space = argument.rfind(' ');
      if (space != std::string::npos) cut = space + 1;
    }
    before = argument.substr(0, cut);
    data = argument.substr(cut);
  }
  const std::string verb(s.actions[i].verb());
  s.actions[i] =
      Action::command(verb, before + "{" + lying_announcement(data.size(), rng) + "}\r\n" + data);
  return true;
}

bool imap_sequence_set_edit(Session& s, std::mt19937& rng) {
  std::size_t i = pick_command(s, rng, {"FETCH", "STORE", "COPY", "SEARCH", "UID"});
  if (i == kNone) i = insert(s, rng, Action::command("FETCH", "1 (FLAGS)"));
  const std::string verb = upper(s.actions[i].verb());
  const std::string set = below(rng, 4) == 0 ? long_set(rng) : one_of(fixed_sets(), rng);
  // The set is the first argument (FETCH 1 ...), the second after UID (UID FETCH 1 ...).
  const std::string argument =
      replace_word(s.actions[i].argument(), verb == "UID" ? 1 : 0, set);
  s.actions[i] = Action::command(s.actions[i].verb(), argument);
  return true;
}

bool imap_nested_list_edit(Session& s, std::mt19937& rng) {
  std::size_t i = pick_command(s, rng, {"FETCH", "STORE", "SEARCH", "APPEND", "STATUS", "UID"});
  if (i == kNone) i = insert(s, rng, Action::command("FETCH", "1 (FLAGS)"));
  const std::string verb = upper(s.actions[i].verb());
  const std::string argument(s.actions[i].argument());
  const std::string first = word_at(argument, 0, verb == "FETCH" || verb == "STORE" ? "1" : "INBOX");
  std::string rewritten;
  if (verb == "FETCH") {
    rewritten = first + " " + (below(rng, 4) == 0 ? deep_section(rng) : nest("FLAGS", rng));
  } else if (verb == "STORE") {
    rewritten = first + " FLAGS " + nest("\\Seen", rng);
  } else if (verb == "SEARCH") {
    if (below(rng, 3) == 0) {
      for (std::size_t k = 0, n = std::size_t{16} << below(rng, 8); k < n; ++k) rewritten += "NOT ";
      rewritten += "ALL";
    } else {
      rewritten = nest("ALL", rng);
    }
  } else if (verb == "APPEND") {
    // The flag list goes between the mailbox and the rest (the message literal).
    const std::size_t space = argument.find(' ');
    const std::string rest = space == std::string::npos ? "" : argument.substr(space);
    rewritten = first + " " + nest("\\Seen", rng) + rest;
  } else if (verb == "STATUS") {
    rewritten = first + " " + nest("MESSAGES", rng);
  } else {  // UID
    rewritten = "FETCH " + word_at(argument, 1, "1") + " " + nest("FLAGS", rng);
  }
  s.actions[i] = Action::command(s.actions[i].verb(), rewritten);
  return true;
}

}  // namespace rfcheck::fuzz
