// A whole file read into memory: reports, logs and outputs the harness wrote or a child
// process left behind. One helper, so every reader treats a missing or unreadable file alike.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace rfcheck {

// Its bytes, unchanged; nullopt when the file cannot be opened or read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// The last `max_bytes` of a file (all of it when smaller; "" when it cannot be read), without
// reading the rest: a log's end, when the log may be as long as its writer's file-size limit.
std::string read_file_tail(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace rfcheck
