// check_case_citations (spec/catalogue_loader.h): what a case claims to check must exist in the
// catalogue, and what it quotes must be the RFC's words where its ref says they are.
#include <re2/re2.h>

#include "spec/catalogue_loader.h"

namespace rfcheck {
namespace {

void check_quote(const Case& c, const RfcTextSet& texts, LoadErrors& errors) {
  // A section is numbered ("4.1.1") or an appendix's letter ("A"); "RFC 959 Appendix II"
  // names none the text marks, and is not checked.
  static const RE2 ref_shape("RFC ([0-9]+)(?: ([0-9]+(?:\\.[0-9]+)*|[A-Z])\\b)?.*");
  int rfc = 0;
  std::string section;
  if (!RE2::FullMatch(c.ref, ref_shape, &rfc, &section)) return;  // the loader reports it
  auto text = texts.find(rfc);
  if (text == texts.end()) return;  // an RFC the specs do not ship (RFC 2088, RFC 5034)
  const auto starts = text->second.find_all(c.quote);
  if (starts.empty()) {
    errors.push_back({"case " + c.id + ": quote is not in RFC " + std::to_string(rfc) +
                          " (quote the RFC's words, or cite the RFC that holds them)",
                      c.where});
    return;
  }
  if (auto found_in = text->second.misplaced(starts, section)) {
    errors.push_back({"case " + c.id + ": quote is in RFC " + std::to_string(rfc) + " section " +
                          *found_in + ", but ref cites section " + section,
                      c.where});
  }
}

}  // namespace

LoadErrors check_case_citations(const SpecSet& specs, const CatalogueLoadResult& catalogues) {
  LoadErrors errors;
  const auto ids = catalogues.catalogues.by_id();
  for (const Case* c : specs.all_cases()) {
    for (const auto& id : c->covers) {
      if (!ids.count(id)) {
        errors.push_back({"case " + c->id + " covers '" + id + "', which no catalogue in "
                          "requirements/ lists", c->where});
      }
    }
    check_quote(*c, catalogues.texts, errors);
  }
  return errors;
}

}  // namespace rfcheck
