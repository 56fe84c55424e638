// A one-line reply with a code ("250 text"), as a codec hands it to an oracle.
#pragma once

#include <string>

#include "proto/reply.h"

namespace rfcheck {

inline proto::Reply coded_reply(int code) {
  proto::Reply r;
  r.code = code;
  r.lines.push_back(std::to_string(code) + " text");
  r.raw = r.lines[0] + "\r\n";
  return r;
}

}  // namespace rfcheck
