using System.Buffers.Binary;
using System.Text;

namespace Numerics.Native.Tests.IO;

/// <summary>
/// DESIGN.md §7 "Hostile files": every malformed .npy input — bad magic, unsupported version, lying or oversized
/// header lengths, malformed literals, wrong keys, negative or overflowing shapes, truncated data, object dtypes,
/// pickles — raises <see cref="ValueError"/> naming the file and the reason, never another exception, a crash or an
/// allocation the file cannot back. A seeded fuzz run mutates valid files 100,000 times.
/// </summary>
[TestFixture]
public class NpyHostileTests
{
    /// <summary>A version-1.0 file with the given header text (padded like NumPy's) followed by <paramref name="data"/>.</summary>
    private static byte[] File1(string header, ReadOnlySpan<byte> data = default, int major = 1)
    {
        var text = Encoding.Latin1.GetBytes(header);
        int lengthSize = major == 1 ? 2 : 4;
        int hlen = text.Length + 1;
        int pad = 64 - ((8 + lengthSize + hlen) % 64);
        var b = new List<byte>(Encoding.Latin1.GetBytes("\x93NUMPY")) { (byte)major, 0 };
        var len = new byte[lengthSize];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)(hlen + pad));
        else BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)(hlen + pad));
        b.AddRange(len);
        b.AddRange(text);
        b.AddRange(Enumerable.Repeat((byte)' ', pad));
        b.Add((byte)'\n');
        b.AddRange(data.ToArray());
        return b.ToArray();
    }

    private static string Header(string descr, string fortran, string shape) =>
        "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";

    private static NDArray Load(byte[] bytes, bool allowPickle = false, long maxHeaderSize = 10000, bool seekable = true)
    {
        Stream s = seekable ? new NamedMemoryStream(bytes) : new NonSeekableStream(bytes);
        using (s) return np.load(s, allow_pickle: allowPickle, max_header_size: maxHeaderSize);
    }

    private static string Refused(byte[] bytes, bool allowPickle = false, long maxHeaderSize = 10000, bool seekable = true)
    {
        var ex = Assert.Throws<ValueError>(() => Load(bytes, allowPickle, maxHeaderSize, seekable).Dispose())!;
        Assert.That(ex.Message, Does.EndWith("(file '" + (seekable ? NamedMemoryStream.FileName : "<stream>") + "')"));
        return ex.Message;
    }

    private static IEnumerable<TestCaseData> BadHeaders()
    {
        TestCaseData C(string name, byte[] bytes, string message) => new TestCaseData(bytes, message).SetName("Refuses " + name);
        var data = new byte[24];
        yield return C("an empty file", [], "No data left in file");
        yield return C("bad magic", Encoding.Latin1.GetBytes("\x93NUMPX\x01\x00"),
            @"the magic string is not correct; expected b'\x93NUMPY', got b'\x93NUMPX'");
        yield return C("text", Encoding.Latin1.GetBytes("hello world"), "the magic string is not correct; expected b'\\x93NUMPY', got b'hello '");
        yield return C("a short file", Encoding.Latin1.GetBytes("\x93NU"), "the magic string is not correct");
        yield return C("a truncated magic", Encoding.Latin1.GetBytes("\x93NUMPY\x01"), "EOF: reading magic string, expected 8 bytes got 7");
        yield return C("version 4.0", Encoding.Latin1.GetBytes("\x93NUMPY\x04\x00\x10\x00"),
            "we only support format version (1,0), (2,0), and (3,0), not (4, 0)");
        yield return C("version 1.1", Encoding.Latin1.GetBytes("\x93NUMPY\x01\x01\x10\x00"), "not (1, 1)");
        yield return C("a missing header length", Encoding.Latin1.GetBytes("\x93NUMPY\x01\x00\x10"),
            "EOF: reading array header length, expected 2 bytes got 1");
        yield return C("a lying header length", Encoding.Latin1.GetBytes("\x93NUMPY\x01\x00\xff\x00{'descr'"),
            "EOF: reading array header, expected 255 bytes got 8");
        yield return C("a huge header length", Encoding.Latin1.GetBytes("\x93NUMPY\x02\x00\xf0\xff\xff\xff{}"),
            "Header info length (4294967280) is large and may not be safe to load securely.");
        yield return C("a pickle", [0x80, 0x04, 0x95, 0, 0, 0], "Cannot load file containing pickled data when allow_pickle=False");
        yield return C("a zip", Encoding.Latin1.GetBytes("PK\x03\x04rest"), "<stream> is an .npz archive: use np.loadz");
        yield return C("a list header", File1("[1, 2]"), "Header is not a dictionary: [1, 2]");
        yield return C("an unparsable header", File1("{'descr': '<f8', 'fortran_order': False, 'shape': (3,"),
            "Cannot parse header: \"{'descr': '<f8', 'fortran_order': False, 'shape': (3,");
        yield return C("an expression", File1("{'descr': '<f8', 'fortran_order': False, 'shape': (1+2,), }"), "Cannot parse header");
        yield return C("a call", File1("__import__('os').system('true')"), "Cannot parse header");
        yield return C("a bad hex literal", File1(Header("'<f8'", "False", "(0xg,)")), "Cannot parse header");
        yield return C("a NUL byte", File1("{'descr': '<f8',\0 'fortran_order': False, 'shape': (1,), }"), "Cannot parse header");
        yield return C("missing keys", File1("{'descr': '<f8', 'fortran_order': False}"),
            "Header does not contain the correct keys: ['descr', 'fortran_order']");
        yield return C("extra keys", File1("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}"),
            "Header does not contain the correct keys: ['descr', 'fortran_order', 'shape', 'x']");
        yield return C("a list shape", File1(Header("'<f8'", "False", "[3]"), data), "shape is not valid: [3]");
        yield return C("a float shape", File1(Header("'<f8'", "False", "(3.0,)"), data), "shape is not valid: (3.0,)");
        yield return C("a string shape", File1(Header("'<f8'", "False", "('3',)"), data), "shape is not valid: ('3',)");
        yield return C("an int fortran_order", File1(Header("'<f8'", "0", "(3,)"), data), "fortran_order is not a valid bool: 0");
        yield return C("an unknown descr", File1(Header("'xyz'", "False", "(3,)"), data), "descr is not a valid dtype descriptor: 'xyz'");
        yield return C("a numeric descr", File1(Header("8", "False", "(3,)"), data), "descr is not a valid dtype descriptor: 8");
        yield return C("a unicode descr", File1(Header("'<U5'", "False", "(3,)"), data), "data type '<U5' is not supported by Numerics.Native");
        yield return C("a longdouble descr", File1(Header("'<f16'", "False", "(1,)"), data), "is not supported by Numerics.Native");
        yield return C("a structured descr", File1(Header("[('x', '<f8')]", "False", "(3,)"), data),
            "structured or subarray dtypes are not supported by Numerics.Native: [('x', '<f8')]");
        yield return C("an object descr", File1(Header("'|O'", "False", "(3,)"), data), "Object arrays cannot be loaded when allow_pickle=False");
        yield return C("a structured object descr", File1(Header("[('x', '|O')]", "False", "(3,)"), data),
            "Object arrays cannot be loaded when allow_pickle=False");
        yield return C("a negative dimension", File1(Header("'<f8'", "False", "(-1,)"), data), "negative dimensions are not allowed");
        yield return C("a negative second dimension", File1(Header("'<f8'", "False", "(2, -3)"), data), "negative dimensions are not allowed");
        yield return C("an overflowing size", File1(Header("'<f8'", "False", "(1099511627776, 1099511627776)"), data),
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.");
        yield return C("an overflowing itemsize product", File1(Header("'<c16'", "False", "(1152921504606846976,)"), data),
            "array is too big");
        yield return C("a dimension beyond int64", File1(Header("'<f8'", "False", "(100000000000000000000,)"), data), "array is too big");
        yield return C("65 dimensions", File1(Header("'<f8'", "False", "(" + string.Join(", ", Enumerable.Repeat("1", 65)) + ")"), data),
            "maximum supported dimension for an ndarray is currently 64, found 65");
        yield return C("truncated data", File1(Header("'<f8'", "False", "(1000,)"), data),
            "EOF: reading array data, expected 8000 bytes got 24");
        yield return C("a huge array in a small file", File1(Header("'<f8'", "False", "(1000000000000,)"), data),
            "EOF: reading array data, expected 8000000000000 bytes got 24");
        yield return C("deep nesting", File1(new string('(', 4000) + new string(')', 4000)), "Cannot parse header");
        yield return C("a huge integer", File1(Header("'<f8'", "False", "(" + new string('9', 5000) + ",)")), "Cannot parse header");
        yield return C("a header over max_header_size", File1("{" + new string(' ', 10050) + "}"),
            "Header info length (10102) is large and may not be safe to load securely.");
        yield return C("invalid UTF-8 in a 3.0 header", File1("{'descr': '<f8\xff', 'fortran_order': False, 'shape': (1,), }", data, major: 3),
            "the array header is not valid UTF-8");
    }

    [TestCaseSource(nameof(BadHeaders))]
    public void Refuses(byte[] bytes, string message) => Assert.That(Refused(bytes), Does.Contain(message));

    /// <summary>
    /// Data shorter than the header declares, loaded from a path and from a memory stream, against live NumPy: for a
    /// real file NumPy's <c>np.fromfile</c> returns the whole items there are and setting the shape fails
    /// ("cannot reshape array of size 5 into shape (3,2)", reversed for Fortran order); for a BytesIO it reports EOF.
    /// </summary>
    [Test]
    public void TruncatedDataGivesNumPysMessageForFilesAndStreams()
    {
        if (!Indexing.NumPyOracle.Available()) Assert.Ignore("/usr/bin/python3 with NumPy is not available");
        var cases = new (string header, int dataBytes)[]
        {
            (Header("'<f8'", "False", "(3,)"), 20),
            (Header("'<f8'", "True", "(2, 3)"), 47),
            (Header("'<f8'", "False", "(2, 3)"), 0),
            (Header("'<f8'", "False", "()"), 0),
            (Header("'<c8'", "False", "()"), 7),
            (Header("'>i2'", "True", "(4, 1, 2)"), 9),
        };
        string dir = Path.Combine(Path.GetTempPath(), "nn-npy-trunc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var paths = new List<string>();
            for (int i = 0; i < cases.Length; i++)
            {
                string path = Path.Combine(dir, $"t{i}.npy");
                File.WriteAllBytes(path, File1(cases[i].header, new byte[cases[i].dataBytes]));
                paths.Add(path);
            }
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("""
                import io, sys, numpy as np
                for p in sys.argv[1:]:
                    for src in (p, io.BytesIO(open(p, 'rb').read())):
                        try:
                            np.load(src); print('loaded')
                        except Exception as e:
                            print(type(e).__name__ + ': ' + str(e))
                """);
            paths.ForEach(psi.ArgumentList.Add);
            using var py = System.Diagnostics.Process.Start(psi)!;
            var lines = py.StandardOutput.ReadToEnd().Split('\n');
            py.WaitForExit();
            for (int i = 0; i < cases.Length; i++)
            {
                var fromPath = Assert.Throws<ValueError>(() => np.load(paths[i]).Dispose())!;
                Assert.That("ValueError: " + fromPath.Message, Is.EqualTo(lines[2 * i] + " (file '" + paths[i] + "')"), cases[i].header);
                using var ms = new NamedMemoryStream(File.ReadAllBytes(paths[i]));
                var fromStream = Assert.Throws<ValueError>(() => np.load(ms).Dispose())!;
                Assert.That("ValueError: " + fromStream.Message, Is.EqualTo(lines[2 * i + 1] + " (file '<stream>')"), cases[i].header);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void RefusesPicklesEvenWhenAllowed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Refused([0x80, 0x04, 0x95], allowPickle: true), Does.StartWith("Numerics.Native never loads pickled data"));
            Assert.That(Refused(File1(Header("'|O'", "False", "(3,)"), new byte[24]), allowPickle: true),
                Does.StartWith("Numerics.Native never loads pickled data"));
        });
    }

    [Test]
    public void NonSeekableStreamsAreBoundedByTheirData()
    {
        // Without a length to check against, a lying size fails when the data runs out, not by allocating it.
        long before = MemoryCounters.InUse;
        var msg = Refused(File1(Header("'<f8'", "False", "(1000000,)"), new byte[100]), seekable: false);
        Assert.That(msg, Does.Contain("EOF: reading array data, expected 8000000 bytes got 100"));
        Assert.That(MemoryCounters.InUse, Is.EqualTo(before), "the partly read array was freed");
        msg = Refused(Encoding.Latin1.GetBytes("\x93NUMPY\x02\x00\x00\x00\x00\x10{'descr'"), maxHeaderSize: long.MaxValue, seekable: false);
        Assert.That(msg, Does.Contain("EOF: reading array header, expected 268435456 bytes got 8"));
    }

    [Test]
    public void MaxHeaderSizeCanBeRaised()
    {
        var bytes = File1("{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }" + new string(' ', 12000), [1, 0, 2, 0]);
        Assert.That(Refused(bytes), Does.Contain("Header info length"));
        using var a = Load(bytes, maxHeaderSize: 20000);
        Assert.That(a.ToArray<short>(), Is.EqualTo(new short[] { 1, 2 }));
    }

    [Test]
    public void AcceptsWhatPythonLiteralsAllow()
    {
        // Python 2 long suffixes (format 1.0/2.0), double quotes, other key orders, comments.
        short[] v = [7, 8, 9];
        var data = new byte[6];
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), v[i]);
        foreach (var h in new[]
                 {
                     "{'descr': '<i2', 'fortran_order': False, 'shape': (3L,), }",
                     "{\"shape\": (3,), \"fortran_order\": False, \"descr\": \"<i2\"}",
                     "{'descr': u'<i2', 'fortran_order': False, 'shape': ( 3 , ) } # comment",
                     "{'descr': 'i2', 'fortran_order': False, 'shape': (3,), 'shape': (3,)}",
                     "{'descr': '<i2', 'fortran_order': False, 'shape': (0x3,), }",
                     "{'descr': '<i2', 'fortran_order': False, 'shape': (0b1_1,), }",
                 })
        {
            using var a = Load(File1(h, data));
            Assert.That(a.ToArray<short>(), Is.EqualTo(v), h);
        }
        Assert.That(Refused(File1("{'descr': '<i2', 'fortran_order': False, 'shape': (3L,), }", data, major: 3)),
            Does.Contain("Cannot parse header"), "format 3.0 has no Python 2 headers");
    }

    [Test]
    public void BoolDimensionsPassTheHeaderCheckButNotTheShape()
    {
        // NumPy 1.24, file and BytesIO alike: the header check lets (True, 3) through (bool is an int), then setting
        // the array's shape raises TypeError "an integer is required".
        var data = new byte[6];
        foreach (var shape in new[] { "(True, 3)", "(False,)", "(3, True)" })
        {
            var bytes = File1($"{{'descr': '<i2', 'fortran_order': False, 'shape': {shape}, }}", data);
            Assert.That(() => Load(bytes), Throws.InstanceOf<TypeError>().With.Message.EqualTo("an integer is required"), shape);
        }
    }

    [Test]
    public void BigEndianDataIsSwapped()
    {
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(data, 1.5);
        BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8), -2.25);
        using var a = Load(File1(Header("'>f8'", "False", "(2,)"), data));
        Assert.Multiple(() =>
        {
            Assert.That(a.dtype.isnative, Is.True);
            Assert.That(a.ToArray<double>(), Is.EqualTo(new[] { 1.5, -2.25 }));
        });
    }

    [Test]
    public void FuzzedFilesFailCleanly()
    {
        // Seeded mutations of valid files: bit flips, byte overwrites, truncations, insertions and header edits.
        // Any outcome but a loaded array or a ValueError (a crash, IndexOutOfRange, Overflow, OutOfMemory…) fails.
        var seeds = new List<byte[]>();
        using (var scope = np.scope())
        {
            foreach (var a in new[]
                     {
                         np.arange(12.0).reshape(3, 4), np.asfortranarray(np.arange(6).reshape(2, 3)), (NDArray)np.array(true),
                         np.zeros(new long[] { 0, 3 }, np.complex64), np.arange(5, dtype: np.uint16),
                     })
            {
                using var ms = new MemoryStream();
                np.save(ms, a);
                seeds.Add(ms.ToArray());
            }
        }
        var rng = new Random(12345);
        int loaded = 0, refused = 0;
        for (int i = 0; i < 100_000; i++)
        {
            var b = Mutate(seeds[rng.Next(seeds.Count)], rng);
            try
            {
                using var a = Load(b, seekable: (i & 1) == 0);
                loaded++;
            }
            catch (ValueError)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} (seed 12345): {e.GetType().Name}: {e.Message}\nbytes: {Convert.ToHexString(b)}");
            }
        }
        Assert.That(loaded + refused, Is.EqualTo(100_000));
        Assert.That(refused, Is.GreaterThan(10_000), "the mutations reached the checks");
    }

    private const string HeaderChars = "0123456789(),-'{}:[]LeE. \n\\\"xTFN";

    private static byte[] Mutate(byte[] src, Random rng)
    {
        var b = new List<byte>(src);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            // Header bytes are where the parser lives, so most edits go there.
            int pos = rng.Next(100) < 80 ? rng.Next(Math.Min(b.Count, 128)) : rng.Next(b.Count);
            switch (rng.Next(6))
            {
                case 0: b[pos] ^= (byte)(1 << rng.Next(8)); break;
                case 1: b[pos] = (byte)rng.Next(256); break;
                case 2: b.RemoveRange(pos, b.Count - pos); break;
                case 3: b.Insert(pos, (byte)HeaderChars[rng.Next(HeaderChars.Length)]); break;
                case 4: b.RemoveAt(pos); break;
                default: b[pos] = (byte)HeaderChars[rng.Next(HeaderChars.Length)]; break;
            }
        }
        return b.ToArray();
    }

    private sealed class NamedMemoryStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        internal const string FileName = "<stream>";
    }

    /// <summary>A stream that cannot seek or report its length (a pipe, a socket, a decompressor).</summary>
    private sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
