using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Numerics.Native;

/// <summary>
/// NumPy's .npy format (numpy/lib/format.py): magic "\x93NUMPY", version, header length, a Python dict literal
/// padded to 64 bytes, then the raw elements in C or Fortran order. Reading treats the file as hostile: every
/// length and size is checked against what the stream can still supply before anything is allocated, and every
/// failure is a <see cref="ValueError"/> that names the file and the reason.
/// </summary>
internal static class NpyFormat
{
    private static readonly byte[] MagicPrefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int MagicLength = 8;
    private const int ArrayAlign = 64;
    // Room to grow the header in place when an axis grows (len(str(8 * 2**64 - 1))), as NumPy reserves.
    private const int GrowthAxisMaxDigits = 21;
    private const int ChunkBytes = 1 << 20;

    internal static void Write(Stream stream, NDArray arr)
    {
        using var data = Contiguous(arr, out byte[] header);
        WriteTo(stream, header, data);
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes the array, with the file's blocks reserved
    /// up front as NumPy's <c>tofile</c> does (<c>fallocate</c>): on ext4 this made writing 80 MB 1.8× and
    /// truncating the previous file 9× faster (tests/native/experiments/npy_write.c).</summary>
    internal static void WriteFile(string path, NDArray arr)
    {
        using var data = Contiguous(arr, out byte[] header);
        using var fs = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16,
            PreallocationSize = header.Length + data.Size * data.Dtype.Size,
        });
        WriteTo(fs, header, data);
    }

    /// <summary>The array as it goes into the file, C- or F-contiguous (a view, else a C-order copy), and its header.</summary>
    private static NDArray Contiguous(NDArray arr, out byte[] header)
    {
        arr.ThrowIfDisposed();
        // Holding a view keeps the buffer alive even if another thread disposes the array meanwhile.
        using var held = arr.IsWeak ? arr.MaterializeStrong() : arr.SameView();
        bool fortran = !held.IsCContiguous && held.IsFContiguous;
        var data = held.IsCContiguous || fortran ? held.SameView() : held.copy("C");
        header = Header(data.Dtype.str, fortran, data.Dims);
        return data;
    }

    private static void WriteTo(Stream stream, byte[] header, NDArray data)
    {
        stream.Write(header);
        long nbytes = data.Size * data.Dtype.Size;
        nint start = data.DataPointer;
        for (long done = 0; done < nbytes;)
        {
            int n = (int)Math.Min(ChunkBytes, nbytes - done);
            stream.Write(NativeData.SpanAt<byte>(start + (nint)done, n));
            done += n;
        }
    }

    /// <summary>The magic, version, length and padded header dict, byte for byte as NumPy writes them.</summary>
    internal static byte[] Header(string descr, bool fortran, long[] shape)
    {
        var sb = new StringBuilder("{'descr': ").Append(PyRepr.Str(descr))
            .Append(", 'fortran_order': ").Append(fortran ? "True" : "False")
            .Append(", 'shape': ").Append(Err.Tuple(shape)).Append(", }");
        if (shape.Length > 0)
        {
            string growth = shape[fortran ? ^1 : 0].ToString(CultureInfo.InvariantCulture);
            sb.Append(' ', Math.Max(0, GrowthAxisMaxDigits - growth.Length));
        }
        byte[] text = Encoding.Latin1.GetBytes(sb.ToString());
        int hlen = text.Length + 1;
        // Version 1.0 has a 2-byte length; a header that does not fit needs 2.0 (never for the 14 dtypes and
        // at most 64 dimensions, but kept as NumPy decides it).
        bool v1 = (ArrayAlign - ((MagicLength + 2 + hlen) % ArrayAlign)) + hlen <= ushort.MaxValue;
        int lengthSize = v1 ? 2 : 4;
        int pad = ArrayAlign - ((MagicLength + lengthSize + hlen) % ArrayAlign);
        var result = new byte[MagicLength + lengthSize + hlen + pad];
        MagicPrefix.CopyTo(result, 0);
        result[6] = (byte)(v1 ? 1 : 2);
        result[7] = 0;
        if (v1) BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)(hlen + pad));
        else BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)(hlen + pad));
        text.CopyTo(result, MagicLength + lengthSize);
        result.AsSpan(MagicLength + lengthSize + text.Length, pad).Fill((byte)' ');
        result[^1] = (byte)'\n';
        return result;
    }

    internal static NDArray Read(Stream stream, string name, bool allowPickle, long maxHeaderSize)
    {
        ValueError Fail(string reason) => new(reason + " (file " + PyRepr.Str(name) + ")");

        Span<byte> magic = stackalloc byte[MagicLength];
        int got = ReadUpTo(stream, magic[..MagicPrefix.Length]);
        if (got == 0) throw Fail("No data left in file");
        var start = magic[..got];
        if (start.StartsWith("PK\x03\x04"u8) || start.StartsWith("PK\x05\x06"u8))
            throw Fail(name + " is an .npz archive: use np.loadz");
        if (!start.SequenceEqual(MagicPrefix))
        {
            // NumPy would try to unpickle anything that is not .npy or .npz; a pickle starts with PROTO (0x80).
            if (start[0] == 0x80)
                throw Fail(allowPickle ? "Numerics.Native never loads pickled data" : "Cannot load file containing pickled data when allow_pickle=False");
            throw Fail("the magic string is not correct; expected " + PyRepr.Bytes(MagicPrefix) + ", got " + PyRepr.Bytes(start));
        }
        got += ReadUpTo(stream, magic[got..]);
        if (got < MagicLength) throw Fail(Eof("magic string", MagicLength, got));

        int major = magic[6], minor = magic[7];
        if (minor != 0 || major is < 1 or > 3)
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"));

        Span<byte> lengthBytes = stackalloc byte[4];
        int lengthSize = major == 1 ? 2 : 4;
        got = ReadUpTo(stream, lengthBytes[..lengthSize]);
        if (got < lengthSize) throw Fail(Eof("array header length", lengthSize, got));
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);

        // A latin-1 header has one character per byte; UTF-8 (3.0) at most four bytes per character.
        long maxBytes = major == 3 ? (maxHeaderSize > long.MaxValue / 4 ? long.MaxValue : maxHeaderSize * 4) : maxHeaderSize;
        if (headerLength > maxBytes) throw Fail(HeaderTooLarge(headerLength));
        long remaining = Remaining(stream);
        if (headerLength > remaining) throw Fail(Eof("array header", headerLength, remaining));
        byte[] headerBytes = ReadBounded(stream, headerLength, out long headerGot);
        if (headerGot < headerLength) throw Fail(Eof("array header", headerLength, headerGot));

        string header;
        if (major == 3)
        {
            try { header = new UTF8Encoding(false, true).GetString(headerBytes); }
            catch (DecoderFallbackException) { throw Fail("the array header is not valid UTF-8"); }
        }
        else
        {
            header = Encoding.Latin1.GetString(headerBytes);
        }
        if (header.Length > maxHeaderSize) throw Fail(HeaderTooLarge(header.Length));

        object? literal;
        try { literal = NpyLiteralParser.Parse(header, allowLongSuffix: major <= 2); }
        catch (FormatException) { throw Fail("Cannot parse header: " + PyRepr.Str(header)); }

        var (dtype, fortran, shape) = Validate(literal, allowPickle, Fail);

        // A zero-length axis makes the array empty however large the other axes claim to be.
        long nbytes = 0;
        if (!shape.Contains(0))
        {
            nbytes = dtype.Size;
            foreach (long d in shape)
            {
                if (nbytes > long.MaxValue / d) throw Fail(Err.ArrayTooBig);
                nbytes *= d;
            }
        }

        remaining = Remaining(stream);
        if (nbytes > remaining) throw Fail(ShortData(stream, dtype, fortran, shape, nbytes, remaining));

        var arr = NDArray.Allocate(shape, dtype, fortran);
        try
        {
            if (nbytes > 0) ReadData(stream, arr, nbytes, dtype, fortran, shape, Fail);
            return arr;
        }
        catch
        {
            arr.Dispose();
            throw;
        }
    }

    private static (DType dtype, bool fortran, long[] shape) Validate(object? literal, bool allowPickle, Func<string, ValueError> fail)
    {
        if (literal is not PyDict d) throw fail("Header is not a dictionary: " + PyRepr.Literal(literal));
        bool keysOk = d.Entries.Count == 3 && d.TryGet("descr", out _) && d.TryGet("fortran_order", out _) && d.TryGet("shape", out _);
        if (!keysOk)
        {
            var keys = d.Entries.Select(e => e.Key).OrderBy(k => k is string ? 0 : 1).ThenBy(k => k as string, StringComparer.Ordinal).ToList();
            throw fail("Header does not contain the correct keys: " + PyRepr.Literal(keys));
        }
        d.TryGet("shape", out var shapeValue);
        d.TryGet("fortran_order", out var fortranValue);
        d.TryGet("descr", out var descrValue);

        // Python's bool is an int, so the header check accepts (True, 2); setting the array's shape then refuses it
        // (NumPy's integer converter rejects bools), below.
        if (shapeValue is not PyTuple shapeTuple || !shapeTuple.Items.All(x => x is BigInteger or bool))
            throw fail("shape is not valid: " + PyRepr.Literal(shapeValue));
        if (fortranValue is not bool fortran) throw fail("fortran_order is not a valid bool: " + PyRepr.Literal(fortranValue));

        var dtype = Descr(descrValue, allowPickle, fail);

        if (shapeTuple.Items.Count > NDArray.MaxDims)
            throw fail(string.Create(CultureInfo.InvariantCulture,
                $"maximum supported dimension for an ndarray is currently {NDArray.MaxDims}, found {shapeTuple.Items.Count}"));
        if (shapeTuple.Items.Any(x => x is bool)) throw new TypeError("an integer is required");
        var shape = new long[shapeTuple.Items.Count];
        bool overflow = false;
        for (int i = 0; i < shape.Length; i++)
        {
            var v = (BigInteger)shapeTuple.Items[i]!;
            if (v < 0) throw fail("negative dimensions are not allowed");
            if (v > long.MaxValue) overflow = true;
            else shape[i] = (long)v;
        }
        if (overflow) throw fail(Err.ArrayTooBig);
        return (dtype, fortran, shape);
    }

    private static DType Descr(object? descr, bool allowPickle, Func<string, ValueError> fail)
    {
        if (HasObject(descr))
            throw fail(allowPickle ? "Numerics.Native never loads pickled data" : "Object arrays cannot be loaded when allow_pickle=False");
        if (descr is not string s)
        {
            if (descr is List<object?> or PyTuple)
                throw fail("structured or subarray dtypes are not supported by Numerics.Native: " + PyRepr.Literal(descr));
            throw fail("descr is not a valid dtype descriptor: " + PyRepr.Literal(descr));
        }
        try
        {
            return DTypeParser.Parse(s);
        }
        catch (TypeError e) when (e.Message.Contains("not supported", StringComparison.Ordinal))
        {
            throw fail(e.Message);
        }
        catch (TypeError)
        {
            throw fail("descr is not a valid dtype descriptor: " + PyRepr.Str(s));
        }
    }

    /// <summary>Whether a descr (a string, or a structured field list) names Python objects anywhere.</summary>
    private static bool HasObject(object? descr) => descr switch
    {
        string s => s.TrimStart('<', '>', '|', '=') is "O" or "O4" or "O8" or "object" or "object_",
        PyTuple t => t.Items.Any(HasObject),
        List<object?> l => l.Any(HasObject),
        _ => false,
    };

    private static void ReadData(Stream stream, NDArray arr, long nbytes, DType dtype, bool fortran, long[] shape, Func<string, ValueError> fail)
    {
        int item = dtype.Size;
        int chunk = ChunkBytes / item * item;
        int part = dtype.IsComplex ? item / 2 : item;
        bool swap = dtype.IsSwapped;
        nint start = arr.DataPointer;
        for (long done = 0; done < nbytes;)
        {
            int want = (int)Math.Min(chunk, nbytes - done);
            var target = NativeData.SpanAt<byte>(start + (nint)done, want);
            int n = stream.ReadAtLeast(target, want, throwOnEndOfStream: false);
            if (n < want) throw fail(ShortData(stream, dtype, fortran, shape, nbytes, done + n));
            if (swap)
            {
                for (int i = 0; i < want; i += part) target.Slice(i, part).Reverse();
            }
            done += want;
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer) =>
        buffer.IsEmpty ? 0 : stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    /// <summary>Reads up to <paramref name="length"/> bytes, growing the buffer only as data actually arrives.</summary>
    private static byte[] ReadBounded(Stream stream, long length, out long got)
    {
        using var ms = new MemoryStream((int)Math.Min(length, ChunkBytes));
        var buf = new byte[(int)Math.Min(Math.Max(length, 1), ChunkBytes)];
        got = 0;
        while (got < length)
        {
            int want = (int)Math.Min(buf.Length, length - got);
            int n = stream.ReadAtLeast(buf.AsSpan(0, want), want, throwOnEndOfStream: false);
            ms.Write(buf, 0, n);
            got += n;
            if (n < want) break;
        }
        return ms.ToArray();
    }

    /// <summary>Bytes left in a seekable stream; unknown (long.MaxValue) for others, which are read incrementally.</summary>
    private static long Remaining(Stream stream)
    {
        if (!stream.CanSeek) return long.MaxValue;
        try { return Math.Max(0, stream.Length - stream.Position); }
        catch (NotSupportedException) { return long.MaxValue; }
    }

    /// <summary>
    /// The message for data shorter than the header declares. NumPy reads a real file with <c>np.fromfile</c>, which
    /// returns the whole items there are, and then fails setting the shape ("cannot reshape array of size 5 into
    /// shape (3,2)", the reversed shape for Fortran order); any other stream it reads chunk by chunk and reports EOF.
    /// </summary>
    private static string ShortData(Stream stream, DType dtype, bool fortran, long[] shape, long nbytes, long got)
    {
        if (stream is not FileStream) return Eof("array data", nbytes, got);
        var target = fortran ? shape.Reverse().ToArray() : shape;
        return Err.CannotReshape(got / dtype.Size, target).Message;
    }

    private static string Eof(string what, long expected, long got) =>
        string.Create(CultureInfo.InvariantCulture, $"EOF: reading {what}, expected {expected} bytes got {got}");

    private static string HeaderTooLarge(long length) =>
        string.Create(CultureInfo.InvariantCulture, $"Header info length ({length}) is large and may not be safe to load securely.\n") +
        "To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\n" +
        "For safety against large resource use or crashes, sandboxing may be necessary.";
}
