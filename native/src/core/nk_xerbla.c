/* nk_xerbla.c — LAPACK's and CBLAS's error handlers, replaced so that a bad argument can never end the process.
 *
 * LAPACK and BLAS report an illegal argument through xerbla_, CBLAS through cblas_xerbla. Netlib's versions (the
 * "reference" backend: Debian's libblas3/liblapack3) print and then STOP / exit(-1); that ends a .NET service, and
 * LAPACK itself calls them for input it cannot handle, e.g. dlascl on the NaN norm of a matrix holding inf inside
 * dgesdd. OpenBLAS's and MKL's versions print and return, and every caller returns right after the call (with
 * INFO < 0 where the routine has one). The interop loads this library with RTLD_GLOBAL before the backend, so these
 * definitions come first in the global scope and the backend's own calls bind to them (Debian builds its BLAS and
 * LAPACK with BIND_NOW, resolved at load). They print what netlib prints and return, as OpenBLAS does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define NK_EXPORT __attribute__((visibility("default")))

/* Fortran: SUBROUTINE XERBLA(SRNAME, INFO), SRNAME a blank-padded CHARACTER*(*) whose length comes last. */
NK_EXPORT void xerbla_(const char *srname, const int *info, size_t srname_len)
{
    int len = (int)srname_len;
    while (len > 0 && srname[len - 1] == ' ') len--;
    fprintf(stderr, " ** On entry to %.*s parameter number %2d had an illegal value\n", len, srname, *info);
}

NK_EXPORT void cblas_xerbla(int info, const char *rout, const char *form, ...)
{
    va_list ap;
    va_start(ap, form);
    if (info != 0) fprintf(stderr, "Parameter %d to routine %s was incorrect\n", info, rout);
    vfprintf(stderr, form, ap);
    va_end(ap);
}
