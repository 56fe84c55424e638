// The POP3 plug-in (see protocols/plugin.h).
#pragma once

#include "protocols/plugin.h"

namespace rfcheck {

const ProtocolPlugin& pop3_plugin();

}  // namespace rfcheck
