// The variables a suite's fixture files provide: files.KEY.name/size/sha256/crlf_sha256.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec_model.h"

namespace rfcheck {

std::map<std::string, std::string> fixture_variables(const std::vector<FixtureFile>& files);

// The variables a maildrop provides: maildrop.count, maildrop.octets (sizes with CRLF line
// ends, RFC 1939 11), msg.KEY.number, msg.KEY.octets, msg.KEY.lines (body lines).
std::map<std::string, std::string> maildrop_variables(const std::vector<MaildropMessage>& messages);

// LF -> CRLF, leaving existing CRLF alone: what a TYPE A sender puts on the wire.
std::string to_crlf(const std::string& text);

}  // namespace rfcheck
