namespace Numerics.Native;

/// <summary>How gathers and scatters treat out-of-range indices (NumPy's <c>mode=</c> of take/put/choose).</summary>
internal enum IndexMode
{
    Raise = 0,
    Wrap = 1,
    Clip = 2,
}
