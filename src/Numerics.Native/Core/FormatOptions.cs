namespace Numerics.Native;

/// <summary>The print options the formatter reads (NumPy's defaults). np.set_printoptions (Printing/) supplies the
/// current flow's values through <see cref="ArrayText.Current"/>.</summary>
internal sealed record FormatOptions(
    int Precision = 8,
    long Threshold = 1000,
    int EdgeItems = 3,
    int LineWidth = 75,
    bool Suppress = false,
    string NanStr = "nan",
    string InfStr = "inf",
    string Sign = "-",
    string FloatMode = "maxprec");
