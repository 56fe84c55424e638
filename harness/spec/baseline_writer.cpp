#include "spec/baseline_writer.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <sstream>

#include "spec/target_loader.h"

namespace rfcheck {
namespace {

constexpr std::size_t kWrapColumn = 96;

// A folded block scalar (">-") reads back as the text itself only when the text is one line
// of printable characters with single spaces between words; anything else is double-quoted.
bool foldable(const std::string& text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ' ' && text[i + 1] == ' ') return false;
  }
  return true;
}

std::string quoted(const std::string& text) {
  YAML::Emitter out;
  out << YAML::DoubleQuoted << text;
  return out.c_str();
}

// Lines of at most kWrapColumn columns where the words allow. foldable() admits single
// spaces only, so splitting at them and joining with line breaks loses nothing.
std::string folded(const std::string& text, const std::string& indent) {
  const std::size_t width = kWrapColumn - indent.size();
  std::string out = ">-", line, word;
  std::istringstream words(text);
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += "\n" + indent + line;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + "\n" + indent + line;
}

bool plain_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') return false;
  }
  return std::isalpha(static_cast<unsigned char>(id.front()));
}

// `dash_column` spaces, "- id: ...", then the reason under it.
std::string entries_yaml(const std::vector<BaselineEntry>& entries, std::size_t dash_column) {
  const std::string lead(dash_column, ' ');
  const std::string key_indent(dash_column + 2, ' ');
  const std::string text_indent(dash_column + 4, ' ');
  std::string out;
  for (const BaselineEntry& entry : entries) {
    out += lead + "- id: " + (plain_id(entry.id) ? entry.id : quoted(entry.id)) + "\n";
    out += key_indent + "reason: " +
           (foldable(entry.reason) ? folded(entry.reason, text_indent) : quoted(entry.reason)) + "\n";
  }
  return out;
}

bool lists(const std::vector<BaselineEntry>& got, const std::vector<BaselineEntry>& old,
           const std::vector<BaselineEntry>& added) {
  if (got.size() != old.size() + added.size()) return false;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const BaselineEntry& want = i < old.size() ? old[i] : added[i - old.size()];
    if (got[i].id != want.id || got[i].reason != want.reason) return false;
  }
  return true;
}

}  // namespace

std::string new_baseline_yaml(const std::vector<std::string>& header,
                              const std::vector<BaselineEntry>& entries) {
  std::string out;
  for (const std::string& line : header) out += (line.empty() ? "#" : "# " + line) + "\n";
  if (entries.empty()) return out + "known: []\n";
  return out + "known:\n" + entries_yaml(entries, 2);
}

std::variant<std::string, LoadError> append_to_baseline_yaml(
    const std::string& existing, const std::string& name, const std::vector<BaselineEntry>& entries) {
  auto old = load_baseline_text(existing, name);
  if (auto* error = std::get_if<LoadError>(&old)) return *error;
  const auto& old_entries = std::get<std::vector<BaselineEntry>>(old);
  if (entries.empty()) return existing;

  const YAML::Node known = YAML::Load(existing)["known"];
  std::string out = existing;
  std::size_t dash_column = 2;
  if (known.size() > 0 && known.Style() == YAML::EmitterStyle::Block) {
    // A block list reaches to the end of the file (known: is the only key): add after it.
    dash_column = static_cast<std::size_t>(known.Mark().column);
    if (!out.empty() && out.back() != '\n') out += '\n';
  } else if (known.size() == 0 && known.Mark().pos >= 0 &&
             existing.compare(static_cast<std::size_t>(known.Mark().pos), 1, "[") == 0) {
    // "known: []": the brackets give way to a block list.
    const auto open = static_cast<std::size_t>(known.Mark().pos);
    const std::size_t close = existing.find(']', open);
    if (close == std::string::npos) return LoadError{"known: cannot find the end of []", {name, 0, 0}};
    out = existing.substr(0, open) + existing.substr(close + 1);
    const std::size_t line_end = out.find('\n', open);
    out.insert(line_end == std::string::npos ? out.size() : line_end + 1,
               (line_end == std::string::npos ? "\n" : "") + entries_yaml(entries, dash_column));
    dash_column = std::string::npos;  // inserted already
  } else {
    return LoadError{"known: is a flow list ([...]) with entries; rfcheck appends only to a "
                     "block list (one \"- id:\" per line) or to known: []", {name, 0, 0}};
  }
  if (dash_column != std::string::npos) out += entries_yaml(entries, dash_column);

  auto back = load_baseline_text(out, name);
  if (std::holds_alternative<LoadError>(back) ||
      !lists(std::get<std::vector<BaselineEntry>>(back), old_entries, entries)) {
    return LoadError{"the entries could not be added without changing the file's own; nothing "
                     "was written (write the new entries to another file with -o)", {name, 0, 0}};
  }
  return out;
}

}  // namespace rfcheck
