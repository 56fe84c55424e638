// The FTP plug-in (see protocols/plugin.h).
#pragma once

#include "protocols/plugin.h"

namespace rfcheck {

const ProtocolPlugin& ftp_plugin();

}  // namespace rfcheck
