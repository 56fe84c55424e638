// Loads the requirements catalogue (specs/requirements/rfcNNNN.yaml, docs/requirements.md)
// strictly, and checks it and the cases that cite it against the RFC texts (specs/rfc/).
#pragma once

#include <string>

#include "core/requirement_model.h"
#include "core/spec_model.h"
#include "spec/load_error.h"
#include "spec/rfc_text.h"

namespace rfcheck {

struct CatalogueLoadResult {
  CatalogueSet catalogues;
  RfcTextSet texts;
  LoadErrors errors;  // every problem, with file:line:col
};

// `specs_root` holds requirements/ and rfc/. A root with neither loads as empty (no errors):
// a spec folder of a user's own need not carry a catalogue.
CatalogueLoadResult load_catalogues(const std::string& specs_root);

// The cases' side: every `covers` id names a catalogue requirement, and every quote is an
// excerpt of the RFC its ref cites, in the section it cites (when that RFC's text is shipped).
LoadErrors check_case_citations(const SpecSet& specs, const CatalogueLoadResult& catalogues);

}  // namespace rfcheck
