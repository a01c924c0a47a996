using System.Globalization;

namespace Numerics.Native;

/// <summary>Machine limits of an integer dtype. NumPy: <c>np.iinfo(dtype)</c>.</summary>
public sealed class IInfo
{
    internal IInfo(DType dtype)
    {
        this.dtype = dtype;
        bits = dtype.Size * 8;
        if (dtype.IsUnsignedInteger)
        {
            min = 0;
            maxUnsigned = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        }
        else
        {
            min = -(1L << (bits - 1));
            maxUnsigned = (ulong)((1L << (bits - 1)) - 1);
        }
    }

    private readonly ulong maxUnsigned;

    /// <summary>Bits of the type. NumPy: <c>iinfo.bits</c>.</summary>
    public int bits { get; }
    /// <summary>The smallest value. NumPy: <c>iinfo.min</c>.</summary>
    public long min { get; }
    /// <summary>The largest value (a uint64's does not fit a long: use <see cref="max_unsigned"/>). NumPy: <c>iinfo.max</c>.</summary>
    public long max => maxUnsigned > long.MaxValue ? long.MaxValue : (long)maxUnsigned;
    /// <summary>The largest value as an unsigned number (exact for uint64). NumPy: <c>iinfo.max</c>.</summary>
    public ulong max_unsigned => maxUnsigned;
    /// <summary>The dtype described. NumPy: <c>iinfo.dtype</c>.</summary>
    public DType dtype { get; }

    /// <summary>NumPy's "Machine parameters for int8" block.</summary>
    public override string ToString() =>
        $"Machine parameters for {dtype.name}\n---------------------------------------------------------------\n" +
        $"min = {min.ToString(CultureInfo.InvariantCulture)}\nmax = {maxUnsigned.ToString(CultureInfo.InvariantCulture)}\n" +
        "---------------------------------------------------------------\n";

    /// <summary>NumPy's <c>repr(np.iinfo(dtype))</c>.</summary>
    internal string Repr() => $"iinfo(min={min.ToString(CultureInfo.InvariantCulture)}, max={maxUnsigned.ToString(CultureInfo.InvariantCulture)}, dtype={dtype.name})";
}
