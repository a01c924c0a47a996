# FindSLEEF.cmake — Debian's libsleef-dev puts sleef.h under the multiarch include directory.
# Defines SLEEF_FOUND, SLEEF_INCLUDE_DIR, SLEEF_LIBRARY, SLEEF_VERSION and the imported target SLEEF::SLEEF.
find_path(SLEEF_INCLUDE_DIR NAMES sleef.h PATH_SUFFIXES x86_64-linux-gnu)
find_library(SLEEF_LIBRARY NAMES sleef)

if(SLEEF_INCLUDE_DIR AND EXISTS "${SLEEF_INCLUDE_DIR}/sleef.h")
  file(STRINGS "${SLEEF_INCLUDE_DIR}/sleef.h" _nk_sleef_ver REGEX "^#define SLEEF_VERSION_(MAJOR|MINOR|PATCHLEVEL) ")
  string(REGEX REPLACE ".*MAJOR ([0-9]+).*" "\\1" _maj "${_nk_sleef_ver}")
  string(REGEX REPLACE ".*MINOR ([0-9]+).*" "\\1" _min "${_nk_sleef_ver}")
  string(REGEX REPLACE ".*PATCHLEVEL ([0-9]+).*" "\\1" _pat "${_nk_sleef_ver}")
  set(SLEEF_VERSION "${_maj}.${_min}.${_pat}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SLEEF REQUIRED_VARS SLEEF_LIBRARY SLEEF_INCLUDE_DIR VERSION_VAR SLEEF_VERSION)

if(SLEEF_FOUND AND NOT TARGET SLEEF::SLEEF)
  add_library(SLEEF::SLEEF UNKNOWN IMPORTED)
  set_target_properties(SLEEF::SLEEF PROPERTIES IMPORTED_LOCATION "${SLEEF_LIBRARY}"
                                                INTERFACE_INCLUDE_DIRECTORIES "${SLEEF_INCLUDE_DIR}")
endif()
mark_as_advanced(SLEEF_INCLUDE_DIR SLEEF_LIBRARY)
