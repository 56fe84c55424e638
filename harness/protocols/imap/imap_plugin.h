// The IMAP plug-in (see protocols/plugin.h).
#pragma once

#include "protocols/plugin.h"

namespace rfcheck {

const ProtocolPlugin& imap_plugin();

}  // namespace rfcheck
