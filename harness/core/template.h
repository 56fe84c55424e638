// `{name}` templates: target profiles (launch command, files) and spec variables.
// `{{` and `}}` are literal braces. Standard library only.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck {

struct TemplateResult {
  std::string text;  // placeholders without a value, and malformed braces, are kept as written
  std::vector<std::string> missing;  // names with no value, unique, in order of appearance
  std::vector<std::string> errors;   // syntax: a lone '{' or '}', an empty or malformed name
  bool ok() const { return missing.empty() && errors.empty(); }
};

// A name starts with a letter or '_' and goes on with [A-Za-z0-9_.-] ("port",
// "files.binary.sha256"), as docs/spec.schema.json says: "{3}" is no variable.
bool is_template_name(std::string_view name);

TemplateResult expand_template(std::string_view text,
                               const std::map<std::string, std::string>& variables);

// The names a template refers to (unique, in order), for checks without values (lint).
// Syntax errors are appended to `errors` when it is given.
std::vector<std::string> template_names(std::string_view text,
                                        std::vector<std::string>* errors = nullptr);

}  // namespace rfcheck
