using System.Globalization;
using System.Text;
using Numerics.Native.Interop;

namespace Numerics.Native;

/// <summary>Builds the <c>np.show_config()</c> report from the resolver's facts.</summary>
internal static class ConfigReport
{
    internal static IReadOnlyDictionary<string, object> Collect()
    {
        NativeBackend.EnsureKernels();
        var blas = new Dictionary<string, object>
        {
            ["name"] = NativeBackend.Name,
            ["version"] = NativeBackend.Version,
            ["blas library"] = NativeBackend.BlasPath,
            ["lapacke library"] = NativeBackend.LapackePath,
            ["lapack library (serves dgesv_)"] = NativeBackend.LapackPath,
            ["threading layer"] = NativeBackend.ThreadingLayer,
            ["core type"] = NativeBackend.CoreType,
        };
        var kernels = new Dictionary<string, object>
        {
            ["library"] = NativeBackend.KernelsPath,
            ["simd level"] = NativeBackend.SimdLevel,
            ["sleef version"] = NativeBackend.SleefVersion,
            ["abi version"] = NativeBackend.KernelsAbi,
        };
        return new Dictionary<string, object>
        {
            ["Numerics.Native"] = new Dictionary<string, object> { ["version"] = np.__version__, ["numpy semantics"] = np.numpy_version },
            ["Backend"] = blas,
            ["Kernels"] = kernels,
            // Provider per level-3 routine and the BLIS sub-configuration (interop/…/Level3, docs/level3.md).
            ["Level 3"] = Level3Providers.Describe().ToDictionary(kv => kv.Key, kv => (object)kv.Value),
            ["Threads"] = new Dictionary<string, object> { ["num_threads"] = NativeBackend.NumThreads },
            ["Runtime"] = new Dictionary<string, object>
            {
                [".NET"] = Environment.Version.ToString(),
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["cores"] = Environment.ProcessorCount,
            },
        };
    }

    /// <summary>NumPy 2's show_config layout: section names, then indented "key: value" lines.</summary>
    internal static string Format(IReadOnlyDictionary<string, object> info)
    {
        var sb = new StringBuilder();
        foreach (var (section, value) in info)
        {
            sb.Append(section).Append(':').Append('\n');
            foreach (var (key, v) in (IReadOnlyDictionary<string, object>)value)
            {
                sb.Append("  ").Append(key).Append(": ").Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return sb.ToString();
    }
}
