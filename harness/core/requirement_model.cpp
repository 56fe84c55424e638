#include "core/requirement_model.h"

#include <algorithm>
#include <cctype>

namespace rfcheck {

std::optional<RequirementClass> requirement_class(std::string_view keyword) {
  std::string upper(keyword);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* k : {"MUST", "MUST NOT", "SHALL", "SHALL NOT", "REQUIRED"}) {
    if (upper == k) return RequirementClass::kMust;
  }
  for (const char* k : {"SHOULD", "SHOULD NOT", "RECOMMENDED"}) {
    if (upper == k) return RequirementClass::kShould;
  }
  for (const char* k : {"MAY", "OPTIONAL"}) {
    if (upper == k) return RequirementClass::kMay;
  }
  return std::nullopt;
}

std::string_view to_string(RequirementClass c) {
  switch (c) {
    case RequirementClass::kMust: return "MUST";
    case RequirementClass::kShould: return "SHOULD";
    case RequirementClass::kMay: return "MAY";
  }
  return "MUST";
}

std::map<std::string, const Requirement*> CatalogueSet::by_id() const {
  std::map<std::string, const Requirement*> ids;
  for (const auto& c : catalogues) {
    for (const auto& r : c.requirements) ids.emplace(r.id, &r);
  }
  return ids;
}

const Catalogue* CatalogueSet::find(int rfc) const {
  auto it = std::find_if(catalogues.begin(), catalogues.end(),
                         [rfc](const Catalogue& c) { return c.rfc == rfc; });
  return it == catalogues.end() ? nullptr : &*it;
}

}  // namespace rfcheck
