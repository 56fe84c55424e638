// Text in Markdown (CommonMark, as GitHub renders job summaries and comments): what any
// Markdown report writes spec text and server bytes through.
#pragma once

#include <string>
#include <string_view>

namespace rfcheck::reports {

// A code span that holds any text: one line, printable, cut at 300 bytes, and fenced with one
// more backtick than the longest run inside it (CommonMark 6.1).
std::string markdown_code(std::string_view raw);

// The specs' own words (titles, RFC sentences) or names in running text and table cells:
// one line, and the characters Markdown or HTML would act on escaped.
std::string markdown_prose(std::string_view raw);

}  // namespace rfcheck::reports
