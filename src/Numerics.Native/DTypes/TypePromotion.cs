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

    /// <summary>
    /// result_type over strong dtypes and weak kinds, taken in that order (strong ones first; WeakKind.None entries
    /// stand for no operand). With no strong operand the weak kinds decide alone.
    /// </summary>
    internal static DType Result(ReadOnlySpan<DType> strong, ReadOnlySpan<WeakKind> weak)
    {
        // On every matmul's path (W12_small_matmul_4): the operand list lives on the stack.
        int n = strong.Length;
        foreach (var w in weak) if (w != WeakKind.None) n++;
        Span<PromotionOperand> seq = n <= 32 ? stackalloc PromotionOperand[n] : new PromotionOperand[n];
        int k = 0;
        foreach (var d in strong) seq[k++] = PromotionOperand.Of(d);
        foreach (var w in weak) if (w != WeakKind.None) seq[k++] = PromotionOperand.Of(w);
        return ResultOfSequence(seq);
    }

    // ---- NumPy 2's PyArray_PromoteDTypeSequence (numpy/_core/src/multiarray/common_dtype.c) ----
    // NumPy promotes a sequence of DType classes: the 14 concrete ones and the abstract DTypes of Python int, float
    // and complex (our weak C# scalars; a C# bool is Python's bool, which NumPy 2 maps to the strong np.bool). Its
    // reduction is a tournament, not a left fold: result_type(int16, uint16, float16) is float32 (a fold gives
    // float64). The abstract DTypes do not promote associatively (Python int + bool → the default integer, so
    // result_type(True, 1) is int64, yet result_type(int8, True, 1) is int8), so grouping and order can matter.
    // Checked against NumPy 1.24 in its NEP 50 mode (np._set_promotion_state('weak'), the same reduction); 1.24's
    // concrete DTypes defer every Python scalar, so some sequences with Python scalars differ from NumPy 2
    // (DTypeAndPromotionTests.PythonScalarSequencesPromoteAsNumPy2).

    private const int NotImplemented = -1;

    /// <summary>NumPy's <c>common_dtype</c> slot of <paramref name="cls"/> asked about <paramref name="other"/>.</summary>
    private static int CommonSlot(int cls, int other)
    {
        if (cls <= PromotionOperand.LastConcrete)
        {
            var c = DType.FromCode((DTypeCode)cls);
            switch (other)
            {
                // default_builtin_common_dtype: a concrete DType defers to one with a larger NumPy type number
                // (float16, NPY_HALF = 23, comes after all others; the rest keep our code order).
                case <= PromotionOperand.LastConcrete:
                    return TypeNum(other) > TypeNum(cls) ? NotImplemented : (int)Promote(c, DType.FromCode((DTypeCode)other)).Code;
                case PromotionOperand.PyComplex:
                    return c.IsComplex ? cls
                        : c.Code is DTypeCode.Float16 or DTypeCode.Float32 ? (int)DTypeCode.Complex64
                        : c.Code == DTypeCode.Float64 ? (int)DTypeCode.Complex128 : NotImplemented;
                case PromotionOperand.PyFloat:
                    return c.IsInexact ? cls : NotImplemented;
                default: // PyInt
                    return c.IsBool ? NotImplemented : cls;
            }
        }
        bool concreteBoolOrInt = other <= (int)DTypeCode.UInt64;
        return cls switch
        {
            // int_common_dtype: bool → the default integer; every other DType must know Python int itself.
            PromotionOperand.PyInt => other == (int)DTypeCode.Bool ? (int)DTypeCode.Int64 : NotImplemented,
            // float_common_dtype / complex_common_dtype: bools and integers → the default float / complex.
            PromotionOperand.PyFloat => concreteBoolOrInt ? (int)DTypeCode.Float64 : other == PromotionOperand.PyInt ? cls : NotImplemented,
            _ => concreteBoolOrInt ? (int)DTypeCode.Complex128
                : other is PromotionOperand.PyInt or PromotionOperand.PyFloat ? cls : NotImplemented,
        };
    }

    private static int TypeNum(int code) => code == (int)DTypeCode.Float16 ? 23 : code;

    /// <summary>NumPy's PyArray_CommonDType: asks both DTypes.</summary>
    private static int Common(int a, int b)
    {
        if (a == b) return a;
        int r = CommonSlot(a, b);
        if (r == NotImplemented) r = CommonSlot(b, a);
        // Unreachable for the 14 dtypes and the Python scalar kinds: some pair always knows the other.
        if (r == NotImplemented) throw new InvalidOperationException("no common DType");
        return r;
    }

    /// <summary>NumPy's reduce_dtypes_to_most_knowledgeable: moves the highest DType to the front.</summary>
    private static int ReduceToMostKnowledgeable(Span<int> d)
    {
        int half = d.Length / 2, res = NotImplemented;
        for (int low = 0; low < half; low++)
        {
            int high = d.Length - 1 - low;
            res = d[high] == d[low] ? d[low] : CommonSlot(d[low], d[high]);
            if (res == NotImplemented) (d[low], d[high]) = (d[high], d[low]);   // guess the other knows more
            else if (res == d[low]) d[high] = Cleared;                           // d[high] cannot change the result
        }
        return d.Length == 2 ? res : ReduceToMostKnowledgeable(d[..(d.Length - half)]);
    }

    private const int Cleared = -2;

    /// <summary>np.result_type of operands in argument order (NumPy 2's PyArray_ResultType).</summary>
    internal static DType ResultOfSequence(ReadOnlySpan<PromotionOperand> operands)
    {
        if (operands.Length == 0) throw new ValueError("at least one array or dtype is required");
        Span<int> d = operands.Length <= 32 ? stackalloc int[operands.Length] : new int[operands.Length];
        for (int i = 0; i < d.Length; i++) d[i] = operands[i].Id;
        int result;
        if (d.Length == 1) result = d[0];
        else
        {
            result = ReduceToMostKnowledgeable(d);
            int main = d[0], start = result == NotImplemented ? 1 : 2;
            for (int i = start; i < d.Length; i++)
            {
                if (d[i] == Cleared) continue;
                int promotion = CommonSlot(main, d[i]);
                if (promotion == NotImplemented) throw new InvalidOperationException("no common DType");
                result = result == NotImplemented ? promotion : Common(result, promotion);
            }
        }
        // An abstract result (only Python scalars) takes its default descriptor.
        return result switch
        {
            PromotionOperand.PyInt => DType.Int64,
            PromotionOperand.PyFloat => DType.Float64,
            PromotionOperand.PyComplex => DType.Complex128,
            _ => DType.FromCode((DTypeCode)result),
        };
    }

    internal static Casting ParseCasting(string casting) => casting switch
    {
        "no" => Casting.No,
        "equiv" => Casting.Equiv,
        "safe" => Casting.Safe,
        "same_kind" => Casting.SameKind,
        "unsafe" => Casting.Unsafe,
        // NumPy's PyArray_CastingConverter appends the value it got ("%R").
        _ => throw new ValueError("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got '" + casting + "')"),
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

/// <summary>One operand of NumPy's DType-sequence promotion: a concrete dtype or the abstract DType of a weak scalar.</summary>
internal readonly struct PromotionOperand
{
    internal const int LastConcrete = (int)DTypeCode.Complex128, PyInt = 14, PyFloat = 15, PyComplex = 16;

    private PromotionOperand(int id) => Id = id;

    /// <summary>A DTypeCode, or PyInt / PyFloat / PyComplex.</summary>
    internal int Id { get; }

    internal static PromotionOperand Of(DType d) => new((int)d.Code);

    /// <summary>A weak C# scalar: bool is NumPy's strong np.bool (Python's bool is not weak in NumPy 2).</summary>
    internal static PromotionOperand Of(WeakKind k) => new(k switch
    {
        WeakKind.Bool => (int)DTypeCode.Bool,
        WeakKind.Integer => PyInt,
        WeakKind.Float => PyFloat,
        WeakKind.Complex => PyComplex,
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    });
}
