# The fuzz targets without libFuzzer ({fmt}'s habit): `<name>_replay` runs the fuzz entry
# point once over every file of fuzz/corpus/<name>/, so any compiler (gcc with ASan in the
# debug preset) replays the seeds and every crash reproducer kept there. Included by
# tests/fuzz/CMakeLists.txt; CTest label fuzz-smoke, tests fuzz_replay_<name>.
include(${CMAKE_CURRENT_LIST_DIR}/fuzzers.cmake)

foreach(name IN LISTS RFCHECK_FUZZERS)
  add_executable(${name}_replay ${RFCHECK_FUZZ_DIR}/replay_main.cpp)
  rfcheck_fuzz_setup(${name}_replay ${name})
  add_test(NAME fuzz_replay_${name}
    COMMAND ${name}_replay ${RFCHECK_FUZZ_DIR}/corpus/${name})
  set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz-smoke TIMEOUT 120)
endforeach()
