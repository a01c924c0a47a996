namespace Numerics.Native;

/// <summary>The binary precision a printed value belongs to (its dtype, or the component dtype of a complex).</summary>
internal enum FloatKind
{
    Half,
    Single,
    Double,
}
