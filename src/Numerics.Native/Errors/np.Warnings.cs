namespace Numerics.Native;

public static partial class np
{
    /// <summary>Warning filters and output, process-wide. NumPy: Python's <c>warnings</c> module as NumPy uses it.</summary>
    public static readonly WarningsModule warnings = new();

    /// <summary>
    /// <c>np.warnings</c>: what happens to the library's warnings (<see cref="RuntimeWarning"/>,
    /// <see cref="ComplexWarning"/>, <see cref="RankWarning"/>, <see cref="DeprecationWarning"/>). By default each distinct category and message is
    /// written once to stderr as <c>RuntimeWarning: overflow encountered in det</c>. Not constructible by users.
    /// NumPy: Python's <c>warnings</c> module.
    /// </summary>
    public sealed class WarningsModule
    {
        internal WarningsModule() { }

        /// <summary>Receives each warning that passes the filters (outside <see cref="catch_warnings"/>); null, the
        /// default, writes "Category: message" lines to <see cref="Console.Error"/>. NumPy: <c>warnings.showwarning</c>.</summary>
        public Action<NumpyWarning>? handler
        {
            get => WarningSink.Handler;
            set => WarningSink.Handler = value;
        }

        /// <summary>Puts a filter in front of the others. Actions: "default" and "once" (the first occurrence of each
        /// distinct category + message), "always", "ignore", "error" (the warning is thrown), "module" (as "default").
        /// <paramref name="category"/>: "RuntimeWarning" (ComplexWarning included, as in Python), "ComplexWarning",
        /// "RankWarning", "UserWarning" (RankWarning included), "DeprecationWarning", "Warning" or null for all. Under "error" an array the
        /// warning call had already allocated is left to its scope or finalizer, as NumPy leaves it to the collector.
        /// NumPy: <c>warnings.simplefilter(action, category)</c>.</summary>
        /// <exception cref="AssertionError">An unknown action or category (Python's assertion texts).</exception>
        public void simplefilter(string action, string? category = null)
        {
            ArgumentNullException.ThrowIfNull(action);
            if (!WarningSink.Actions.Contains(action)) throw new AssertionError($"invalid action: '{action}'");
            if (category is not null && !WarningSink.IsCategory(category))
                throw new AssertionError("category must be a Warning subclass");
            WarningSink.AddFilter(action, category);
        }

        /// <summary>Removes every filter: each warning gets the "default" action again, and the record of what was
        /// shown is forgotten. NumPy: <c>warnings.resetwarnings()</c>.</summary>
        public void resetwarnings() => WarningSink.ClearFilters();

        /// <summary>Until the result is disposed, warnings that pass the filters are appended to
        /// <paramref name="log"/> instead of being reported, and filter changes are undone on dispose. Entering
        /// forgets which warnings were already shown, so the first occurrence inside is recorded. Process-wide, as in
        /// Python. NumPy: <c>with warnings.catch_warnings(record=True) as log:</c>.</summary>
        public IDisposable catch_warnings(out IReadOnlyList<NumpyWarning> log) => WarningSink.OpenLog(out log);
    }
}
