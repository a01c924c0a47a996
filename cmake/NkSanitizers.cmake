# NkSanitizers.cmake — option NK_SANITIZE: the whole tree (library and tests) under ASan + UBSan.
#
# -fno-sanitize-recover=all turns every UBSan report into a failing exit, so ctest cannot pass over one.
option(NK_SANITIZE "Build with -fsanitize=address,undefined" OFF)

if(NK_SANITIZE)
  set(NK_SANITIZE_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${NK_SANITIZE_FLAGS})
  add_link_options(${NK_SANITIZE_FLAGS})
endif()
