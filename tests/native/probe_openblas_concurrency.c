/* probe_openblas_concurrency.c — does an OpenBLAS build stay exact when many threads call it at once?
 *
 * DESIGN.md §6.3: OpenBLAS 0.3.21 warns that a build may corrupt data when more threads call it concurrently than
 * it was built for, and .NET services do exactly that. This probe dlopens one build by full path, computes dgemm
 * and dgesv (LAPACK's Fortran symbol, inside libopenblas) serially, then has 16 threads repeat both at once on the
 * same read-only inputs and compares every result with the serial one bit for bit. Each run is a forked child, so
 * a crash is an outcome, not a lost test, and every run starts from a freshly loaded library.
 *
 *   probe_openblas_concurrency LIB [--threads 16] [--reps 4] [--n 300] [--runs 3] [--blas-threads K]
 *                              [--report-only] [--verbose]
 *
 * --blas-threads calls openblas_set_num_threads(K) after loading: OpenBLAS caps its own default at the core count,
 * so this is how a small CI machine exercises the thread splits a 16-core server would use.
 *
 * Prints one JSON line; exits 0 when every run was exact, 1 otherwise, 77 when LIB cannot be loaded. With
 * --report-only the verdict is printed but the exit status is 0 whatever it is (crash included).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { COL_MAJOR = 102, NO_TRANS = 111 };

typedef void (*dgemm_fn)(int order, int ta, int tb, int m, int n, int k, double alpha, const double *a, int lda,
                         const double *b, int ldb, double beta, double *c, int ldc);
typedef void (*dgesv_fn)(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
                         const int *ldb, int *info);
typedef char *(*config_fn)(void);
typedef int (*nthreads_fn)(void);
typedef void (*set_nthreads_fn)(int);

typedef struct options {
    const char *lib;
    int threads, reps, n, nrhs, runs, report_only, verbose, blas_threads;
} options;

/* What a child run sends back through its pipe. */
typedef struct run_result {
    int64_t calls;
    int64_t mismatches;     /* results (dgemm or dgesv calls) that differed from the serial ones */
    int64_t bad_elements;   /* elements that differed */
    double max_abs_diff;
    int serial_stable;      /* the serial run, repeated, reproduced itself */
    int info_errors;        /* dgesv info != 0 or pivots differing */
    int blas_threads;
    char config[160];
} run_result;

typedef struct shared {
    const options *opt;
    dgemm_fn dgemm;
    dgesv_fn dgesv;
    set_nthreads_fn omp_set_threads; /* NULL unless the build runs on libgomp */
    const double *a, *b, *c_ref, *la, *lb, *x_ref;
    const int *ipiv_ref;
    pthread_barrier_t start;
    pthread_mutex_t lock;
    run_result *res;
} shared;

static uint64_t rng_state;
static double next_uniform(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0) - 0.5;
}

static void compare(shared *s, const double *got, const double *want, size_t count, int64_t *bad, double *maxd)
{
    for (size_t i = 0; i < count; i++) {
        uint64_t g, w;
        memcpy(&g, &got[i], 8);
        memcpy(&w, &want[i], 8);
        if (g != w) {
            (*bad)++;
            double d = fabs(got[i] - want[i]);
            if (!(d <= *maxd))
                *maxd = d; /* NaN sticks */
        }
    }
    (void)s;
}

static void *worker(void *arg)
{
    shared *s = arg;
    const options *o = s->opt;
    const int n = o->n, nrhs = o->nrhs;
    const size_t nn = (size_t)n * (size_t)n, nb = (size_t)n * (size_t)nrhs;
    double *c = malloc(nn * 8), *la = malloc(nn * 8), *lb = malloc(nb * 8);
    int *ipiv = malloc((size_t)n * sizeof(int));
    /* The OpenMP build sizes each call by the calling thread's ICV (omp_get_max_threads), not by the global set in
     * main, so every caller must carry the same ICV; otherwise the probe compares different thread splits (which
     * round differently) instead of finding corruption. The facade does the same per .NET thread (DESIGN.md §6.3). */
    if (s->omp_set_threads != NULL)
        s->omp_set_threads(o->blas_threads);
    int64_t calls = 0, mism = 0, bad = 0;
    int info_err = 0;
    double maxd = 0.0;
    pthread_barrier_wait(&s->start);
    for (int r = 0; r < o->reps; r++) {
        /* Half the threads start with the solve, so dgemm and dgesv overlap as well as each with itself. */
        for (int step = 0; step < 2; step++) {
            int do_gemm = (step == 0) == ((((uintptr_t)pthread_self()) >> 12 & 1) == 0);
            int64_t before = bad;
            if (do_gemm) {
                memset(c, 0, nn * 8);
                s->dgemm(COL_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1.0, s->a, n, s->b, n, 0.0, c, n);
                compare(s, c, s->c_ref, nn, &bad, &maxd);
            } else {
                int info = -1;
                memcpy(la, s->la, nn * 8);
                memcpy(lb, s->lb, nb * 8);
                s->dgesv(&n, &nrhs, la, &n, ipiv, lb, &n, &info);
                if (info != 0 || memcmp(ipiv, s->ipiv_ref, (size_t)n * sizeof(int)) != 0)
                    info_err++;
                compare(s, lb, s->x_ref, nb, &bad, &maxd);
            }
            calls++;
            mism += bad != before;
        }
    }
    pthread_mutex_lock(&s->lock);
    s->res->calls += calls;
    s->res->mismatches += mism;
    s->res->bad_elements += bad;
    s->res->info_errors += info_err;
    if (!(maxd <= s->res->max_abs_diff))
        s->res->max_abs_diff = maxd;
    pthread_mutex_unlock(&s->lock);
    free(c);
    free(la);
    free(lb);
    free(ipiv);
    return NULL;
}

/* One run, in the child: load, serial reference (twice), then the concurrent storm. */
static int child_run(const options *o, run_result *res)
{
    memset(res, 0, sizeof *res);
    void *h = dlopen(o->lib, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        snprintf(res->config, sizeof res->config, "dlopen failed: %s", dlerror());
        return 77;
    }
    shared s;
    memset(&s, 0, sizeof s);
    s.opt = o;
    s.res = res;
    s.dgemm = (dgemm_fn)dlsym(h, "cblas_dgemm");
    s.dgesv = (dgesv_fn)dlsym(h, "dgesv_");
    config_fn cfg = (config_fn)dlsym(h, "openblas_get_config");
    nthreads_fn nth = (nthreads_fn)dlsym(h, "openblas_get_num_threads");
    if (s.dgemm == NULL || s.dgesv == NULL) {
        snprintf(res->config, sizeof res->config, "missing cblas_dgemm or dgesv_");
        return 77;
    }
    snprintf(res->config, sizeof res->config, "%s", cfg ? cfg() : "?");
    set_nthreads_fn set_nth = (set_nthreads_fn)dlsym(h, "openblas_set_num_threads");
    if (o->blas_threads > 0 && set_nth != NULL) {
        set_nth(o->blas_threads);
        s.omp_set_threads = (set_nthreads_fn)dlsym(h, "omp_set_num_threads");
    }
    res->blas_threads = nth ? nth() : -1;

    const int n = o->n, nrhs = o->nrhs;
    const size_t nn = (size_t)n * (size_t)n, nb = (size_t)n * (size_t)nrhs;
    double *a = malloc(nn * 8), *b = malloc(nn * 8), *c_ref = malloc(nn * 8), *c2 = malloc(nn * 8);
    double *la = malloc(nn * 8), *lb = malloc(nb * 8), *x_ref = malloc(nb * 8), *tmp = malloc(nn * 8),
           *x2 = malloc(nb * 8);
    int *ipiv_ref = malloc((size_t)n * sizeof(int)), *ipiv2 = malloc((size_t)n * sizeof(int));
    rng_state = 12345;
    for (size_t i = 0; i < nn; i++) {
        a[i] = next_uniform();
        b[i] = next_uniform();
        la[i] = next_uniform();
    }
    for (size_t i = 0; i < nb; i++)
        lb[i] = next_uniform();

    /* Serial reference, then the same again: a build that is not even reproducible alone gets its own verdict. */
    int info = 0;
    s.dgemm(COL_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1.0, a, n, b, n, 0.0, c_ref, n);
    memcpy(tmp, la, nn * 8);
    memcpy(x_ref, lb, nb * 8);
    s.dgesv(&n, &nrhs, tmp, &n, ipiv_ref, x_ref, &n, &info);
    int info2 = 0;
    s.dgemm(COL_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1.0, a, n, b, n, 0.0, c2, n);
    memcpy(tmp, la, nn * 8);
    memcpy(x2, lb, nb * 8);
    s.dgesv(&n, &nrhs, tmp, &n, ipiv2, x2, &n, &info2);
    res->serial_stable = info == 0 && info2 == 0 && memcmp(c_ref, c2, nn * 8) == 0 &&
                         memcmp(x_ref, x2, nb * 8) == 0 && memcmp(ipiv_ref, ipiv2, (size_t)n * sizeof(int)) == 0;

    s.a = a;
    s.b = b;
    s.c_ref = c_ref;
    s.la = la;
    s.lb = lb;
    s.x_ref = x_ref;
    s.ipiv_ref = ipiv_ref;
    pthread_barrier_init(&s.start, NULL, (unsigned)o->threads);
    pthread_mutex_init(&s.lock, NULL);
    pthread_t *th = calloc((size_t)o->threads, sizeof *th);
    for (int t = 0; t < o->threads; t++)
        pthread_create(&th[t], NULL, worker, &s);
    for (int t = 0; t < o->threads; t++)
        pthread_join(th[t], NULL);
    free(th);
    free(a);
    free(b);
    free(c_ref);
    free(c2);
    free(la);
    free(lb);
    free(x_ref);
    free(tmp);
    free(x2);
    free(ipiv_ref);
    free(ipiv2);
    /* No dlclose: an OpenBLAS with live worker threads does not unload cleanly, and the child exits anyway. */
    return (res->mismatches == 0 && res->info_errors == 0 && res->serial_stable) ? 0 : 1;
}

static const char *build_name(const char *lib)
{
    if (strstr(lib, "openmp") != NULL)
        return "openmp";
    if (strstr(lib, "pthread") != NULL)
        return "pthread";
    return "other";
}

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    }
    putchar('"');
}

int main(int argc, char **argv)
{
    options o = {NULL, 16, 4, 300, 20, 3, 0, 0, 0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
            o.threads = atoi(argv[++i]);
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            o.reps = atoi(argv[++i]);
        else if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
            o.n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            o.runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--blas-threads") == 0 && i + 1 < argc)
            o.blas_threads = atoi(argv[++i]);
        else if (strcmp(argv[i], "--report-only") == 0)
            o.report_only = 1;
        else if (strcmp(argv[i], "--verbose") == 0)
            o.verbose = 1;
        else if (argv[i][0] != '-' && o.lib == NULL)
            o.lib = argv[i];
        else {
            fprintf(stderr, "usage: %s LIB [--threads T] [--reps R] [--n N] [--runs K] [--report-only] [--verbose]\n",
                    argv[0]);
            return 2;
        }
    }
    if (o.lib == NULL || o.threads < 1 || o.reps < 1 || o.n < 1 || o.runs < 1) {
        fprintf(stderr, "usage: %s LIB [options]\n", argv[0]);
        return 2;
    }
    if (access(o.lib, R_OK) != 0) {
        printf("{\"probe\":\"openblas_concurrency\",\"build\":\"%s\",\"verdict\":\"missing\",\"lib\":", build_name(o.lib));
        json_string(o.lib);
        printf("}\n");
        return 77;
    }

    run_result total;
    memset(&total, 0, sizeof total);
    total.serial_stable = 1;
    int crashed = 0, wrong_runs = 0, unloadable = 0;
    for (int r = 0; r < o.runs; r++) {
        int fd[2];
        if (pipe(fd) != 0) {
            perror("pipe");
            return 2;
        }
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 2;
        }
        if (pid == 0) {
            close(fd[0]);
            run_result res;
            int rc = child_run(&o, &res);
            ssize_t w = write(fd[1], &res, sizeof res);
            _exit(w == (ssize_t)sizeof res ? rc : 3);
        }
        close(fd[1]);
        run_result res;
        memset(&res, 0, sizeof res);
        size_t got = 0;
        while (got < sizeof res) {
            ssize_t k = read(fd[0], (char *)&res + got, sizeof res - got);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            got += (size_t)k;
        }
        close(fd[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        const char *verdict;
        if (WIFSIGNALED(status) || got != sizeof res) {
            crashed++;
            verdict = "crashed";
        } else if (WEXITSTATUS(status) == 77) {
            unloadable++;
            verdict = "unloadable";
        } else {
            verdict = WEXITSTATUS(status) == 0 ? "correct" : "wrong";
            wrong_runs += WEXITSTATUS(status) != 0;
            total.calls += res.calls;
            total.mismatches += res.mismatches;
            total.bad_elements += res.bad_elements;
            total.info_errors += res.info_errors;
            total.serial_stable &= res.serial_stable;
            total.blas_threads = res.blas_threads;
            if (!(res.max_abs_diff <= total.max_abs_diff))
                total.max_abs_diff = res.max_abs_diff;
            memcpy(total.config, res.config, sizeof total.config);
        }
        if (o.verbose)
            fprintf(stderr, "run %d: %s (mismatches %lld, max_abs_diff %g, signal %d)\n", r + 1, verdict,
                    (long long)res.mismatches, res.max_abs_diff, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    if (unloadable == o.runs) {
        printf("{\"probe\":\"openblas_concurrency\",\"build\":\"%s\",\"verdict\":\"unloadable\",\"lib\":",
               build_name(o.lib));
        json_string(o.lib);
        printf("}\n");
        return 77;
    }

    const char *verdict = crashed ? "crashed"
                          : !total.serial_stable ? "serial-unstable"
                          : (wrong_runs || total.mismatches || total.info_errors) ? "wrong"
                                                                                  : "correct";
    printf("{\"probe\":\"openblas_concurrency\",\"build\":\"%s\",\"lib\":", build_name(o.lib));
    json_string(o.lib);
    printf(",\"config\":");
    json_string(total.config);
    printf(",\"blas_threads\":%d,\"callers\":%d,\"reps\":%d,\"n\":%d,\"runs\":%d,\"calls\":%lld,\"mismatches\":%lld,"
           "\"bad_elements\":%lld,\"dgesv_info_or_pivot_errors\":%d,\"max_abs_diff\":%.17g,\"wrong_runs\":%d,"
           "\"crashed_runs\":%d,\"serial_stable\":%s,\"verdict\":\"%s\"}\n",
           total.blas_threads, o.threads, o.reps, o.n, o.runs, (long long)total.calls, (long long)total.mismatches,
           (long long)total.bad_elements, total.info_errors, total.max_abs_diff, wrong_runs, crashed,
           total.serial_stable ? "true" : "false", verdict);
    if (o.report_only)
        return 0;
    return strcmp(verdict, "correct") == 0 ? 0 : 1;
}
