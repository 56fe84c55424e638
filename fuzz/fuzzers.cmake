# The fuzz targets, listed once. fuzz/CMakeLists.txt builds each as a libFuzzer binary
# `<name>_fuzzer`, fuzz/replay.cmake each as `<name>_replay` over replay_main.cpp; both give
# the target its source and libraries here. Seeds live in fuzz/corpus/<name>/.
# The libraries get RFCHECK_FUZZ_LIB_SUFFIX ("_cov" in fuzz/: coverage-instrumented copies).
# No include guard: the variables are per directory, so each includer sets its own.

set(RFCHECK_FUZZERS ftp_reply_codec smtp_reply_codec pop3_codec imap_codec spec_loader)
# The library each target links: the codecs live in rfcheck_proto, the loader in rfcheck_spec.
set(RFCHECK_FUZZ_LIB_ftp_reply_codec rfcheck_proto)
set(RFCHECK_FUZZ_LIB_smtp_reply_codec rfcheck_proto)
set(RFCHECK_FUZZ_LIB_pop3_codec rfcheck_proto)
set(RFCHECK_FUZZ_LIB_imap_codec rfcheck_proto)
set(RFCHECK_FUZZ_LIB_spec_loader rfcheck_spec)
set(RFCHECK_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})

function(rfcheck_fuzz_setup target name)
  target_sources(${target} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${name}_fuzzer.cpp)
  if(NOT DEFINED RFCHECK_FUZZ_LIB_${name})
    message(FATAL_ERROR "fuzz target ${name} has no library in fuzz/fuzzers.cmake")
  endif()
  target_link_libraries(${target} PRIVATE ${RFCHECK_FUZZ_LIB_${name}}${RFCHECK_FUZZ_LIB_SUFFIX})
  if(name STREQUAL "spec_loader")
    # The loader fuzzer loads suites against one protocol.yaml: FTP's, the richest.
    cmake_path(SET protocol NORMALIZE "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../specs/ftp/protocol.yaml")
    target_compile_definitions(${target} PRIVATE RFCHECK_FUZZ_PROTOCOL_YAML="${protocol}")
  endif()
endfunction()
