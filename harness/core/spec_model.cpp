#include "core/spec_model.h"

#include <algorithm>

#include "core/template.h"

namespace rfcheck {

std::string SourceLocation::describe() const {
  std::string out = file.empty() ? "<input>" : file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  return out;
}

bool Case::has_tag(const std::string& tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

std::set<std::string> Case::variables_used() const {
  std::set<std::string> used;
  for (const auto& step : steps) {
    std::vector<std::string_view> texts = {step.text, step.prefix};
    for (const auto& part : step.parts) texts.push_back(part.text);
    for (auto text : texts) {
      for (auto& name : template_names(text)) used.insert(std::move(name));
    }
  }
  return used;
}

std::set<std::string> Case::variables_needed() const {
  std::set<std::string> needed = variables_used();
  for (const auto& [name, value] : variable_defaults) needed.erase(name);
  return needed;
}

std::vector<const Case*> SpecSet::all_cases() const {
  std::vector<const Case*> out;
  for (const auto& suite : suites) {
    for (const auto& c : suite.cases) out.push_back(&c);
  }
  std::sort(out.begin(), out.end(), [](const Case* a, const Case* b) { return a->id < b->id; });
  return out;
}

}  // namespace rfcheck

namespace rfcheck {

std::string MaildropMessage::crlf() const {
  std::string out;
  out.reserve(content.size() + content.size() / 32);
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '\n' && (i == 0 || content[i - 1] != '\r')) out += '\r';
    out += c;
  }
  if (!out.empty() && out.back() != '\n') out += "\r\n";
  return out;
}

std::size_t MaildropMessage::body_lines() const {
  const auto blank = content.find("\n\n");
  if (blank == std::string::npos) return 0;
  std::size_t lines = 0;
  for (std::size_t i = blank + 2; i < content.size(); ++i) lines += content[i] == '\n';
  if (!content.empty() && content.back() != '\n') ++lines;
  return lines;
}

}  // namespace rfcheck
