// Byte-exact step fields (send_raw, send_message, mailbox.message, data.send) in YAML text.
//
// A YAML string is Unicode text, and yaml-cpp reads the escape "\xff" as U+00FF, which is two
// bytes in UTF-8; bytes that are not UTF-8 cannot be written at all. So these fields map each
// code point U+0000..U+00FF to the one byte of that value ("\xff" is the byte 0xFF, as a reader
// of the spec expects), and the writer emits every byte that way. A code point above U+00FF,
// which only a hand-written spec holds, stands for its UTF-8 bytes.
#pragma once

#include <string>
#include <string_view>

namespace rfcheck::spec {

// Bytes -> UTF-8 text with one code point per byte (what the case writer emits).
std::string bytes_to_yaml_text(std::string_view bytes);

// UTF-8 text from the parser -> bytes. A malformed UTF-8 sequence is kept byte for byte.
std::string yaml_text_to_bytes(std::string_view text);

}  // namespace rfcheck::spec
