/* cref.c — the C side of "through the bindings vs from C" (docs/benchmarks.md, "Binding overhead").
 *
 * Build (build/compare.sh does this):
 *   gcc -std=c11 -O2 cref.c -o cref -I/usr/include/x86_64-linux-gnu/openblas-pthread \
 *       -L/usr/lib/x86_64-linux-gnu/openblas-pthread -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread \
 *       -lopenblas -ldl -lm
 *
 * Modes (each prints one JSON line on stdout):
 *   cref dgemm --n N [--f32] [--calls K] [--inputs DIR]
 *        K timed calls of: allocate C (aligned_alloc, 64 B), cblas_?gemm row-major C = A B, free C — the same
 *        work as the C# benchmark method (NativeMemory.AlignedAlloc + the generated binding + NativeMemory.AlignedFree,
 *        both glibc underneath), so a pair's ratio is the binding's cost and nothing else. One untimed warm-up call
 *        first. Inputs: DIR/W5_matmul_<N>/A.npy and B.npy (float64, written by make_inputs.py) when DIR
 *        is given, else a seeded standard normal of this file (only the matrix kind matters to dgemm's speed).
 *        Threads: whatever OPENBLAS_NUM_THREADS says; the JSON reports openblas_get_num_threads().
 *   cref noop --lib PATH [--calls N] [--untimed]
 *        N calls of nk_noop through a dlsym'd pointer (what a P/Invoke ends in). --untimed makes the calls
 *        only, for callgrind's instruction count (Δinstructions / ΔN).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cblas.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static void *xalloc(size_t bytes) {
    void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!p) { fprintf(stderr, "cref: out of memory (%zu bytes)\n", bytes); exit(1); }
    return p;
}

/* splitmix64 + Box-Muller: the fallback when no .npy inputs are given. */
static uint64_t g_rng = 0x9E3779B97F4A7C15ull;
static double rand_u01(void) {
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}
static void fill_normal(double *v, long n) {
    for (long i = 0; i < n; i++) v[i] = sqrt(-2.0 * log(rand_u01())) * cos(6.283185307179586 * rand_u01());
}

/* Reads a C-order little-endian float64 .npy of exactly `count` elements; 0 on success. */
static int read_npy_f64(const char *path, double *dst, long count) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    unsigned char pre[10];
    int rc = -1;
    if (fread(pre, 1, 10, f) == 10 && memcmp(pre, "\x93NUMPY", 6) == 0) {
        long hlen;
        if (pre[6] == 1) {
            hlen = pre[8] | (pre[9] << 8);
        } else {
            unsigned char ext[2];
            if (fread(ext, 1, 2, f) != 2) goto done;
            hlen = (long)pre[8] | ((long)pre[9] << 8) | ((long)ext[0] << 16) | ((long)ext[1] << 24);
        }
        char *hdr = calloc(1, (size_t)hlen + 1);
        if (hdr && fread(hdr, 1, (size_t)hlen, f) == (size_t)hlen && strstr(hdr, "'<f8'") &&
            strstr(hdr, "'fortran_order': False") && fread(dst, sizeof(double), (size_t)count, f) == (size_t)count)
            rc = 0;
        free(hdr);
    }
done:
    fclose(f);
    return rc;
}

static void load_input(const char *dir, int n, const char *name, double *dst) {
    long count = (long)n * n;
    if (dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/W5_matmul_%d/%s.npy", dir, n, name);
        if (read_npy_f64(path, dst, count) == 0) return;
        fprintf(stderr, "cref: %s unreadable, using the built-in generator\n", path);
    }
    fill_normal(dst, count);
}

static int run_dgemm(int n, int f32, int calls, const char *dir) {
    long nn = (long)n * n;
    double *a = xalloc(sizeof(double) * nn), *b = xalloc(sizeof(double) * nn);
    load_input(dir, n, "A", a);
    load_input(dir, n, "B", b);
    float *as = NULL, *bs = NULL;
    if (f32) { /* as NumPy's W5_matmul_f32: float64 draws cast to float32 */
        as = xalloc(sizeof(float) * nn); bs = xalloc(sizeof(float) * nn);
        for (long i = 0; i < nn; i++) { as[i] = (float)a[i]; bs[i] = (float)b[i]; }
    }
    double *t = xalloc(sizeof(double) * (size_t)(calls + 1));
    double check = 0; /* the result is read, so no shortcut can skip the work */
    for (int i = -1; i < calls; i++) { /* i = -1: the untimed warm-up call */
        double t0 = now_ns();
        if (f32) {
            float *cs = xalloc(sizeof(float) * nn);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, as, n, bs, n, 0.0f, cs, n);
            check += cs[nn / 2];
            free(cs);
        } else {
            double *c = xalloc(sizeof(double) * nn);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
            check += c[nn / 2];
            free(c);
        }
        double dt = now_ns() - t0;
        if (i >= 0) t[i] = dt;
    }
    printf("{\"side\": \"c\", \"what\": \"cblas_%cgemm\", \"n\": %d, \"threads\": %d, \"calls_ns\": [", f32 ? 's' : 'd', n,
           openblas_get_num_threads());
    for (int i = 0; i < calls; i++) printf("%s%.0f", i ? ", " : "", t[i]);
    double mn = t[0];
    for (int i = 1; i < calls; i++) mn = t[i] < mn ? t[i] : mn;
    printf("], \"median_ns\": %.1f, \"min_ns\": %.1f, \"check\": %.17g, \"openblas\": \"%s\", \"core\": \"%s\"}\n",
           median(t, calls), mn, check, openblas_get_config(), openblas_get_corename());
    free(t); free(a); free(b); free(as); free(bs);
    return 0;
}

static int run_noop(const char *lib, long calls, int untimed) {
    void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (!h) { fprintf(stderr, "cref: %s\n", dlerror()); return 1; }
    void (*fn)(void) = (void (*)(void))dlsym(h, "nk_noop");
    if (!fn) { fprintf(stderr, "cref: nk_noop not exported by %s\n", lib); return 1; }
    if (untimed) {
        for (long i = 0; i < calls; i++) fn();
        printf("{\"side\": \"c\", \"what\": \"nk_noop\", \"calls\": %ld}\n", calls);
        return 0;
    }
    /* Batches of `calls` calls, 15 samples; the median batch gives ns per call. */
    double s[15];
    for (long i = 0; i < calls; i++) fn(); /* warm-up */
    for (int k = 0; k < 15; k++) {
        double t0 = now_ns();
        for (long i = 0; i < calls; i++) fn();
        s[k] = (now_ns() - t0) / (double)calls;
    }
    double mn = s[0];
    for (int k = 1; k < 15; k++) mn = s[k] < mn ? s[k] : mn;
    printf("{\"side\": \"c\", \"what\": \"nk_noop\", \"calls\": %ld, \"median_ns\": %.3f, \"min_ns\": %.3f}\n", calls,
           median(s, 15), mn);
    return 0;
}

static void usage(void) {
    fprintf(stderr, "usage: cref dgemm --n N [--f32] [--calls K] [--inputs DIR]\n"
                    "       cref noop --lib PATH [--calls N] [--untimed]\n");
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 2) usage();
    int n = 2000, f32 = 0, untimed = 0;
    long calls = -1;
    const char *dir = NULL, *lib = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--n") && i + 1 < argc) n = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--calls") && i + 1 < argc) calls = atol(argv[++i]);
        else if (!strcmp(argv[i], "--inputs") && i + 1 < argc) dir = argv[++i];
        else if (!strcmp(argv[i], "--lib") && i + 1 < argc) lib = argv[++i];
        else if (!strcmp(argv[i], "--f32")) f32 = 1;
        else if (!strcmp(argv[i], "--untimed")) untimed = 1;
        else usage();
    }
    if (!strcmp(argv[1], "dgemm")) return run_dgemm(n, f32, calls > 0 ? (int)calls : 3, dir);
    if (!strcmp(argv[1], "noop") && lib) return run_noop(lib, calls > 0 ? calls : 10000000L, untimed);
    usage();
    return 2;
}
