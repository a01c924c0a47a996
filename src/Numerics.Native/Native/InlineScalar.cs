using System.Runtime.CompilerServices;

namespace Numerics.Native;

/// <summary>The 16 bytes a weak scalar keeps inside its <see cref="NDArray"/> object instead of native memory.</summary>
[InlineArray(16)]
internal struct InlineScalar
{
    private byte _b0;
}
