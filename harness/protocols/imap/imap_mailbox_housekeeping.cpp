#include "protocols/imap/imap_mailbox_housekeeping.h"

#include <algorithm>

#include "proto/imap_text.h"

namespace rfcheck {
namespace {

Step send_step(std::string text) {
  Step s;
  s.kind = Step::Kind::kSend;
  s.connection = "provision";
  s.text = std::move(text);
  return s;
}

Step expect_ok() {
  Step s;
  s.kind = Step::Kind::kExpect;
  s.connection = "provision";
  s.expect.statuses = {"OK"};
  s.timeout = std::chrono::seconds(15);
  return s;
}

// An IMAP quoted string (RFC 1730 4.3): the two specials escaped.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool completed_ok(const std::optional<std::vector<proto::Reply>>& exchange) {
  return exchange && !exchange->empty() && exchange->back().status == "OK";
}

// An atom, NIL or quoted string at `pos` of a line part (RFC 1730 4.1, 4.3, 4.5); `end` is
// set past it.
std::string string_at(const std::string& line, std::size_t pos, std::size_t& end) {
  if (auto quoted = proto::imap_text::read_quoted(line, pos, end)) return *quoted;
  end = std::min(line.find(' ', pos), line.size());
  return pos < line.size() ? line.substr(pos, end - pos) : std::string();
}

}  // namespace

std::vector<Step> imap_provision_mailbox(const std::vector<MaildropMessage>& messages) {
  std::vector<Step> steps;
  Step greeting = expect_ok();
  greeting.expect.statuses = {"OK"};
  steps.push_back(greeting);
  steps.push_back(send_step("LOGIN {user} {password}"));
  steps.push_back(expect_ok());
  steps.push_back(send_step("CREATE {maildrop.mailbox}"));
  steps.push_back(expect_ok());
  for (const auto& m : messages) {
    Step append = send_step("");
    append.parts.push_back({SendPart::Kind::kText, "APPEND {maildrop.mailbox} ", false});
    append.parts.push_back({SendPart::Kind::kMessage, m.key, false});
    steps.push_back(append);
    steps.push_back(expect_ok());
  }
  steps.push_back(send_step("LOGOUT"));
  steps.push_back(expect_ok());
  return steps;
}

std::vector<std::string> imap_listed_names(const std::vector<proto::Reply>& responses) {
  std::vector<std::string> names;
  for (const auto& r : responses) {
    if (r.tag != "*" || r.status != "LIST" || r.lines.empty()) continue;
    if (!r.literals.empty()) {  // the name came as a literal: the last one
      names.push_back(r.literals.back());
      continue;
    }
    const std::string& line = r.lines.front();
    const auto close = line.find(')');
    if (close == std::string::npos) continue;
    std::size_t end = 0;
    string_at(line, close + 2, end);  // the hierarchy delimiter: a quoted character or NIL
    std::string name = string_at(line, end + 1, end);
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

std::string imap_remove_case_mailboxes(const HousekeepingCommand& command,
                                       const std::map<std::string, std::string>& variables,
                                       const std::string& token) {
  const auto user = variables.find("user");
  const auto password = variables.find("password");
  if (user == variables.end() || password == variables.end()) return "no login to clean up with";
  if (!completed_ok(command("LOGIN " + quoted(user->second) + " " + quoted(password->second)))) {
    return "could not log in to remove the case's mailboxes";
  }
  const std::string pattern = "LIST \"\" " + quoted("*" + token + "*");
  const auto listed = command(pattern);
  if (!completed_ok(listed)) return "LIST of the case's mailboxes failed";
  std::vector<std::string> names = imap_listed_names(*listed);
  // Inferiors first (longer names), so each parent is deleted after its children. A parent
  // that only existed as a level of its children's names may be gone by the time its turn
  // comes; what is left afterwards is what LIST still shows.
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string report;
  for (const auto& name : names) {
    if (name.find(token) == std::string::npos) continue;  // never anything but the case's own
    command("DELETE " + quoted(name));
    report += (report.empty() ? "" : ", ") + name;
  }
  const auto after = command(pattern);
  std::string left;
  for (const auto& name : after ? imap_listed_names(*after) : names) {
    if (name.find(token) != std::string::npos) left += (left.empty() ? "" : ", ") + name;
  }
  command("LOGOUT");
  if (report.empty()) return "no mailbox of the case was left";
  return "removed " + report + (left.empty() ? "" : "; still there (refused): " + left);
}

}  // namespace rfcheck
