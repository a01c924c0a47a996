# NkSimd.cmake — compile loop sources once per SIMD level, as NumPy's dispatch sources do (DESIGN.md §5).
#
# Each copy gets its level's -march, NK_SIMD_LEVEL (nk_simd) and NK_SIMD_SUFFIX, so the exported names that go
# through NK_SIMD_NAME() (native/src/elementwise/nk_simd.h) differ per level and all three link into one library.
# nk_init picks one level's tables from CPUID; nothing is resolved per call.

set(NK_SIMD_LEVELS baseline avx2 avx512)
set(NK_SIMD_INDEX_baseline 0)
set(NK_SIMD_INDEX_avx2 1)
set(NK_SIMD_INDEX_avx512 2)
set(NK_SIMD_FLAGS_baseline -march=x86-64 -mtune=generic)
set(NK_SIMD_FLAGS_avx2 -march=x86-64-v3 -mtune=generic)
# GCC otherwise keeps 256-bit vectors at x86-64-v4, which is the AVX2 code again with a different encoding.
set(NK_SIMD_FLAGS_avx512 -march=x86-64-v4 -mtune=generic -mprefer-vector-width=512)

# nk_add_simd_sources(<target> <settings-target> <source>...)
#   Adds one OBJECT library per level, compiled with <settings-target>'s usage requirements, to <target>.
function(nk_add_simd_sources target settings)
  foreach(level IN LISTS NK_SIMD_LEVELS)
    set(obj ${target}_simd_${level})
    add_library(${obj} OBJECT ${ARGN})
    target_link_libraries(${obj} PRIVATE ${settings})
    target_compile_options(${obj} PRIVATE ${NK_SIMD_FLAGS_${level}})
    target_compile_definitions(${obj} PRIVATE NK_SIMD_LEVEL=${NK_SIMD_INDEX_${level}} NK_SIMD_SUFFIX=${level})
    set_target_properties(${obj} PROPERTIES POSITION_INDEPENDENT_CODE ON C_VISIBILITY_PRESET hidden)
    target_sources(${target} PRIVATE $<TARGET_OBJECTS:${obj}>)
  endforeach()
endfunction()
