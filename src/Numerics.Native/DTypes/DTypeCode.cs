namespace Numerics.Native;

/// <summary>The 14 element types, numbered as the C enum <c>nk_dtype</c> (NumPy's type-number order).</summary>
internal enum DTypeCode
{
    Bool = 0,
    Int8 = 1,
    UInt8 = 2,
    Int16 = 3,
    UInt16 = 4,
    Int32 = 5,
    UInt32 = 6,
    Int64 = 7,
    UInt64 = 8,
    Float16 = 9,
    Float32 = 10,
    Float64 = 11,
    Complex64 = 12,
    Complex128 = 13,
}
