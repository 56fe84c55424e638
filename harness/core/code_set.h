// A set of acceptable reply codes: exact codes (226) and classes ("2xx", "55x").
// Used by expectations, step conditions and the reply tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck {

class CodeSet {
 public:
  CodeSet() = default;
  // Parses one item: "226", "2xx", "55x". nullopt when malformed.
  static std::optional<CodeSet> parse_item(std::string_view text);
  static CodeSet of(std::initializer_list<int> codes);

  void add(const CodeSet& other);
  bool contains(int code) const;
  bool empty() const { return patterns_.empty(); }
  // "226", "[125, 150]", "2xx": how a report shows what was expected.
  std::string describe() const;

 private:
  // Three characters each, digits or 'x'.
  std::vector<std::string> patterns_;
};

}  // namespace rfcheck
