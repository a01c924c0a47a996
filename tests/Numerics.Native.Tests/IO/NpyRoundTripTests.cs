namespace Numerics.Native.Tests.IO;

/// <summary>np.save / np.load round trips through files and streams for every dtype and layout, and the API's
/// conventions (".npy" appended, streams left open, mmap_mode not yet available, disposed arrays refused).</summary>
[TestFixture]
public class NpyRoundTripTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "nn-npy-rt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] DTypes =
    [
        "bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "float16", "float32", "float64", "complex64", "complex128",
    ];

    private static IEnumerable<TestCaseData> Layouts() =>
        from dt in DTypes
        from layout in new[] { "C", "F", "strided", "0-d", "empty", "3-d F" }
        select new TestCaseData(dt, layout).SetName($"Round trip {dt} {layout}");

    [TestCaseSource(nameof(Layouts))]
    public void RoundTrips(string dtype, string layout)
    {
        using var scope = np.scope();
        var src = np.arange(60).astype(np.dtype(dtype));
        var a = layout switch
        {
            "C" => src.reshape(6, 10),
            "F" => np.asfortranarray(src.reshape(6, 10)),
            "strided" => src.reshape(6, 10)["1::2, ::-3"],
            "0-d" => src[7],
            "empty" => src.reshape(6, 10)[..0],
            _ => np.asfortranarray(src.reshape(3, 4, 5)),
        };
        string path = Path.Combine(_dir, "x.npy");
        np.save(path, a);
        var b = np.load(path);
        bool fortran = a.flags.f_contiguous && !a.flags.c_contiguous;
        Assert.Multiple(() =>
        {
            Assert.That(b.dtype, Is.EqualTo(a.dtype));
            Assert.That(b.shape, Is.EqualTo(a.shape));
            Assert.That(b.tobytes(), Is.EqualTo(a.tobytes()));
            Assert.That(b.flags.f_contiguous && !b.flags.c_contiguous, Is.EqualTo(fortran));
            Assert.That(np.repr(b), Is.EqualTo(np.repr(a)));
        });
    }

    [Test]
    public void SaveAppendsTheExtensionAsNumPyDoes()
    {
        using var a = np.arange(3);
        np.save(Path.Combine(_dir, "data"), a);
        np.save(Path.Combine(_dir, "other.npy"), a);
        np.save(Path.Combine(_dir, "archive.bin"), a);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(_dir, "data.npy")), Is.True);
            Assert.That(File.Exists(Path.Combine(_dir, "other.npy")), Is.True);
            Assert.That(File.Exists(Path.Combine(_dir, "archive.bin.npy")), Is.True);
        });
    }

    /// <summary>The path overload reserves the file's length before writing (fallocate, as NumPy's tofile): the file
    /// must still hold exactly what the stream overload writes, also when it replaces a longer file.</summary>
    [Test]
    public void SavingOverALongerFileLeavesExactlyTheNewBytes()
    {
        using var scope = np.scope();
        string path = Path.Combine(_dir, "x.npy");
        np.save(path, np.arange(100_000.0));
        var small = np.arange(7).reshape(7, 1)["::2"];
        np.save(path, small);
        using var expected = new MemoryStream();
        np.save(expected, small);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.EqualTo(expected.ToArray()));
            Assert.That(bytes, Has.Length.EqualTo(128 + 4 * 8));
            Assert.That(np.load(path).tobytes(), Is.EqualTo(small.tobytes()));
        });
    }

    [Test]
    public void StreamsHoldSeveralArraysAndStayOpen()
    {
        using var scope = np.scope();
        using var ms = new MemoryStream();
        np.save(ms, np.arange(5));
        np.save(ms, np.array(new[] { 1.5f, -2f }));
        Assert.That(ms.CanWrite, Is.True);
        ms.Position = 0;
        var a = np.load(ms);
        var b = np.load(ms);
        Assert.Multiple(() =>
        {
            Assert.That(a.ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
            Assert.That(b.ToArray<float>(), Is.EqualTo(new[] { 1.5f, -2f }));
            Assert.That(ms.Position, Is.EqualTo(ms.Length));
        });
    }

    [Test]
    public void HeaderIsNumPysByteForByte()
    {
        using var ms = new MemoryStream();
        using var a = np.zeros(new long[] { 2, 3 }, np.float32);
        np.save(ms, a);
        var bytes = ms.ToArray();
        string header = System.Text.Encoding.Latin1.GetString(bytes, 10, bytes[8] | bytes[9] << 8);
        Assert.Multiple(() =>
        {
            Assert.That(bytes[..8], Is.EqualTo(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }));
            Assert.That(header, Is.EqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + new string(' ', 58) + "\n"));
            Assert.That(bytes.Length, Is.EqualTo(128 + 24));
        });
    }

    [Test]
    public void WeakScalarsSaveAsZeroDimensional()
    {
        np.save(Path.Combine(_dir, "s.npy"), 7L);
        using var b = np.load(Path.Combine(_dir, "s.npy"));
        Assert.Multiple(() =>
        {
            Assert.That(b.ndim, Is.EqualTo(0));
            Assert.That(b.dtype, Is.EqualTo(np.int64));
            Assert.That(b.item<long>(), Is.EqualTo(7));
        });
    }

    [Test]
    public void LoadedArraysBelongToTheScope()
    {
        using (var a = np.arange(4)) np.save(Path.Combine(_dir, "a.npy"), a);
        NDArray b;
        using (var scope = np.scope())
        {
            b = np.load(Path.Combine(_dir, "a.npy"));
            Assert.That(scope.Count, Is.EqualTo(1));
        }
        Assert.That(b.IsDisposed, Is.True);
    }

    [Test]
    public void UnsupportedRequestsFailClearly()
    {
        var a = np.arange(3);
        np.save(Path.Combine(_dir, "a.npy"), a);
        a.Dispose();
        Assert.Multiple(() =>
        {
            Assert.Throws<NotSupportedException>(() => np.load(Path.Combine(_dir, "a.npy"), mmap_mode: "r"));
            Assert.Throws<ObjectDisposedException>(() => np.save(Path.Combine(_dir, "b.npy"), a));
            Assert.Throws<FileNotFoundException>(() => np.load(Path.Combine(_dir, "missing.npy")));
        });
    }
}
