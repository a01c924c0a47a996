namespace Numerics.Native;

/// <summary>
/// The print options of each async flow. NumPy 2 keeps them in a <c>contextvars.ContextVar</c>; an
/// <see cref="AsyncLocal{T}"/> gives the same flow semantics: a change is seen by the current flow and flows it
/// starts, not by a caller after an async method returns.
/// </summary>
internal static class PrintOptionsState
{
    internal static readonly PrintOptions Default = new(8, 1000, 3, 75, false, "nan", "inf", "-", "maxprec");

    private static readonly AsyncLocal<PrintOptions?> Local = new();

    internal static PrintOptions Current => Local.Value ?? Default;

    internal static void Set(PrintOptions? options) => Local.Value = options;

    internal static PrintOptions? Raw => Local.Value;

    /// <summary>The options with the given values replaced, validated as NumPy's <c>_make_options_dict</c> does.</summary>
    internal static PrintOptions With(PrintOptions o, int? precision, long? threshold, int? edgeitems, int? linewidth,
                                      bool? suppress, string? nanstr, string? infstr, string? sign, string? floatmode)
    {
        if (floatmode is not null && floatmode is not ("fixed" or "unique" or "maxprec" or "maxprec_equal"))
            throw new ValueError("floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"");
        if (sign is not null && sign is not ("-" or "+" or " "))
            throw new ValueError("sign option must be one of ' ', '+', or '-'");
        // NumPy only notices these when printing; failing at the call that set them points at the mistake.
        if (precision < 0) throw new ValueError("precision must be >= 0");
        if (edgeitems < 0) throw new ValueError("edgeitems must be >= 0");
        return new PrintOptions(
            precision ?? o.precision,
            threshold ?? o.threshold,
            edgeitems ?? o.edgeitems,
            linewidth ?? o.linewidth,
            suppress ?? o.suppress,
            nanstr ?? o.nanstr,
            infstr ?? o.infstr,
            sign ?? o.sign,
            floatmode ?? o.floatmode);
    }
}
