// The SMTP plug-in (see protocols/plugin.h).
#pragma once

#include "protocols/plugin.h"

namespace rfcheck {

const ProtocolPlugin& smtp_plugin();

}  // namespace rfcheck
