#include "runner/smtp_message.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <vector>
#include <thread>

namespace rfcheck {
namespace {

namespace fs = std::filesystem;

std::string lf_only(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

std::string read_file(const fs::path& path, std::size_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return {};
  std::ifstream in(path, std::ios::binary);
  std::string data;
  data.resize(std::min<std::size_t>(size, limit));
  in.read(data.data(), static_cast<std::streamsize>(limit));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A message split at its first empty line into header fields (each with its folded
// continuation lines) and the body. nullopt when there is no empty line.
struct SplitMessage {
  std::vector<std::string> fields;
  std::string body;
};

std::optional<SplitMessage> split_message(const std::string& lf_text) {
  const std::size_t end = lf_text.rfind("\n\n", 0) == 0 ? 0 : lf_text.find("\n\n");
  if (end == std::string::npos) return std::nullopt;
  SplitMessage m;
  m.body = lf_text.substr(end + 2);
  std::size_t start = 0;
  const std::string header = lf_text.substr(0, end + 1);
  while (start < header.size()) {
    std::size_t eol = header.find('\n', start);
    if (eol == std::string::npos) eol = header.size();
    std::string line = header.substr(start, eol - start + 1);
    if (!m.fields.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      m.fields.back() += line;
    } else {
      m.fields.push_back(line);
    }
    start = eol + 1;
  }
  return m;
}

}  // namespace

bool delivered_intact(const std::string& delivered, const std::string& sent) {
  const std::string got = lf_only(delivered);
  std::string wanted = lf_only(sent);
  if (wanted.empty() || wanted.back() != '\n') wanted += '\n';
  if (ends_with(got, wanted)) return true;
  // RFC 2821 does not forbid a delivering server adding header fields (only trace fields'
  // place is fixed, 4.4), so: the body byte for byte (4.5.2: all characters delivered), and
  // every header field sent present, unchanged and in its order.
  const auto sent_parts = split_message(wanted);
  const auto got_parts = split_message(got);
  if (!sent_parts || !got_parts || sent_parts->body != got_parts->body) return false;
  std::size_t next = 0;
  for (const auto& field : sent_parts->fields) {
    while (next < got_parts->fields.size() && got_parts->fields[next] != field) ++next;
    if (next == got_parts->fields.size()) return false;
    ++next;
  }
  return true;
}

std::string smtp_data_content(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool line_start = true;
  for (char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!ends_with(out, "\r\n")) out += "\r\n";
  return out + ".\r\n";
}

MailboxMatch find_delivered(const std::string& maildir, const std::string& message,
                            net::Deadline deadline) {
  constexpr std::size_t kMaxMessage = 64 << 20;
  // For the report when nothing matches: the file that holds the message's first line (this
  // case's, not just the newest, which under --jobs is often another case's).
  const std::string first_line = lf_only(message.substr(0, message.find('\n')));
  MailboxMatch match;
  bool closest_is_ours = false;
  std::optional<fs::file_time_type> newest;
  // A delivered file never changes, it only moves from new/ to cur/ and gains ":2,FLAGS":
  // each unique name (before the colon) is read once per check, not on every poll.
  std::set<std::string> read;
  auto poll = std::chrono::milliseconds(2);
  for (;;) {
    for (const char* sub : {"new", "cur"}) {
      std::error_code ec;
      for (auto it = fs::directory_iterator(fs::path(maildir) / sub, ec);
           !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::string name = it->path().filename().string();
        if (!read.insert(name.substr(0, name.find(':'))).second) continue;
        ++match.scanned;
        const std::string content = read_file(it->path(), kMaxMessage);
        if (delivered_intact(content, message)) {
          match.found = true;
          match.file = it->path().string();
          return match;
        }
        const bool ours = !first_line.empty() && content.find(first_line) != std::string::npos;
        const auto when = it->last_write_time(ec);
        if (ours || (!ec && !closest_is_ours && (!newest || when >= *newest))) {
          newest = when;
          closest_is_ours = closest_is_ours || ours;
          const std::string lf = lf_only(content);
          match.closest = lf.size() > 600 ? lf.substr(lf.size() - 600) : lf;
        }
      }
    }
    if (net::Clock::now() >= deadline) return match;
    // Most servers deliver within milliseconds of their 250: look again soon, then back off.
    std::this_thread::sleep_for(poll);
    poll = std::min(poll * 2, std::chrono::milliseconds(50));
  }
}

}  // namespace rfcheck
