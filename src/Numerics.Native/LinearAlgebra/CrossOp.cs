using Numerics.Native.Interop;

namespace Numerics.Native;

/// <summary>np.cross (NumPy's numeric.cross): component axes moved last, stacks broadcast, one nk_linalg CROSS call.</summary>
internal static class CrossOp
{
    internal static NDArray Cross(NDArray a, NDArray b, int axisa, int axisb, int axisc, int? axis)
    {
        LinalgCore.CheckLive(a, nameof(a));
        LinalgCore.CheckLive(b, nameof(b));
        if (axis is int ax) axisa = axisb = axisc = ax;
        if (a.Dims.Length < 1 || b.Dims.Length < 1) throw new ValueError("At least one array has zero dimension");
        axisa = Layout.NormalizeAxis(axisa, a.Dims.Length, "axisa");
        axisb = Layout.NormalizeAxis(axisb, b.Dims.Length, "axisb");
        using var av = np.moveaxis(a, axisa, -1);
        using var bv = np.moveaxis(b, axisb, -1);
        long la = av.Dims[^1], lb = bv.Dims[^1];
        if (la is not (2 or 3) || lb is not (2 or 3))
            throw new ValueError("incompatible dimensions for cross product\n(dimension must be 2 or 3)");
        if (la == 2 || lb == 2)
            WarningSink.Report(new DeprecationWarning("Arrays of 2-dimensional vectors are deprecated. Use arrays of 3-dimensional vectors instead. (deprecated in NumPy 2.0)"));
        var batch = LinalgCore.Broadcast(av.Dims.AsSpan(0, av.Dims.Length - 1), bv.Dims.AsSpan(0, bv.Dims.Length - 1))
                    ?? throw BroadcastError(av.Dims[..^1], bv.Dims[..^1]);
        bool three = la == 3 || lb == 3;
        var shape = three ? LinalgCore.Concat(batch, [3]) : (long[])batch.Clone();
        if (three) axisc = Layout.NormalizeAxis(axisc, shape.Length, "axisc");
        DType dt = TypePromotion.Promote(a.IsWeak ? TypePromotion.DefaultFor(a.Weak) : a.Dtype,
            b.IsWeak ? TypePromotion.DefaultFor(b.Weak) : b.Dtype);
        if (dt.IsBool)
        {
            // NumPy computes with multiply and then subtract (3 x 3, 2 x 2) or negative (2 x 3, 3 x 2) on bools.
            throw (la == 3 && lb == 3) || (la == 2 && lb == 2)
                ? new TypeError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
                : new TypeError("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.");
        }
        var ca = LinalgCore.Cast(av, dt);
        var cb = LinalgCore.Cast(bv, dt);
        try
        {
            var r = NDArray.Allocate(shape, dt);
            if (r.Size > 0)
            {
                var ro = three ? LaOperand.Row(r, batch) : LaOperand.Scalar(r, batch);
                LinalgNative.Linalg(nk_la_routine.NK_LA_CROSS, dt.Code, 0, la, lb, 0, 0, batch.Length == 0 ? null : batch,
                    [LaOperand.Row(ca, batch), LaOperand.Row(cb, batch), ro], out int steps);
                if (steps != 0) ReportSteps(steps, la == 3 && lb == 3 ? Steps33 : la == 2 && lb == 2 ? Steps22 : StepsMixed);
            }
            if (!three || axisc == shape.Length - 1) return r;
            using (r) return np.moveaxis(r, -1, axisc);
        }
        finally
        {
            LinalgCore.Release(ca, av);
            LinalgCore.Release(cb, bv);
        }
    }

    // NumPy's cross is a sequence of multiply and subtract calls (numeric.py; negative raises nothing), each reporting
    // its own float flags: the native loop returns 2 bits per call (overflow, invalid), in this order.
    private static readonly string[] Steps33 = ["multiply", "multiply", "subtract", "multiply", "multiply", "subtract", "multiply", "multiply", "subtract"];
    private static readonly string[] Steps22 = ["multiply", "multiply", "subtract"];
    private static readonly string[] StepsMixed = ["multiply", "multiply", "multiply", "multiply", "subtract"];

    private static void ReportSteps(int steps, string[] names)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if ((steps >> (2 * i) & 1) != 0) FpeSink.Report($"overflow encountered in {names[i]}");
            if ((steps >> (2 * i) & 2) != 0) FpeSink.Report($"invalid value encountered in {names[i]}");
        }
    }

    /// <summary>NumPy's cross sizes its result with <c>np.broadcast(a[..., 0], b[..., 0])</c>, whose text names both.</summary>
    private static ValueError BroadcastError(long[] a, long[] b)
    {
        try
        {
            np.broadcast_shapes(new Shape(a), new Shape(b));
        }
        catch (ValueError e)
        {
            return e;
        }
        return Err.BroadcastMismatch([a, b]);
    }
}
