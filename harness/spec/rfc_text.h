// The text of an RFC as the RFC Editor publishes it (specs/rfc/rfcNNNN.txt), made searchable:
// page footers, headers and form feeds dropped, white space collapsed, and each offset
// mapped to the numbered section it lies in. Catalogue entries and case quotes are checked
// against it (docs/requirements.md).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck {

class RfcText {
 public:
  // nullopt when the file cannot be read.
  static std::optional<RfcText> load(const std::string& path);
  // From the text itself (tests).
  static RfcText from_string(std::string_view raw);

  // Any run of white space becomes one space; leading and trailing white space goes.
  static std::string collapse(std::string_view text);

  const std::string& text() const { return text_; }
  // Every offset at which `excerpt` (collapsed first) starts; empty when it is not there.
  std::vector<std::size_t> find_all(std::string_view excerpt) const;
  // The section number the offset lies in ("4.1.1"; "" before the first heading).
  std::string section_at(std::size_t offset) const;
  // Where an excerpt found at `starts` lies when none of them lies in `section`: the section
  // of the last start. nullopt when one does, when there is no start, or when `section` is
  // no label the text marks (only numbers like "4.1.1" and appendix letters like "A" are;
  // "appendix-ii" is not checked).
  std::optional<std::string> misplaced(const std::vector<std::size_t>& starts,
                                       std::string_view section) const;
  // Offsets of the words must, shall, required, should, recommended in any letter case: the
  // words that make a sentence a requirement candidate.
  std::vector<std::size_t> keyword_offsets() const;

 private:
  std::string text_;
  std::vector<std::pair<std::size_t, std::string>> sections_;  // start offset, number
};

// "4.1.1" lies in "4" and in "4.1.1", not in "4.1.10"; "*" holds every section.
bool section_within(std::string_view section, std::string_view container);

// specs/rfc/rfcNNNN.txt by RFC number: the texts a specs folder ships.
using RfcTextSet = std::map<int, RfcText>;
RfcTextSet load_rfc_texts(const std::string& rfc_dir);

}  // namespace rfcheck
