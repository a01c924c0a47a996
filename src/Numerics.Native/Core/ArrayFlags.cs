namespace Numerics.Native;

/// <summary>
/// The memory-layout flags of an array. <see cref="writeable"/> is settable; the rest follow from the layout.
/// NumPy: <c>ndarray.flags</c>.
/// </summary>
public sealed class ArrayFlags
{
    internal const int CContiguous = 1;
    internal const int FContiguous = 2;
    internal const int OwnData = 4;
    internal const int Writeable = 8;
    internal const int Aligned = 16;
    /// <summary>The array may never become writeable (broadcast views, read-only foreign memory, diagonal views).</summary>
    internal const int WriteLocked = 32;

    private readonly NDArray _a;

    internal ArrayFlags(NDArray a) => _a = a;

    /// <summary>C order without gaps (axes of length 1 ignored; empty arrays count). NumPy: <c>flags.c_contiguous</c>.</summary>
    public bool c_contiguous => (_a.FlagBits & CContiguous) != 0;

    /// <summary>Fortran order without gaps. NumPy: <c>flags.f_contiguous</c>.</summary>
    public bool f_contiguous => (_a.FlagBits & FContiguous) != 0;

    /// <summary>The array owns its buffer (is not a view). NumPy: <c>flags.owndata</c>.</summary>
    public bool owndata => (_a.FlagBits & OwnData) != 0;

    /// <summary>
    /// Whether the data may be written. Setting false always works; setting true works only when the memory and
    /// the base allow it. NumPy: <c>flags.writeable</c>.
    /// </summary>
    /// <exception cref="ValueError">"cannot set WRITEABLE flag to True of this array".</exception>
    public bool writeable
    {
        get => (_a.FlagBits & Writeable) != 0;
        set => _a.SetWriteable(value);
    }

    /// <summary>Data and strides are multiples of the element alignment. NumPy: <c>flags.aligned</c>.</summary>
    public bool aligned => (_a.FlagBits & Aligned) != 0;

    /// <summary>Always false (no write-back copies here). NumPy: <c>flags.writebackifcopy</c>.</summary>
#pragma warning disable CA1822 // an instance property, as NumPy's flags attribute
    public bool writebackifcopy => false;
#pragma warning restore CA1822

    /// <summary>NumPy's short name: <c>flags.c_contiguous</c>.</summary>
    public bool contiguous => c_contiguous;

    /// <summary>NumPy's flag block, one "  NAME : True" line per flag.</summary>
    public override string ToString() =>
        $"  C_CONTIGUOUS : {B(c_contiguous)}\n  F_CONTIGUOUS : {B(f_contiguous)}\n  OWNDATA : {B(owndata)}\n" +
        $"  WRITEABLE : {B(writeable)}\n  ALIGNED : {B(aligned)}\n  WRITEBACKIFCOPY : False\n";

    private static string B(bool b) => b ? "True" : "False";
}
