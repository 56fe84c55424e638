// Where a case is in the HTML report (--report html:PATH): every case, passing or not, is the
// element id="case-<case id>", so PATH#case-ftp.retr.binary-exact opens that case. The
// Markdown report links its failures there. Case ids are dotted lowercase words
// (spec_loader's id pattern), so the anchor needs no escaping; the fragment is still
// percent-encoded, so an id from elsewhere (a replayed reproducer) cannot break a link.
#pragma once

#include <string>
#include <string_view>

#include "reports/text_escape.h"

namespace rfcheck::reports {

// The id attribute's value: "case-ftp.retr.binary-exact".
inline std::string case_anchor(std::string_view case_id) {
  return "case-" + std::string(case_id);
}

// A link to that case from elsewhere: `report` (a URL or a relative path, already encoded)
// followed by "#case-<case id>".
inline std::string case_link(std::string_view report, std::string_view case_id) {
  return std::string(report) + "#" + percent_encode_path(case_anchor(case_id));
}

}  // namespace rfcheck::reports
