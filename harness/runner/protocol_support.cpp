#include "runner/protocol_support.h"

#include "runner/ftp_oracle.h"
#include "runner/smtp_oracle.h"

namespace rfcheck {
namespace {

const ProtocolSupport kProtocols[] = {
    {"ftp", &make_ftp_codec, &make_ftp_oracle, true},
    {"smtp", &make_smtp_codec, &make_smtp_oracle, false},
};

}  // namespace

const ProtocolSupport* find_protocol(std::string_view name) {
  for (const auto& p : kProtocols) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace rfcheck
