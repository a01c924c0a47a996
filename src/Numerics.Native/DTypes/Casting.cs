namespace Numerics.Native;

/// <summary>NumPy's casting rules, least to most permissive.</summary>
internal enum Casting
{
    No = 0,
    Equiv = 1,
    Safe = 2,
    SameKind = 3,
    Unsafe = 4,
}
