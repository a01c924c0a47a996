using System.Globalization;

namespace Numerics.Native;

/// <summary>
/// The print options in effect for the current async flow (see <see cref="np.set_printoptions"/>).
/// NumPy: the dict returned by <c>np.get_printoptions()</c>.
/// </summary>
/// <param name="precision">Digits after the decimal point (at most, or exactly for floatmode "fixed").</param>
/// <param name="threshold">Arrays with more elements than this are summarised with "...".</param>
/// <param name="edgeitems">Items kept at each end of each axis when summarising.</param>
/// <param name="linewidth">Characters per line before wrapping.</param>
/// <param name="suppress">Always positional notation; tiny values print as zero.</param>
/// <param name="nanstr">Text for NaN.</param>
/// <param name="infstr">Text for infinity.</param>
/// <param name="sign">"-" (sign of negatives only), "+" (always a sign) or " " (a space for positives).</param>
/// <param name="floatmode">"fixed", "unique", "maxprec" or "maxprec_equal".</param>
public sealed record PrintOptions(int precision, long threshold, int edgeitems, int linewidth, bool suppress,
                                  string nanstr, string infstr, string sign, string floatmode)
{
    /// <summary>NumPy 2.2's <c>get_printoptions()</c> dict text, in its key order, with the options this library
    /// fixes (<c>formatter</c>, <c>legacy</c>, <c>override_repr</c>) at their only value.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        return "{'edgeitems': " + edgeitems.ToString(inv) +
               ", 'threshold': " + threshold.ToString(inv) +
               ", 'floatmode': " + PyRepr.Str(floatmode) +
               ", 'precision': " + precision.ToString(inv) +
               ", 'suppress': " + (suppress ? "True" : "False") +
               ", 'linewidth': " + linewidth.ToString(inv) +
               ", 'nanstr': " + PyRepr.Str(nanstr) +
               ", 'infstr': " + PyRepr.Str(infstr) +
               ", 'sign': " + PyRepr.Str(sign) +
               ", 'formatter': None, 'legacy': False, 'override_repr': None}";
    }
}
