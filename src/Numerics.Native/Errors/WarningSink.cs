namespace Numerics.Native;

/// <summary>
/// Where the library reports NumPy warnings (ComplexWarning on complex→real casts, RuntimeWarning "invalid value
/// encountered in cast", "overflow encountered in det"), and the state behind <see cref="np.warnings"/>: the filters,
/// the handler, the record of what "default"/"once" already showed and the logs of open <c>catch_warnings</c>
/// scopes. Process-wide, as Python's warnings module is; one lock guards it all.
/// </summary>
internal static class WarningSink
{
    internal static readonly string[] Actions = ["default", "error", "ignore", "always", "module", "once"];

    private static readonly Lock Gate = new();
    // Newest first, as Python's simplefilter inserts at the front; no match means "default".
    private static List<(string Action, string? Category)> s_filters = [];
    private static readonly HashSet<(string Category, string Message)> Shown = [];
    private static readonly List<List<NumpyWarning>> Logs = [];
    private static Action<NumpyWarning>? s_handler;

    internal static Action<NumpyWarning>? Handler
    {
        get { lock (Gate) return s_handler; }
        set { lock (Gate) s_handler = value; }
    }

    /// <summary>Applies the first matching filter: "error" throws the warning; "ignore" drops it; "default",
    /// "module" and "once" pass the first occurrence of each category + message (Python's per-location record has no
    /// meaning here); "always" passes every one. A passing warning goes to the innermost open
    /// <c>catch_warnings</c> log, else to the handler, else to stderr as Python's "Category: message" line.</summary>
    internal static void Report(NumpyWarning w)
    {
        Action<NumpyWarning>? handler;
        lock (Gate)
        {
            string action = "default";
            foreach (var (a, c) in s_filters)
            {
                if (Matches(c, w.category)) { action = a; break; }
            }
            if (action == "error") throw w;
            if (action == "ignore") return;
            if (action != "always" && !Shown.Add((w.category, w.Message))) return;
            if (Logs.Count > 0) { Logs[^1].Add(w); return; }
            handler = s_handler;
        }
        if (handler is not null) handler(w);
        else Console.Error.WriteLine($"{w.category}: {w.Message}");
    }

    internal static void AddFilter(string action, string? category)
    {
        lock (Gate)
        {
            // Python's simplefilter moves an equal filter to the front instead of adding a second one.
            var f = (action, category);
            s_filters = [f, .. s_filters.Where(x => x != f)];
            // As Python's _filters_mutated: a changed filter list forgets what was shown.
            Shown.Clear();
        }
    }

    internal static void ClearFilters()
    {
        lock (Gate)
        {
            s_filters = [];
            Shown.Clear();
        }
    }

    /// <summary>Saves the filters and starts a log; disposing the result restores both (Python's catch_warnings).</summary>
    internal static IDisposable OpenLog(out IReadOnlyList<NumpyWarning> log)
    {
        var mine = new List<NumpyWarning>();
        List<(string, string?)> saved;
        lock (Gate)
        {
            saved = s_filters;
            Logs.Add(mine);
            Shown.Clear();
        }
        log = mine;
        return new LogScope(mine, saved);
    }

    private sealed class LogScope(List<NumpyWarning> log, List<(string, string?)> saved) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (Gate)
            {
                Logs.Remove(log);
                s_filters = saved;
                Shown.Clear();
            }
        }
    }

    /// <summary>Whether a filter for <paramref name="filter"/> (null: every warning) catches a warning of
    /// <paramref name="category"/>, with Python's class tree: ComplexWarning is a RuntimeWarning, RankWarning and
    /// the plain NumpyWarning are UserWarnings, all are Warnings.</summary>
    internal static bool Matches(string? filter, string category) =>
        filter is null or "Warning" || filter == category ||
        (filter == "RuntimeWarning" && category == "ComplexWarning") ||
        (filter == "UserWarning" && category == "RankWarning");

    internal static bool IsCategory(string name) =>
        name is "Warning" or "UserWarning" or "RuntimeWarning" or "ComplexWarning" or "RankWarning" or "DeprecationWarning";
}
