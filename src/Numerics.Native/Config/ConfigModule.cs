using Numerics.Native.Interop;

namespace Numerics.Native;

public static partial class np
{
    /// <summary>
    /// <c>np.config</c>: process-wide settings and facts. Not constructible by users. NumPy equivalent:
    /// <c>threadpoolctl</c> for the thread count, <c>np.show_config()</c> for the backend facts.
    /// </summary>
    public sealed class ConfigModule
    {
        internal ConfigModule() { }

        /// <summary>
        /// Threads for OpenBLAS and the kernels together, process-wide; default <c>OMP_NUM_THREADS</c>, else the
        /// number of cores. NumPy: <c>threadpoolctl.threadpool_limits(n)</c>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
        public int num_threads
        {
            get => NativeBackend.NumThreads;
            set => NativeBackend.NumThreads = value;
        }

        /// <summary>The backend: "openblas", "reference", "blis", "mkl" or a full path.</summary>
        public string backend => NativeBackend.Name;

        /// <summary>The backend's version string, e.g. "OpenBLAS 0.3.21 … Haswell MAX_THREADS=64".</summary>
        public string backend_version => NativeBackend.Version;

        /// <summary>The loaded BLAS library.</summary>
        public string backend_path => NativeBackend.BlasPath;

        /// <summary>The library that serves LAPACK (where LAPACKE's <c>dgesv_</c> resolves).</summary>
        public string lapack_path => NativeBackend.LapackPath;

        /// <summary>"pthreads", "openmp" or "serial".</summary>
        public string threading_layer => NativeBackend.ThreadingLayer;

        /// <summary>OpenBLAS's core type (e.g. "Haswell"); "" for other backends.</summary>
        public string core_type => NativeBackend.CoreType;

        /// <summary>The kernel library's dispatch level: "AVX512", "AVX2" or "baseline".</summary>
        public string simd_level => NativeBackend.SimdLevel;

        /// <summary>
        /// Native bytes held by live arrays right now, counted in allocation blocks (the size class), so creating and
        /// disposing an array always restores the value; memory cached by the buffer pool is excluded. Wrapped .NET
        /// memory (<c>NDArray.Wrap</c>, <c>np.frombuffer</c>) is not native and not counted. NumPy equivalent: none
        /// (NumPy's memory is Python's; <c>tracemalloc</c> comes closest).
        /// </summary>
        public long native_bytes_in_use => MemoryCounters.InUse;

        /// <summary>
        /// Bytes the buffer pool may keep for reuse after arrays are disposed (default: a quarter of the memory
        /// available to the process, at most 1 GiB); 0 disables the pool. Lowering it below what is cached now trims
        /// the pool at once. NumPy equivalent: none (NumPy keeps a small fixed cache of data blocks).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public long buffer_pool_limit
        {
            get => BufferPool.Limit;
            set => BufferPool.Limit = value;
        }

        /// <summary>
        /// Returns the pool's cached memory to the OS now: every shared cache and the calling thread's own small-block
        /// cache (other threads' per-thread caches — per size class at most 32 KiB or 16 blocks, whichever is more —
        /// stay with their threads).
        /// NumPy equivalent: none.
        /// </summary>
        public void trim_pool() => BufferPool.Trim();
    }
}
