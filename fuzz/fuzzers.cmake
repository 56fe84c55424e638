# The fuzz targets, listed once. fuzz/CMakeLists.txt builds each as a libFuzzer binary
# `<name>_fuzzer`, fuzz/replay.cmake each as `<name>_replay` over replay_main.cpp; both give
# the target its source and libraries here. Seeds live in fuzz/corpus/<name>/.
# The libraries get RFCHECK_FUZZ_LIB_SUFFIX ("_cov" in fuzz/: coverage-instrumented copies).
# No include guard: the variables are per directory, so each includer sets its own.

set(RFCHECK_FUZZERS ftp_reply_codec smtp_reply_codec spec_loader)
set(RFCHECK_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})

function(rfcheck_fuzz_setup target name)
  target_sources(${target} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${name}_fuzzer.cpp)
  if(name STREQUAL "ftp_reply_codec")
    target_link_libraries(${target} PRIVATE rfcheck_proto${RFCHECK_FUZZ_LIB_SUFFIX})
  elseif(name STREQUAL "smtp_reply_codec")
    target_link_libraries(${target} PRIVATE rfcheck_proto${RFCHECK_FUZZ_LIB_SUFFIX})
  elseif(name STREQUAL "spec_loader")
    target_link_libraries(${target} PRIVATE rfcheck_spec${RFCHECK_FUZZ_LIB_SUFFIX})
    cmake_path(SET protocol NORMALIZE "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../specs/ftp/protocol.yaml")
    target_compile_definitions(${target} PRIVATE RFCHECK_FUZZ_PROTOCOL_YAML="${protocol}")
  else()
    message(FATAL_ERROR "fuzz target ${name} has no setup in fuzz/fuzzers.cmake")
  endif()
endfunction()
