// Turns one YAML step mapping into a Step (docs/spec-format.md, "Steps").
#pragma once

#include <optional>

#include "core/spec_model.h"
#include "spec/yaml_reader.h"

namespace rfcheck::spec {

std::optional<Step> parse_step(YamlReader& reader, const YAML::Node& node);

}  // namespace rfcheck::spec
