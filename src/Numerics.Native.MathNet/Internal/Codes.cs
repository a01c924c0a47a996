namespace Numerics.Native.MathNet.Internal;

/// <summary>CBLAS and LAPACKE enum values (the bindings keep them as int).</summary>
internal static class Codes
{
    public const int ColMajor = 102;
    public const int NoTrans = 111, Trans = 112, ConjTrans = 113;
    public const int Upper = 121, Lower = 122;
    public const int NonUnit = 131;
    public const int Left = 141;
}
