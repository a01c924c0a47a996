using System.Runtime.CompilerServices;

// The tests read internal counters (native bytes in use) and drive the stopgap kernels directly.
[assembly: InternalsVisibleTo("Numerics.Native.Tests")]
[assembly: InternalsVisibleTo("Numerics.Native.Benchmarks")]
