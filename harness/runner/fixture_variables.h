// The variables a suite's fixture files provide: files.KEY.name/size/sha256/crlf_sha256.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec_model.h"

namespace rfcheck {

std::map<std::string, std::string> fixture_variables(const std::vector<FixtureFile>& files);

// LF -> CRLF, leaving existing CRLF alone: what a TYPE A sender puts on the wire.
std::string to_crlf(const std::string& text);

}  // namespace rfcheck
