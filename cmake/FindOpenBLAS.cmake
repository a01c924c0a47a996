# FindOpenBLAS.cmake — the two Debian OpenBLAS builds, by full path. Used by native tests and the probe only:
# libnumerics_kernels never links BLAS (it gets function pointers from the resolver at nk_init).
#
# Defines OpenBLAS_FOUND (either build present) and, per build present:
#   OpenBLAS_PTHREAD_LIBRARY  .../openblas-pthread/libopenblas.so.0
#   OpenBLAS_OPENMP_LIBRARY   .../openblas-openmp/libopenblas.so.0
#   OpenBLAS_INCLUDE_DIR      cblas.h (multiarch directory of the alternatives)
# The sonamed file is what the probe dlopens, so these are paths, not link targets.
set(_nk_ob_roots /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib)
find_file(OpenBLAS_PTHREAD_LIBRARY NAMES libopenblas.so.0 PATHS ${_nk_ob_roots} PATH_SUFFIXES openblas-pthread
          NO_DEFAULT_PATH)
find_file(OpenBLAS_OPENMP_LIBRARY NAMES libopenblas.so.0 PATHS ${_nk_ob_roots} PATH_SUFFIXES openblas-openmp
          NO_DEFAULT_PATH)
find_path(OpenBLAS_INCLUDE_DIR NAMES cblas.h PATH_SUFFIXES x86_64-linux-gnu/openblas-pthread
          x86_64-linux-gnu/openblas-openmp openblas)

set(_nk_ob_any "")
if(OpenBLAS_PTHREAD_LIBRARY)
  set(_nk_ob_any "${OpenBLAS_PTHREAD_LIBRARY}")
elseif(OpenBLAS_OPENMP_LIBRARY)
  set(_nk_ob_any "${OpenBLAS_OPENMP_LIBRARY}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(OpenBLAS REQUIRED_VARS _nk_ob_any)
mark_as_advanced(OpenBLAS_PTHREAD_LIBRARY OpenBLAS_OPENMP_LIBRARY OpenBLAS_INCLUDE_DIR)
