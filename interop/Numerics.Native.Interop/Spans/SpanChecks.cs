using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Numerics.Native.Interop;

/// <summary>
/// The checks and size formulas behind the generated span overloads (Spans/*.g.cs, from SizeRules/blas_lapack.tsv).
/// They run before any native code sees an argument: BLAS and LAPACK trust their sizes completely, and with the
/// reference backend an illegal argument reaches a Fortran XERBLA that stops the process.
/// </summary>
internal static class SpanChecks
{
    internal const long RowMajor = 101, ColMajor = 102, NoTrans = 111, Transpose = 112, ConjTrans = 113;
    internal const long Upper = 121, Lower = 122, NonUnit = 131, Unit = 132, Left = 141, Right = 142;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Size(string routine, long value, string name)
    {
        if (value < 0)
            ThrowRange(routine, name, value, $"{name} = {value} is negative; sizes must be >= 0.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Inc(string routine, long value, string name)
    {
        if (value == 0)
            ThrowRange(routine, name, value, $"the increment {name} must not be 0.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ld(string routine, long value, string name, long min)
    {
        if (value < min)
            ThrowRange(routine, name, value, $"{name} = {value} is less than its minimum {min}.");
    }

    public static void Layout(string routine, int value, string name)
    {
        if (value is not (int)RowMajor and not (int)ColMajor)
            ThrowRange(routine, name, value, $"{name} = {value} is neither row-major (101) nor column-major (102).");
    }

    public static void Trans(string routine, int value, string name, string letters)
    {
        char letter = value switch { (int)NoTrans => 'N', (int)Transpose => 'T', (int)ConjTrans => 'C', _ => '\0' };
        if (letter == '\0' || !letters.Contains(letter, StringComparison.Ordinal))
        {
            string allowed = string.Join(", ", letters.Select(c => c switch
            {
                'N' => "CblasNoTrans (111)",
                'T' => "CblasTrans (112)",
                _ => "CblasConjTrans (113)",
            }));
            ThrowRange(routine, name, value, $"{name} = {value} is not one of {allowed}.");
        }
    }

    public static void Uplo(string routine, int value, string name)
    {
        if (value is not (int)Upper and not (int)Lower)
            ThrowRange(routine, name, value, $"{name} = {value} is neither CblasUpper (121) nor CblasLower (122).");
    }

    public static void Diag(string routine, int value, string name)
    {
        if (value is not (int)NonUnit and not (int)Unit)
            ThrowRange(routine, name, value, $"{name} = {value} is neither CblasNonUnit (131) nor CblasUnit (132).");
    }

    public static void Side(string routine, int value, string name)
    {
        if (value is not (int)Left and not (int)Right)
            ThrowRange(routine, name, value, $"{name} = {value} is neither CblasLeft (141) nor CblasRight (142).");
    }

    /// <summary>A LAPACK option character; either case, as LAPACK's LSAME.</summary>
    public static void Option(string routine, byte value, string name, string letters)
    {
        if (!Is(value, letters))
        {
            string shown = value is >= 0x20 and < 0x7f ? $"'{(char)value}'" : $"byte {value}";
            ThrowRange(routine, name, (char)value, $"{name} = {shown} is not one of {string.Join(", ", letters.Select(c => $"'{c}'"))}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(byte option, string letters) =>
        option < 0x80 && letters.Contains(char.ToUpperInvariant((char)option), StringComparison.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(string routine, int length, string name, long required, string rule)
    {
        if (length < required)
            ThrowShort(routine, length, name, required, rule);
    }

    /// <summary>
    /// Checks <paramref name="span"/> like <see cref="Length"/>, then gives a routine that reads one
    /// <paramref name="stride"/> beyond the array's last element (before its first for a negative stride) that room:
    /// the span itself when it is long enough, else a copy inside a larger buffer. OpenBLAS 0.3.21's complex dot and
    /// level-2 kernels read one element ahead this way, and so do the LAPACK routines built on them; a buffer that
    /// ends at an unmapped page would otherwise fault.
    /// </summary>
    public static Padded<T> Pad<T>(string routine, ReadOnlySpan<T> span, string name, long required, string rule, long stride)
        where T : unmanaged
    {
        Length(routine, span.Length, name, required, rule);
        long back = Math.Max(stride, 0), front = Math.Max(-stride, 0);
        if (required == 0 || stride == 0 || (front == 0 && span.Length >= required + back))
            return new Padded<T>(span, null, 0);
        T[] buffer = ArrayPool<T>.Shared.Rent(checked((int)(front + span.Length + back)));
        buffer.AsSpan(0, (int)front).Clear();
        span.CopyTo(buffer.AsSpan((int)front));
        buffer.AsSpan((int)front + span.Length, (int)back).Clear();
        return new Padded<T>(span, buffer, (int)front);
    }

    /// <summary>
    /// The first <paramref name="rows"/> entries of <paramref name="ipiv"/> are LAPACK's 1-based pivot rows, each in
    /// 1..rows: ?getrs and ?getri swap row (or column) i with ipiv[i] unchecked (?laswp), so any other value reads
    /// and writes outside the matrix. ArgumentException naming the array and the first bad entry.
    /// </summary>
    public static void Pivots(string routine, ReadOnlySpan<int> ipiv, string name, long rows)
    {
        for (int i = 0; i < rows; i++)
        {
            if (ipiv[i] < 1 || ipiv[i] > rows)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{routine}: {name}[{i}] = {ipiv[i]} is not a row number in 1..{rows}."), name);
        }
    }

    /// <summary>A condition on several arguments failed.</summary>
    [DoesNotReturn]
    public static void Fail(string routine, string condition, string values) =>
        throw new ArgumentException($"{routine}: the arguments must satisfy {condition} ({values}).");

    /// <summary>Elements a strided vector of <paramref name="n"/> entries spans.</summary>
    public static long Vec(long n, long inc) => n <= 0 ? 0 : 1 + (n - 1) * Math.Abs(inc);

    /// <summary>n(n+1)/2: a packed triangle.</summary>
    public static long Packed(long n) => n <= 0 ? 0 : n * (n + 1) / 2;

    /// <summary>
    /// A rows-by-cols matrix with leading dimension <paramref name="ld"/>: checks ld as BLAS/LAPACK do
    /// (at least max(1, rows) column-major, max(1, cols) row-major) and returns the elements from the first to the
    /// last one the routine may touch.
    /// </summary>
    public static long Ge(string routine, string array, long layout, long rows, long cols, long ld, string ldName)
    {
        bool colMajor = layout == ColMajor;
        long min = Math.Max(1, colMajor ? rows : cols);
        if (ld < min)
        {
            ThrowRange(routine, ldName, ld,
                $"{ldName} = {ld} is less than max(1, {(colMajor ? "rows" : "columns")}) = {min} for the {rows}×{cols} " +
                $"{(colMajor ? "column" : "row")}-major matrix {array}.");
        }
        if (rows <= 0 || cols <= 0)
            return 0;
        return colMajor ? ld * (cols - 1) + rows : ld * (rows - 1) + cols;
    }

    /// <summary>op(X) is rows-by-cols: X itself is cols-by-rows when <paramref name="trans"/> transposes.</summary>
    public static long Op(string routine, string array, long layout, long trans, long rows, long cols, long ld, string ldName) =>
        trans == NoTrans
            ? Ge(routine, array, layout, rows, cols, ld, ldName)
            : Ge(routine, array, layout, cols, rows, ld, ldName);

    /// <summary>Band storage: <paramref name="bands"/> diagonals in each of <paramref name="n"/> columns of
    /// length <paramref name="ld"/>.</summary>
    public static long Band(string routine, string array, long ld, long bands, long n, string ldName)
    {
        if (ld < bands)
            ThrowRange(routine, ldName, ld, $"{ldName} = {ld} is less than the {bands} diagonals the band matrix {array} stores.");
        return n <= 0 ? 0 : ld * (n - 1) + bands;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRange(string routine, string name, object value, string message) =>
        throw new ArgumentOutOfRangeException(name, value, $"{routine}: {message}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShort(string routine, int length, string name, long required, string rule) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{routine}: {name} has {length} elements, but the arguments need at least {required} ({name}: {rule})."), name);
}

/// <summary>An argument as the native routine sees it: the caller's span, or a copy with room around it (see
/// <see cref="SpanChecks.Pad"/>). Dispose returns the copy's buffer to the pool.</summary>
internal ref struct Padded<T> where T : unmanaged
{
    private readonly ReadOnlySpan<T> _original;
    private T[]? _buffer;
    private readonly int _front;

    internal Padded(ReadOnlySpan<T> original, T[]? buffer, int front)
    {
        _original = original;
        _buffer = buffer;
        _front = front;
    }

    /// <summary>What to pin and pass: the elements, with readable room around them.</summary>
    public readonly ReadOnlySpan<T> Span => _buffer is null ? _original : _buffer.AsSpan(_front, _original.Length);

    /// <summary>Copies what the routine wrote back into the caller's span (nothing to do without a copy).</summary>
    public readonly void CopyBack(Span<T> destination)
    {
        if (_buffer is not null)
            _buffer.AsSpan(_front, _original.Length).CopyTo(destination);
    }

    public void Dispose()
    {
        if (_buffer is not null)
            ArrayPool<T>.Shared.Return(_buffer);
        _buffer = null;
    }
}
