using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Numerics.Native.Benchmarks.Infrastructure;

/// <summary>
/// Reads the C-order, little-endian .npy files that build/tools/Numerics.Native.Compare/make_inputs.py writes.
/// Only what the benchmarks need: this is not the library's np.load.
/// </summary>
public static partial class Npy
{
    private static readonly Dictionary<Type, string> Descr = new()
    {
        [typeof(double)] = "<f8", [typeof(float)] = "<f4", [typeof(long)] = "<i8", [typeof(int)] = "<i4", [typeof(bool)] = "|b1",
    };

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    public static NativeArray<T> Read<T>(string path) where T : unmanaged
    {
        using var f = File.OpenRead(path);
        Span<byte> pre = stackalloc byte[10];
        f.ReadExactly(pre);
        if (pre[0] != 0x93 || !pre[1..6].SequenceEqual("NUMPY"u8))
            throw new InvalidDataException($"{path}: not a .npy file");
        int headerLength;
        if (pre[6] == 1)
        {
            headerLength = pre[8] | (pre[9] << 8);
        }
        else
        {
            Span<byte> ext = stackalloc byte[2];
            f.ReadExactly(ext);
            headerLength = pre[8] | (pre[9] << 8) | (ext[0] << 16) | (ext[1] << 24);
        }
        byte[] raw = new byte[headerLength];
        f.ReadExactly(raw);
        string header = Encoding.Latin1.GetString(raw);
        string descr = DescrPattern().Match(header).Groups[1].Value;
        if (!Descr.TryGetValue(typeof(T), out string? want) || descr != want)
            throw new InvalidDataException($"{path}: dtype {descr}, expected {want ?? typeof(T).Name}");
        if (OrderPattern().Match(header).Groups[1].Value != "False")
            throw new InvalidDataException($"{path}: Fortran order is not supported");
        int[] shape = ShapePattern().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var array = new NativeArray<T>(shape);
        try
        {
            Span<byte> bytes = MemoryMarshal.AsBytes(array.AsSpan());
            f.ReadExactly(bytes);
        }
        catch
        {
            array.Dispose();
            throw;
        }
        return array;
    }
}
