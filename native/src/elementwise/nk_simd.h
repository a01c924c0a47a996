/* nk_simd.h — names for sources that NkSimd.cmake compiles once per SIMD level.
 *
 * NkSimd.cmake defines NK_SIMD_SUFFIX (baseline, avx2, avx512) and NK_SIMD_LEVEL (nk_simd) per copy. Every symbol
 * such a source exports goes through NK_SIMD_NAME so the three copies link side by side, as NumPy's dispatch
 * sources do; nk_init then picks one level's tables.
 */
#ifndef NK_SIMD_H
#define NK_SIMD_H

#if !defined(NK_SIMD_SUFFIX) || !defined(NK_SIMD_LEVEL)
#error "compile this source through nk_add_simd_sources() (cmake/NkSimd.cmake)"
#endif

#define NK_SIMD_CAT2(a, b) a##_##b
#define NK_SIMD_CAT(a, b) NK_SIMD_CAT2(a, b)
#define NK_SIMD_NAME(x) NK_SIMD_CAT(x, NK_SIMD_SUFFIX)

#endif /* NK_SIMD_H */
