using Numerics.Native.Interop;

namespace Numerics.Native;

public static partial class np
{
    public sealed partial class LinalgModule
    {
        /// <summary>
        /// Matrix or vector norm, NumPy's rules: with <paramref name="axis"/> null a 1-d input gets a vector norm, a
        /// 2-d one a matrix norm, and ord null flattens any input to the 2-norm; one axis is a vector norm, two a
        /// matrix norm. Vector orders: inf, -inf, 0, 1, 2 (null) or any p; matrix orders: "fro" (null), "nuc", 1, -1,
        /// 2, -2, inf, -inf. NumPy: <c>np.linalg.norm(x, ord=None, axis=None, keepdims=False)</c>.
        /// </summary>
        /// <param name="x">Input array (integers and bool are computed in float64).</param>
        /// <param name="ord">The order; null = NumPy's None.</param>
        /// <param name="axis">One axis (vector norms) or two (matrix norms); null = all, as above.</param>
        /// <param name="keepdims">Keep the reduced axes with length 1.</param>
        /// <exception cref="ValueError">"Invalid norm order '…' for vectors", "Invalid norm order for matrices.",
        /// "Improper number of dimensions to norm.", "Duplicate axes given.", or a max/min over an empty axis.</exception>
        /// <exception cref="AxisError">An axis is out of bounds.</exception>
        /// <exception cref="LinAlgError">"SVD did not converge" (orders 2, -2, "nuc").</exception>
        /// <exception cref="TypeError">float16 input with an SVD-based order.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray norm(NDArray x, Ord? ord = null, Axis? axis = null, bool keepdims = false)
        {
            LinalgCore.CheckLive(x, nameof(x));
            // Integers and bool are normed in float64 (NumPy's x.astype(float)). float16 2-norms round at each of NumPy's
            // calls (HalfTwoNorm); its other orders are computed in float32 and rounded once at the end, which is what
            // NumPy's float16 sums and max/min give (general orders p differ in the last bits: numpy-differences.md §9).
            bool half = x.Dtype.Code == DTypeCode.Float16;
            if (half && HalfTwoNorm(x, ord, axis, keepdims) is { } h) return h;
            var a = x.Dtype.IsInexact && !x.IsWeak && !half ? x
                : x.astype(half ? DType.Float32 : x.Dtype.IsInexact ? x.Dtype.NativeOrder : DType.Float64);
            try
            {
                var r = NormCore(a, ord, axis, keepdims, half);
                if (!half) return r;
                using (r) return r.astype(DType.Float16);
            }
            finally
            {
                LinalgCore.Release(a, x);
            }
        }

        // half: the input was float16 (x is its float32 copy); the SVD-based orders refuse it, as NumPy's svd does.
        private static NDArray NormCore(NDArray x, Ord? ord, Axis? axis, bool keepdims, bool half)
        {
            int nd = x.Dims.Length;
            if (axis is null)
            {
                bool fro = ord is { IsName: true } o && (o.Name is "f" or "fro");
                if (ord is null || (fro && nd == 2) || (ord is { IsName: false } p2 && p2.Value == 2 && nd == 1))
                {
                    var r = FlatTwoNorm(x);
                    if (!keepdims) return r;
                    using (r) return np.reshape(r, Enumerable.Repeat(1L, nd).ToArray());
                }
            }
            int[] axes;
            if (axis is null) axes = Enumerable.Range(0, nd).ToArray();
            else axes = axis.Value.ToArray();
            if (axes.Length == 1)
            {
                // NumPy rejects a named order before any reduction looks at the axis.
                if (ord is { IsName: true } named) throw new ValueError($"Invalid norm order '{named.Name}' for vectors");
                int ax = Layout.NormalizeAxis(axes[0], nd);
                double p = ord is null ? 2 : ord.Value.Value;
                return VectorNorm(x, ax, p, keepdims, half);
            }
            if (axes.Length == 2)
            {
                int row = Layout.NormalizeAxis(axes[0], nd), col = Layout.NormalizeAxis(axes[1], nd);
                if (row == col) throw new ValueError("Duplicate axes given.");
                var (kind, p) = MatrixOrd(ord);
                return MatrixNorm(x, row, col, kind, p, keepdims, half);
            }
            throw new ValueError("Improper number of dimensions to norm.");
        }

        /// <summary>
        /// float16 2-norms and Frobenius norms as NumPy computes them, each ufunc call rounding to half: the squares
        /// (which overflow above 256, "overflow encountered in multiply"), the float-accumulated sum, the square root.
        /// Computing in float32 and rounding once, as the other orders can, gave 300 for NumPy's inf at [300, 1].
        /// Null for the orders the float32 path gets right.
        /// </summary>
        private static NDArray? HalfTwoNorm(NDArray x, Ord? ord, Axis? axis, bool keepdims)
        {
            int nd = x.Dims.Length;
            bool fro = ord is { IsName: true } o && (o.Name is "f" or "fro");
            bool two = ord is null || ord is { IsName: false, Value: 2 };
            NDArray sums;
            long[] kept;
            if (axis is null && (ord is null || (fro && nd == 2) || (two && nd == 1)))
            {
                // NumPy: sqrt(x.ravel().dot(x.ravel())); the half dot sums float products in order and rounds once.
                using var flat = np.ravel(x);
                using var dot = np.vdot(flat, flat);
                sums = dot.astype(DType.Float32);
                kept = Enumerable.Repeat(1L, nd).ToArray();
            }
            else if (axis is { IsSingle: true } one && two)
            {
                int ax = Layout.NormalizeAxis(one.ToArray()[0], nd);
                using var v = np.moveaxis(x, ax, -1);
                sums = HalfSquareSums(v, 1);
                kept = (long[])x.Dims.Clone();
                kept[ax] = 1;
            }
            else if (axis?.ToArray() is { Length: 2 } pair && (fro || ord is null))
            {
                int row = Layout.NormalizeAxis(pair[0], nd), col = Layout.NormalizeAxis(pair[1], nd);
                if (row == col) return null;
                using var v = np.moveaxis(x, new[] { row, col }, new[] { -2, -1 });
                sums = HalfSquareSums(v, 2);
                kept = (long[])x.Dims.Clone();
                kept[row] = kept[col] = 1;
            }
            else
            {
                return null;
            }
            using (sums)
            {
                // The sum rounds to half, then NumPy's half sqrt: sqrtf of that value, rounded to half.
                var s = sums.AsSpan<float>();
                for (int i = 0; i < s.Length; i++) s[i] = MathF.Sqrt((float)(Half)s[i]);
                var r = sums.astype(DType.Float16);
                if (!keepdims) return r;
                using (r) return np.reshape(r, kept);
            }
        }

        /// <summary>The float32 sums of the half squares of <paramref name="v"/> over its last
        /// <paramref name="axes"/> axes (NumPy's add.reduce of the half temporary, in float accumulators).</summary>
        private static NDArray HalfSquareSums(NDArray v, int axes)
        {
            using var squares = LinalgCore.Multiply(v, v, DType.Float16, "multiply");
            using var wide = squares.astype(DType.Float32);
            long[] batch = wide.Dims.AsSpan(0, wide.Dims.Length - axes).ToArray();
            using var rows = np.reshape(wide, LinalgCore.Concat(batch, [LinalgCore.Product(wide.Dims.AsSpan(batch.Length))]));
            return VectorNorm(rows, rows.Dims.Length - 1, 1, keepdims: false, half: true);
        }

        /// <summary>NumPy's fast path: sqrt(x·x) of the raveled input through BLAS dot (real and imaginary parts
        /// separately for complex), so the rounding is NumPy's.</summary>
        private static NDArray FlatTwoNorm(NDArray x)
        {
            var rt = LinalgCore.RealOf(x.Dtype);
            using var flat = np.ravel(x);
            double sq;
            if (x.Dtype.IsComplex)
            {
                using var re = flat.real;
                using var im = flat.imag;
                using var rr = np.vdot(re, re);
                using var ii = np.vdot(im, im);
                sq = rt.Code == DTypeCode.Float32 ? (float)((float)rr + (float)ii) : (double)rr + (double)ii;
            }
            else
            {
                using var d = np.vdot(flat, flat);
                sq = (double)d;
            }
            var r = NDArray.Allocate([], rt);
            if (rt.Code == DTypeCode.Float32) NativeData.Write(r, 0, MathF.Sqrt((float)sq));
            else NativeData.Write(r, 0, Math.Sqrt(sq));
            return r;
        }

        private static NDArray VectorNorm(NDArray x, int axis, double p, bool keepdims, bool half)
        {
            var rt = LinalgCore.RealOf(x.Dtype);
            using var v = np.moveaxis(x, axis, -1);
            long len = v.Dims[^1];
            if (len == 0 && double.IsInfinity(p))
                throw new ValueError($"zero-size array to reduction operation {(p > 0 ? "maximum" : "minimum")} which has no identity");
            var batch = v.Dims.AsSpan(0, v.Dims.Length - 1).ToArray();
            var r = NDArray.Allocate((long[])batch.Clone(), rt);
            if (r.Size > 0)
            {
                LinalgNative.Linalg(nk_la_routine.NK_LA_NORM, x.Dtype.Code, 0, 1, len, (long)nk_la_norm.NK_LA_NORM_VECTOR, p, Batch(batch),
                    [LaOperand.Row(v, batch), LaOperand.Scalar(r, batch)], out int overflow);
                // NumPy: (x.conj() * x).real then add.reduce for 2; add.reduce(abs(x)) for 1; abs(x) **= p, add.reduce,
                // ret **= 1/p (a NumPy scalar's power when the result is 0-d) otherwise.
                // NumPy's in-place power of an array by 2.0 is its square ufunc.
                if (!half)
                    ReportOverflow(overflow, p == 2 ? "multiply" : "power",
                        p == 1 || p == 2 ? null : r.Dims.Length == 0 && !keepdims ? "scalar power" : 1 / p == 2 ? "square" : "power");
            }
            if (p < 0 && !double.IsInfinity(p)) NegativeOrderWarnings(v, r, p, scalar: r.Dims.Length == 0 && !keepdims);
            if (!keepdims) return r;
            var shape = (long[])x.Dims.Clone();
            shape[axis] = 1;
            using (r) return np.reshape(r, shape);
        }

        /// <summary>
        /// The RuntimeWarnings of NumPy's general vector order p &lt; 0: <c>abs(x) **= p</c> divides by zero at a zero
        /// element, and <c>ret **= 1/p</c> at a zero sum (an empty axis, or every |xᵢ|ᵖ inf). In-place powers of -1
        /// (p = -1, and 1/p = -1) take NumPy's reciprocal fast path, and a 0-d sum is a NumPy scalar, whose power
        /// names itself "scalar power".
        /// </summary>
        private static void NegativeOrderWarnings(NDArray v, NDArray r, double p, bool scalar)
        {
            using (var c = v.astype(DType.Complex128))
            {
                if (c.ToArray<System.Numerics.Complex>().Contains(System.Numerics.Complex.Zero))
                    FpeSink.Report($"divide by zero encountered in {(p == -1 ? "reciprocal" : "power")}");
            }
            using var d = r.astype(DType.Float64);
            if (d.ToArray<double>().Contains(double.PositiveInfinity))
                FpeSink.Report($"divide by zero encountered in {(scalar ? "scalar power" : p == -1 ? "reciprocal" : "power")}");
        }

        /// <summary>NumPy's "overflow encountered in …" for the calls of a norm that overflowed, in its order: the
        /// elementwise call (bit 1; bit 8 its invalid value, complex only), add.reduce (bit 2), the final power (bit 4);
        /// see nk_la_lapack.h norm_overflow.</summary>
        private static void ReportOverflow(int overflow, string elementwise, string? root)
        {
            if ((overflow & 1) != 0) FpeSink.Report($"overflow encountered in {elementwise}");
            if ((overflow & 8) != 0) FpeSink.Report($"invalid value encountered in {elementwise}");
            if ((overflow & 2) != 0) FpeSink.Report("overflow encountered in reduce");
            if ((overflow & 4) != 0 && root is not null) FpeSink.Report($"overflow encountered in {root}");
        }

        private static (nk_la_norm kind, double p) MatrixOrd(Ord? ord)
        {
            if (ord is null) return (nk_la_norm.NK_LA_NORM_FRO, 0);
            var o = ord.Value;
            if (o.IsName)
            {
                return o.Name switch
                {
                    "fro" or "f" => (nk_la_norm.NK_LA_NORM_FRO, 0),
                    "nuc" => (nk_la_norm.NK_LA_NORM_NUC, 0),
                    _ => throw new ValueError("Invalid norm order for matrices."),
                };
            }
            double p = o.Value;
            if (p is 1 or -1 or 2 or -2 || double.IsInfinity(p)) return (nk_la_norm.NK_LA_NORM_MATRIX, p);
            throw new ValueError("Invalid norm order for matrices.");
        }

        private static NDArray MatrixNorm(NDArray x, int row, int col, nk_la_norm kind, double p, bool keepdims, bool half)
        {
            var rt = LinalgCore.RealOf(x.Dtype);
            using var v = np.moveaxis(x, new[] { row, col }, new[] { -2, -1 });
            long m = v.Dims[^2], n = v.Dims[^1];
            bool svd = kind == nk_la_norm.NK_LA_NORM_NUC || (kind == nk_la_norm.NK_LA_NORM_MATRIX && Math.Abs(p) == 2);
            if (svd && half) throw LinalgText.Unsupported(DType.Float16);
            // The max/min of a reduction over an empty axis has no identity (NumPy's error), whichever order needs it.
            if (kind == nk_la_norm.NK_LA_NORM_MATRIX)
            {
                bool empty = Math.Abs(p) == 2 ? Math.Min(m, n) == 0 : (Math.Abs(p) == 1 ? n == 0 : m == 0);
                if (empty)
                    throw new ValueError($"zero-size array to reduction operation {(p > 0 ? "maximum" : "minimum")} which has no identity");
            }
            var batch = v.Dims.AsSpan(0, v.Dims.Length - 2).ToArray();
            var r = NDArray.Allocate((long[])batch.Clone(), rt);
            if (r.Size > 0)
            {
                LinalgNative.Linalg(nk_la_routine.NK_LA_NORM, x.Dtype.Code, 0, m, n, (long)kind, p, Batch(batch),
                    [LaOperand.Matrix(v, batch), LaOperand.Scalar(r, batch)], out int overflow);
                // NumPy: sqrt(add.reduce((x.conj() * x).real, axis)) for 'fro'; add.reduce(abs(x)).max/min for 1 and inf.
                if (!half) ReportOverflow(overflow, "multiply", null);
            }
            if (!keepdims) return r;
            var shape = (long[])x.Dims.Clone();
            shape[row] = 1;
            shape[col] = 1;
            using (r) return np.reshape(r, shape);
        }

        /// <summary>
        /// Matrix norm over the last two axes. NumPy 2: <c>np.linalg.matrix_norm(x, keepdims=False, ord='fro')</c>.
        /// </summary>
        /// <param name="x">At least 2-d input.</param>
        /// <param name="keepdims">Keep the two axes with length 1.</param>
        /// <param name="ord">"fro" (null), "nuc", 1, -1, 2, -2, inf, -inf.</param>
        /// <exception cref="ValueError">"Invalid norm order for matrices."; fewer than 2 dimensions.</exception>
        /// <exception cref="LinAlgError">"SVD did not converge".</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray matrix_norm(NDArray x, bool keepdims = false, Ord? ord = null)
        {
            LinalgCore.CheckLive(x, nameof(x));
            if (x.Dims.Length < 2) throw Err.AxisOutOfBounds(-2, x.Dims.Length);
            return norm(x, ord ?? (Ord)"fro", (-2, -1), keepdims);
        }

        /// <summary>
        /// Vector norm over one axis, several (flattened together) or all. NumPy 2:
        /// <c>np.linalg.vector_norm(x, axis=None, keepdims=False, ord=2)</c>.
        /// </summary>
        /// <param name="x">Input array.</param>
        /// <param name="axis">One or more axes; null = all.</param>
        /// <param name="keepdims">Keep the reduced axes with length 1.</param>
        /// <param name="ord">inf, -inf, 0, 1, 2 or any p.</param>
        /// <exception cref="AxisError">An axis is out of bounds.</exception>
        /// <exception cref="ValueError">Repeated axes, or a max/min over an empty axis.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray vector_norm(NDArray x, Axis? axis = null, bool keepdims = false, double ord = 2)
        {
            LinalgCore.CheckLive(x, nameof(x));
            var shape = (long[])x.Dims.Clone();
            NDArray v;
            if (axis is null)
            {
                v = np.ravel(x);
            }
            else if (axis.Value.IsSingle)
            {
                v = x.SameView();
            }
            else
            {
                var ax = Layout.NormalizeAxes(axis.Value.ToArray(), x.Dims.Length);
                var rest = Enumerable.Range(0, x.Dims.Length).Where(i => Array.IndexOf(ax, i) < 0).ToArray();
                // NumPy transposes with the axes as given (not normalised), then folds them into one leading axis.
                using var tr = np.transpose(x, [.. axis.Value.ToArray(), .. rest]);
                long lead = 1;
                foreach (var i in ax) lead *= x.Dims[i];
                v = np.reshape(tr, new long[] { lead }.Concat(rest.Select(i => x.Dims[i])).ToArray());
            }
            using (v)
            {
                int a = axis is { IsSingle: true } s ? s.ToArray()[0] : 0;
                var r = norm(v, ord, a);
                if (!keepdims) return r;
                var axes = axis is null ? Enumerable.Range(0, shape.Length).ToArray() : Layout.NormalizeAxes(axis.Value.ToArray(), shape.Length);
                foreach (var i in axes) shape[i] = 1;
                using (r) return np.reshape(r, shape);
            }
        }

        /// <summary>
        /// Condition number: with <paramref name="p"/> null, 2 or -2 the ratio of extreme singular values (any
        /// shape); otherwise norm(x, p) × norm(inv(x), p) of a square matrix. NaN results become inf unless x has NaN.
        /// NumPy: <c>np.linalg.cond(x, p=None)</c>.
        /// </summary>
        /// <param name="x">Matrix or stack.</param>
        /// <param name="p">null, 2, -2, 1, -1, inf, -inf, "fro" or "nuc".</param>
        /// <exception cref="LinAlgError">"cond is not defined on empty arrays"; fewer than 2 dimensions; not square
        /// (orders other than 2); "SVD did not converge".</exception>
        /// <exception cref="ValueError">"Invalid norm order for matrices."</exception>
        /// <exception cref="TypeError">float16 input.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray cond(NDArray x, Ord? p = null)
        {
            LinalgCore.CheckLive(x, nameof(x));
            if (x.Size == 0 && (x.Dims.Length < 2 ? x.Size : x.Dims[^1] * x.Dims[^2]) == 0)
                throw new LinAlgError("cond is not defined on empty arrays");
            var (kind, pv) = p is null ? (nk_la_norm.NK_LA_NORM_MATRIX, 2.0) : MatrixOrd(p);
            bool svd = kind == nk_la_norm.NK_LA_NORM_MATRIX && Math.Abs(pv) == 2;
            LinalgCore.AssertStacked2D(x);
            if (!svd) LinalgCore.AssertStackedSquare(x);
            var t = LinalgCore.CommonType(x);
            var batch = LinalgCore.BatchOf(x);
            var a = LinalgCore.Cast(x, t);
            try
            {
                var r = NDArray.Allocate((long[])batch.Clone(), LinalgCore.RealOf(t));
                if (r.Size > 0)
                {
                    LinalgNative.Linalg(nk_la_routine.NK_LA_COND, t.Code, 0, x.Dims[^2], x.Dims[^1], (long)kind, pv, Batch(batch),
                        [LaOperand.Matrix(a, batch), LaOperand.Scalar(r, batch)]);
                }
                if (svd || !t.IsComplex) return r;
                // NumPy casts the norm product to the input's (complex) result type on this path.
                using (r) return r.astype(t);
            }
            finally
            {
                LinalgCore.Release(a, x);
            }
        }
    }
}
