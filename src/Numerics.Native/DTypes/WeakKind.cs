namespace Numerics.Native;

/// <summary>
/// The kind of a weakly typed C# scalar under NEP 50 (Python's bool/int/float/complex), ordered so that a
/// larger value is a "higher" kind.
/// </summary>
internal enum WeakKind
{
    None = 0,
    Bool = 1,
    Integer = 2,
    Float = 3,
    Complex = 4,
}
