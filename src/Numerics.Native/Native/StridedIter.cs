namespace Numerics.Native;

/// <summary>
/// The iteration space of a 2-operand strided operation after NumPy's simplifications (DESIGN §4.1 step 4):
/// axes of extent 1 dropped, axes ordered by the first operand's memory order, and adjacent axes coalesced when
/// every operand allows it. The common contiguous case ends as one axis. Mirrors <c>nk_iter</c>, so the native
/// kernels can take it over unchanged.
/// </summary>
internal unsafe struct StridedIter
{
    internal int NDim;
    internal DimBuffer Shape;
    internal DimBuffer S0;
    internal DimBuffer S1;
    internal byte* P0;
    internal byte* P1;

    /// <summary>Builds the space of <paramref name="shape"/> with both operands' strides; false when it is empty.</summary>
    internal static bool Build(ReadOnlySpan<long> shape, ReadOnlySpan<long> s0, ReadOnlySpan<long> s1, byte* p0, byte* p1, out StridedIter it)
    {
        it = default;
        it.P0 = p0;
        it.P1 = p1;
        int n = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            long d = shape[i];
            if (d == 0) return false;
            if (d == 1) continue;
            it.Shape[n] = d;
            it.S0[n] = s0[i];
            it.S1[n] = s1[i];
            n++;
        }
        it.NDim = n;
        it.Sort();
        it.Coalesce();
        return true;
    }

    /// <summary>Orders axes so the first operand is walked in memory order (|stride| descending, stable).</summary>
    private void Sort()
    {
        for (int i = 1; i < NDim; i++)
        {
            long sh = Shape[i], a = S0[i], b = S1[i];
            long key = Math.Abs(a);
            int j = i - 1;
            while (j >= 0 && Math.Abs(S0[j]) < key)
            {
                Shape[j + 1] = Shape[j];
                S0[j + 1] = S0[j];
                S1[j + 1] = S1[j];
                j--;
            }
            Shape[j + 1] = sh;
            S0[j + 1] = a;
            S1[j + 1] = b;
        }
    }

    private void Coalesce()
    {
        if (NDim < 2) return;
        int w = 0;
        for (int r = 1; r < NDim; r++)
        {
            // Axis w (outer) merges with axis r (inner) when stepping w equals stepping the whole of r.
            if (S0[w] == S0[r] * Shape[r] && S1[w] == S1[r] * Shape[r])
            {
                Shape[w] *= Shape[r];
                S0[w] = S0[r];
                S1[w] = S1[r];
            }
            else
            {
                w++;
                Shape[w] = Shape[r];
                S0[w] = S0[r];
                S1[w] = S1[r];
            }
        }
        NDim = w + 1;
    }

    /// <summary>Calls <paramref name="inner"/> once per innermost run (for a 0-d space, once with n = 1).</summary>
    internal readonly void Run<TInner>(ref TInner inner) where TInner : struct, IInnerLoop
    {
        if (NDim == 0)
        {
            inner.Invoke(P0, 0, P1, 0, 1);
            return;
        }
        int last = NDim - 1;
        long n = Shape[last], s0 = S0[last], s1 = S1[last];
        if (NDim == 1)
        {
            inner.Invoke(P0, s0, P1, s1, n);
            return;
        }
        DimBuffer idx = default;
        byte* p0 = P0, p1 = P1;
        while (true)
        {
            inner.Invoke(p0, s0, p1, s1, n);
            int k = last - 1;
            while (true)
            {
                if (++idx[k] < Shape[k])
                {
                    p0 += S0[k];
                    p1 += S1[k];
                    break;
                }
                p0 -= S0[k] * (Shape[k] - 1);
                p1 -= S1[k] * (Shape[k] - 1);
                idx[k] = 0;
                if (--k < 0) return;
            }
        }
    }
}

/// <summary>A strided inner loop over two operands (NumPy's 1-d inner loop signature).</summary>
internal unsafe interface IInnerLoop
{
    void Invoke(byte* p0, long s0, byte* p1, long s1, long n);
}
