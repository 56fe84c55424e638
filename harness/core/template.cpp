#include "core/template.h"

#include <algorithm>

namespace rfcheck {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

void add_unique(std::vector<std::string>& names, std::string name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
}

// One pass over the template; `on_name` decides what a well-formed `{name}` becomes.
template <typename OnName>
std::string scan(std::string_view text, std::vector<std::string>& errors, OnName on_name) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      out += '{';
      i += 2;
    } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      out += '}';
      i += 2;
    } else if (c == '{') {
      std::size_t close = text.find('}', i + 1);
      std::size_t next_open = text.find('{', i + 1);
      if (close == std::string_view::npos || (next_open != std::string_view::npos && next_open < close)) {
        errors.push_back("unmatched '{' at offset " + std::to_string(i) + " (write '{{' for a literal brace)");
        out += c;
        ++i;
        continue;
      }
      std::string_view name = text.substr(i + 1, close - i - 1);
      if (!is_template_name(name)) {
        errors.push_back("malformed variable name '{" + std::string(name) + "}' at offset " +
                         std::to_string(i) + " (write '{{' for a literal brace)");
        out.append(text.substr(i, close - i + 1));
      } else {
        out += on_name(name, text.substr(i, close - i + 1));
      }
      i = close + 1;
    } else if (c == '}') {
      errors.push_back("unmatched '}' at offset " + std::to_string(i) + " (write '}}' for a literal brace)");
      out += c;
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

bool is_template_name(std::string_view name) {
  const char first = name.empty() ? '\0' : name.front();
  const bool starts_well = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_';
  return starts_well && std::all_of(name.begin(), name.end(), is_name_char);
}

TemplateResult expand_template(std::string_view text,
                               const std::map<std::string, std::string>& variables) {
  TemplateResult result;
  result.text = scan(text, result.errors, [&](std::string_view name, std::string_view raw) {
    auto it = variables.find(std::string(name));
    if (it == variables.end()) {
      add_unique(result.missing, std::string(name));
      return std::string(raw);
    }
    return it->second;
  });
  return result;
}

std::vector<std::string> template_names(std::string_view text, std::vector<std::string>* errors) {
  std::vector<std::string> names;
  std::vector<std::string> local_errors;
  scan(text, local_errors, [&](std::string_view name, std::string_view raw) {
    add_unique(names, std::string(name));
    return std::string(raw);
  });
  if (errors) errors->insert(errors->end(), local_errors.begin(), local_errors.end());
  return names;
}

}  // namespace rfcheck
