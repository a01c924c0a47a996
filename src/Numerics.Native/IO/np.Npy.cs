namespace Numerics.Native;

public static partial class np
{
    /// <summary>
    /// Writes an array to a .npy file (format 1.0, NumPy's header byte for byte; Fortran order kept for an
    /// F-contiguous array, any other layout written in C order). ".npy" is appended when missing.
    /// NumPy: <c>np.save(file, arr, allow_pickle)</c>.
    /// </summary>
    /// <param name="file">The path.</param>
    /// <param name="arr">The array.</param>
    /// <param name="allow_pickle">Accepted for NumPy compatibility; the 14 dtypes never need pickling.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static void save(string file, NDArray arr, bool allow_pickle = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        Live(arr);
        if (!file.EndsWith(".npy", StringComparison.Ordinal)) file += ".npy";
        NpyFormat.WriteFile(file, arr);
    }

    /// <summary>Writes an array in .npy format to a binary stream. NumPy: <c>np.save(fileobj, arr)</c>.</summary>
    /// <param name="file">A writable stream; it stays open.</param>
    /// <param name="arr">The array.</param>
    /// <param name="allow_pickle">Accepted for NumPy compatibility; the 14 dtypes never need pickling.</param>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public static void save(Stream file, NDArray arr, bool allow_pickle = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        Live(arr);
        NpyFormat.Write(file, arr);
    }

    /// <summary>
    /// Reads a .npy file (format 1.0, 2.0 or 3.0; the 14 dtypes in either byte order, C or Fortran order) into a
    /// new native-order array. The file is treated as untrusted: the header is parsed as a literal (never
    /// evaluated), and sizes are checked against the file before allocating. NumPy:
    /// <c>np.load(file, mmap_mode, allow_pickle, max_header_size=...)</c> for .npy files.
    /// </summary>
    /// <param name="file">The path.</param>
    /// <param name="mmap_mode">Must be null for now (memory mapping comes with <c>np.memmap</c>).</param>
    /// <param name="allow_pickle">Pickled data is never loaded: with true, object arrays and pickles raise
    /// "Numerics.Native never loads pickled data" instead of NumPy's allow_pickle message.</param>
    /// <param name="max_header_size">Largest header accepted, in characters (NumPy's default 10000).</param>
    /// <exception cref="ValueError">The file is not a valid .npy file of a supported dtype (truncated, bad magic,
    /// malformed or oversized header, negative or overflowing shape, object or structured dtype, pickle, .npz);
    /// the message names the file and the reason.</exception>
    /// <exception cref="NotSupportedException"><paramref name="mmap_mode"/> is not null.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NDArray load(string file, string? mmap_mode = null, bool allow_pickle = false, long max_header_size = 10000)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckMmap(mmap_mode);
        using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return NpyFormat.Read(fs, file, allow_pickle, max_header_size);
    }

    /// <summary>Reads one .npy array from a binary stream, leaving the stream after the array's data.
    /// NumPy: <c>np.load(fileobj)</c>.</summary>
    /// <param name="file">A readable stream; it stays open.</param>
    /// <param name="mmap_mode">Must be null.</param>
    /// <param name="allow_pickle">See <see cref="load(string, string?, bool, long)"/>.</param>
    /// <param name="max_header_size">Largest header accepted, in characters.</param>
    /// <exception cref="ValueError">The data is not a valid .npy array of a supported dtype.</exception>
    /// <exception cref="NotSupportedException"><paramref name="mmap_mode"/> is not null.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static NDArray load(Stream file, string? mmap_mode = null, bool allow_pickle = false, long max_header_size = 10000)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckMmap(mmap_mode);
        string name = file is FileStream f ? f.Name : "<stream>";
        return NpyFormat.Read(file, name, allow_pickle, max_header_size);
    }

    private static void CheckMmap(string? mmapMode)
    {
        if (mmapMode is not null)
            throw new NotSupportedException("mmap_mode is not available yet; it arrives with np.memmap. Load without it.");
    }
}
