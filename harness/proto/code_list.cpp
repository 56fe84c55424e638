#include "proto/code_list.h"

namespace rfcheck::proto {

CodeSet parse_code_list(std::string_view list) {
  CodeSet set;
  for_each_list_item(list, [&](std::string_view item) {
    if (auto one = CodeSet::parse_item(item)) set.add(*one);
    return true;
  });
  return set;
}

bool verb_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  auto up = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (up(a[i]) != up(b[i])) return false;
  }
  return true;
}

}  // namespace rfcheck::proto
