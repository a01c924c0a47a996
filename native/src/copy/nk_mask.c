/* nk_mask.c — boolean masks: count the true elements, then list their positions (the two calls of a mask
 * selection whose output size depends on the data, DESIGN.md §4). */
#include "nk_internal.h"

#include <string.h>

int32_t nk_mask_count(const nk_iter *it, int64_t *count, nk_status *st)
{
    if (st == NULL) return NK_E_BAD_DESC;
    if (it == NULL || count == NULL) return nk_fail(st, NK_E_BAD_DESC, "nk_mask_count: NULL argument");
    if (it->ndim < 0 || it->ndim > NK_MAXDIMS) return nk_fail(st, NK_E_BAD_DESC, "nk_mask_count: ndim %d", it->ndim);
    const nk_operand *m = &it->op[0];
    int64_t total = 1;
    for (int d = 0; d < it->ndim; d++) total *= it->shape[d];
    nk_ok(st);
    *count = 0;
    if (total == 0) return NK_OK;
    const int nd = it->ndim, last = nd - 1;
    const int64_t n = nd > 0 ? it->shape[last] : 1, s = nd > 0 ? m->strides[last] : 0;
    int64_t idx[NK_MAXDIMS] = {0}, c = 0;
    const char *p = m->data;
    for (;;) {
        const char *q = p;
        if (s == 1)
            for (int64_t i = 0; i < n; i++) c += q[i] != 0;
        else
            for (int64_t i = 0; i < n; i++, q += s) c += *q != 0;
        int k = last - 1;
        for (; k >= 0; k--) {
            if (++idx[k] < it->shape[k]) {
                p += m->strides[k];
                break;
            }
            p -= m->strides[k] * (it->shape[k] - 1);
            idx[k] = 0;
        }
        if (k < 0) break;
    }
    *count = c;
    return NK_OK;
}

int32_t nk_mask_nonzero(int32_t ndim, const int64_t *shape, const int64_t *strides, const char *data, int64_t *const *out,
                        nk_status *st)
{
    if (st == NULL) return NK_E_BAD_DESC;
    if (ndim < 0 || ndim > NK_MAXDIMS || (ndim > 0 && (shape == NULL || strides == NULL || out == NULL)))
        return nk_fail(st, NK_E_BAD_DESC, "nk_mask_nonzero: bad arguments");
    int64_t total = 1;
    for (int d = 0; d < ndim; d++) total *= shape[d];
    nk_ok(st);
    if (total == 0 || ndim == 0) return NK_OK;
    int64_t idx[NK_MAXDIMS] = {0}, w = 0;
    const char *p = data;
    for (int64_t t = 0; t < total; t++) {
        if (*p != 0) {
            for (int d = 0; d < ndim; d++) out[d][w] = idx[d];
            w++;
        }
        for (int d = ndim - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                p += strides[d];
                break;
            }
            p -= strides[d] * (shape[d] - 1);
            idx[d] = 0;
        }
    }
    return NK_OK;
}
