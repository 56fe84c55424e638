#include "core/spec_model.h"

#include <algorithm>

namespace rfcheck {

std::string SourceLocation::describe() const {
  std::string out = file.empty() ? "<input>" : file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  return out;
}

bool Case::has_tag(const std::string& tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
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
