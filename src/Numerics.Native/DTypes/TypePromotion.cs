namespace Numerics.Native;

/// <summary>
/// NumPy 2 type promotion (NEP 50) and casting rules for the 14 dtypes. Arrays and dtypes are strong; C# scalars are
/// weak and only contribute their kind.
/// </summary>
internal static class TypePromotion
{
    // Rank of a kind in NumPy's same_kind order: bool < unsigned < signed < floating < complex.
    private static int KindRank(char kind) => kind switch { 'b' => 0, 'u' => 1, 'i' => 2, 'f' => 3, _ => 4 };

    // Size of the smallest float that holds every integer of this size (NumPy's table: 1 → f2, 2 → f4, ≥ 4 → f8).
    private static int FloatSizeForInt(int intSize) => intSize switch { 1 => 2, 2 => 4, _ => 8 };

    private static DType Float(int size) => size switch { 2 => DType.Float16, 4 => DType.Float32, _ => DType.Float64 };
    private static DType Complex(int componentSize) => componentSize <= 4 ? DType.Complex64 : DType.Complex128;
    private static DType Signed(int size) => size switch { 1 => DType.Int8, 2 => DType.Int16, 4 => DType.Int32, _ => DType.Int64 };
    private static DType Unsigned(int size) => size switch { 1 => DType.UInt8, 2 => DType.UInt16, 4 => DType.UInt32, _ => DType.UInt64 };

    internal static DType Promote(DType a, DType b)
    {
        a = a.NativeOrder;
        b = b.NativeOrder;
        if (ReferenceEquals(a, b)) return a;
        if (a.IsBool) return b;
        if (b.IsBool) return a;
        char ka = a.kind, kb = b.kind;
        if (KindRank(ka) > KindRank(kb)) { (a, b) = (b, a); (ka, kb) = (kb, ka); }
        // Now kind(a) ≤ kind(b).
        int sa = a.Size, sb = b.Size;
        switch (ka, kb)
        {
            case ('u', 'u'):
            case ('i', 'i'):
                return sa >= sb ? a : b;
            case ('u', 'i'):
                if (sb > sa) return b;
                return sa < 8 ? Signed(sa * 2) : DType.Float64;
            case ('u' or 'i', 'f'):
                return Float(Math.Max(sb, FloatSizeForInt(sa)));
            case ('u' or 'i', 'c'):
                return Complex(Math.Max(sb / 2, FloatSizeForInt(sa)));
            case ('f', 'f'):
                return sa >= sb ? a : b;
            case ('f', 'c'):
                return Complex(Math.Max(sa, sb / 2));
            default: // ('c', 'c')
                return sa >= sb ? a : b;
        }
    }

    /// <summary>The dtype a weak scalar of this kind takes when it stands alone.</summary>
    internal static DType DefaultFor(WeakKind kind) => kind switch
    {
        WeakKind.Bool => DType.Bool,
        WeakKind.Integer => DType.Int64,
        WeakKind.Float => DType.Float64,
        _ => DType.Complex128,
    };

    internal static WeakKind KindOf(DType d) => d.kind switch
    {
        'b' => WeakKind.Bool,
        'i' or 'u' => WeakKind.Integer,
        'f' => WeakKind.Float,
        _ => WeakKind.Complex,
    };

    /// <summary>Combines a strong result with one weak scalar kind, as NEP 50 does.</summary>
    internal static DType WithWeak(DType strong, WeakKind weak)
    {
        if (weak <= KindOf(strong)) return strong;
        // A Python complex next to a real float keeps the float's precision (float32 + 1j → complex64).
        if (weak == WeakKind.Complex && strong.IsFloat) return Complex(strong.Size);
        return Promote(strong, DefaultFor(weak));
    }

    /// <summary>
    /// result_type over strong dtypes and weak kinds. With no strong operand the weak kinds decide alone.
    /// </summary>
    internal static DType Result(ReadOnlySpan<DType> strong, ReadOnlySpan<WeakKind> weak)
    {
        DType? r = null;
        foreach (var d in strong) r = r is null ? d.NativeOrder : Promote(r, d);
        if (r is null)
        {
            var k = WeakKind.None;
            foreach (var w in weak) if (w > k) k = w;
            if (k == WeakKind.None) throw new ValueError("at least one array or dtype is required");
            return DefaultFor(k);
        }
        foreach (var w in weak) r = WithWeak(r, w);
        return r;
    }

    internal static Casting ParseCasting(string casting) => casting switch
    {
        "no" => Casting.No,
        "equiv" => Casting.Equiv,
        "safe" => Casting.Safe,
        "same_kind" => Casting.SameKind,
        "unsafe" => Casting.Unsafe,
        _ => throw new ValueError("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got '" + casting + "')"),   // NumPy's PyArray_CastingConverter
    };

    internal static bool CanCast(DType from, DType to, Casting casting)
    {
        switch (casting)
        {
            case Casting.Unsafe: return true;
            case Casting.No: return from == to;
            case Casting.Equiv: return from.Code == to.Code;
        }
        if (from.Code == to.Code) return true;
        bool safe = ReferenceEquals(Promote(from, to), to.NativeOrder);
        if (safe || casting == Casting.Safe) return safe;
        return KindRank(from.kind) <= KindRank(to.kind);
    }
}
