// The HTML run report's style sheet and script, inlined into the page (it must work as one
// file opened from disk or a CI artifact: no network, no CDN, no external font).
#pragma once

#include <string_view>

namespace rfcheck::reports {

// CSS for phones and laptops: one column, wide tables scroll in their own box.
extern const std::string_view kRunHtmlStyle;

// Vanilla JS for the filters (verdict, level, tag, free text) and for opening the case a
// #case-<id> link names. It only hides elements and opens <details>: it never builds markup
// from the page's text, so server bytes stay text. With JS off everything is visible.
extern const std::string_view kRunHtmlScript;

}  // namespace rfcheck::reports
