namespace Numerics.Native;

public static partial class np
{
    /// <summary>
    /// <c>np.linalg</c>: solvers, decompositions, norms and the NumPy 2 array-API products. Not constructible by
    /// users. Float32, float64, complex64 and complex128 use the matching s/d/c/z LAPACK routine; bool and integer
    /// input is computed in float64; stacks <c>(..., M, N)</c> are looped natively in one call. NumPy:
    /// <c>numpy.linalg</c>.
    /// </summary>
    public sealed partial class LinalgModule
    {
        internal LinalgModule() { }

        /// <summary>Cross product of 3-element vectors along <paramref name="axis"/>. NumPy: <c>np.linalg.cross(x1, x2, axis=-1)</c>.</summary>
        /// <param name="x1">First operand.</param>
        /// <param name="x2">Second operand.</param>
        /// <param name="axis">The component axis of both operands and the result.</param>
        /// <exception cref="ValueError">A component axis is not of length 3.</exception>
        /// <exception cref="AxisError"><paramref name="axis"/> is out of bounds.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray cross(NDArray x1, NDArray x2, int axis = -1)
        {
            LinalgCore.CheckLive(x1, nameof(x1));
            LinalgCore.CheckLive(x2, nameof(x2));
            long l1 = AxisLength(x1, axis), l2 = AxisLength(x2, axis);
            if (l1 != 3 || l2 != 3)
                throw new ValueError($"Both input arrays must be (arrays of) 3-dimensional vectors, but they are {l1} and {l2} dimensional instead.");
            return np.cross(x1, x2, axis: axis);
        }

        private static long AxisLength(NDArray a, int axis)
        {
            int n = a.Dims.Length;
            if (axis < -n || axis >= n) throw new IndexError("tuple index out of range");
            return a.Dims[axis < 0 ? axis + n : axis];
        }

        /// <summary>Outer product of two 1-d arrays. NumPy: <c>np.linalg.outer(x1, x2)</c>.</summary>
        /// <param name="x1">First vector.</param>
        /// <param name="x2">Second vector.</param>
        /// <exception cref="ValueError">An operand is not 1-d.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray outer(NDArray x1, NDArray x2)
        {
            LinalgCore.CheckLive(x1, nameof(x1));
            LinalgCore.CheckLive(x2, nameof(x2));
            if (x1.Dims.Length != 1 || x2.Dims.Length != 1)
                throw new ValueError($"Input arrays must be one-dimensional, but they are x1.ndim={x1.Dims.Length} and x2.ndim={x2.Dims.Length}.");
            return np.outer(x1, x2);
        }

        /// <summary>The diagonal of the last two axes, as a read-only view. NumPy: <c>np.linalg.diagonal(x, offset=0)</c>.</summary>
        /// <param name="x">At least 2-d input.</param>
        /// <param name="offset">Diagonal offset.</param>
        /// <exception cref="ValueError">Fewer than 2 dimensions.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray diagonal(NDArray x, long offset = 0) => np.diagonal(x, offset, -2, -1);

        /// <summary>Sum of the diagonal of the last two axes. NumPy: <c>np.linalg.trace(x, offset=0, dtype=None)</c>.</summary>
        /// <param name="x">At least 2-d input.</param>
        /// <param name="offset">Diagonal offset.</param>
        /// <param name="dtype">Accumulator and result dtype.</param>
        /// <exception cref="ValueError">Fewer than 2 dimensions.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray trace(NDArray x, long offset = 0, DType? dtype = null) => np.trace(x, offset, -2, -1, dtype);

        /// <summary>Matrix product. NumPy: <c>np.linalg.matmul(x1, x2)</c>.</summary>
        /// <param name="x1">First operand.</param>
        /// <param name="x2">Second operand.</param>
        /// <exception cref="ValueError">As <see cref="np.matmul"/>.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray matmul(NDArray x1, NDArray x2) => np.matmul(x1, x2);

        /// <summary>Swaps the last two axes (a view). NumPy: <c>np.linalg.matrix_transpose(x)</c>.</summary>
        /// <param name="x">At least 2-d input.</param>
        /// <exception cref="ValueError">Fewer than 2 dimensions.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="x"/> was disposed.</exception>
        public NDArray matrix_transpose(NDArray x) => np.matrix_transpose(x);

        /// <summary>Vector dot product along an axis. NumPy: <c>np.linalg.vecdot(x1, x2, axis=-1)</c>.</summary>
        /// <param name="x1">First operand (conjugated).</param>
        /// <param name="x2">Second operand.</param>
        /// <param name="axis">The axis to sum over.</param>
        /// <exception cref="ValueError">As <see cref="np.vecdot"/>.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray vecdot(NDArray x1, NDArray x2, int axis = -1) => np.vecdot(x1, x2, axis);

        /// <summary>Tensor dot product over the last/first <paramref name="axes"/> axes. NumPy: <c>np.linalg.tensordot(x1, x2, axes=2)</c>.</summary>
        /// <param name="x1">First operand.</param>
        /// <param name="x2">Second operand.</param>
        /// <param name="axes">How many axes to sum over.</param>
        /// <exception cref="ValueError">"shape-mismatch for sum".</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray tensordot(NDArray x1, NDArray x2, int axes = 2) => np.tensordot(x1, x2, axes);

        /// <summary>
        /// A square matrix (or stack) to an integer power by repeated squaring; n = 0 gives the identity, n &lt; 0
        /// inverts first. Integer matrices stay integer for n ≥ 0. NumPy: <c>np.linalg.matrix_power(a, n)</c>.
        /// </summary>
        /// <param name="a">Square matrix or stack.</param>
        /// <param name="n">The exponent.</param>
        /// <exception cref="LinAlgError">Not square / fewer than 2 dimensions; "Singular matrix" for n &lt; 0.</exception>
        /// <exception cref="ObjectDisposedException"><paramref name="a"/> was disposed.</exception>
        public NDArray matrix_power(NDArray a, long n)
        {
            LinalgCore.CheckLive(a, nameof(a));
            LinalgCore.AssertStackedSquare(a);
            if (n == 0)
            {
                var r = NDArray.Allocate((long[])a.Dims.Clone(), a.Dtype.NativeOrder);
                using var eye = np.eye(a.Dims[^1], dtype: a.Dtype.NativeOrder);
                NativeOps.Copy(r, eye);
                return r;
            }
            // n < 0 inverts first; the inverse is ours to dispose unless it is the answer itself.
            NDArray baseM = n < 0 ? inv(a) : a;
            bool owned = n < 0;
            if (n < 0) n = n == long.MinValue ? long.MaxValue : -n;
            try
            {
                if (n == 1)
                {
                    if (!owned) return a.SameView();
                    owned = false;
                    return baseM;
                }
                if (n == 2) return np.matmul(baseM, baseM);
                if (n == 3)
                {
                    using var sq = np.matmul(baseM, baseM);
                    return np.matmul(sq, baseM);
                }
                // NumPy's binary decomposition: square z through the bits of n, multiply into the result on set bits.
                NDArray? z = null, result = null;
                try
                {
                    while (n > 0)
                    {
                        if (z is null)
                        {
                            z = baseM.SameView();
                        }
                        else
                        {
                            var z2 = np.matmul(z, z);
                            z.Dispose();
                            z = z2;
                        }
                        bool bit = (n & 1) != 0;
                        n >>= 1;
                        if (bit)
                        {
                            if (result is null)
                            {
                                result = z.SameView();
                            }
                            else
                            {
                                var r2 = np.matmul(result, z);
                                result.Dispose();
                                result = r2;
                            }
                        }
                    }
                    var done = result!;
                    result = null;
                    return done;
                }
                finally
                {
                    z?.Dispose();
                    result?.Dispose();
                }
            }
            finally
            {
                if (owned) baseM.Dispose();
            }
        }

        /// <summary>
        /// The product of two or more matrices in the cheapest order (optimal parenthesisation); a 1-d first or last
        /// operand is treated as a row or column vector and its axis removed. NumPy: <c>np.linalg.multi_dot(arrays)</c>.
        /// </summary>
        /// <param name="arrays">The operands: 1-d or 2-d first and last, 2-d in between.</param>
        /// <exception cref="ValueError">Fewer than two arrays ("Expecting at least two arrays."), or shapes not aligned.</exception>
        /// <exception cref="LinAlgError">An inner operand is not 2-d.</exception>
        /// <exception cref="ObjectDisposedException">An operand was disposed.</exception>
        public NDArray multi_dot(params NDArray[] arrays)
        {
            ArgumentNullException.ThrowIfNull(arrays);
            int n = arrays.Length;
            if (n < 2) throw new ValueError("Expecting at least two arrays.");
            if (n == 2) return np.dot(arrays[0], arrays[1]);
            foreach (var x in arrays) LinalgCore.CheckLive(x, nameof(arrays));
            int ndFirst = arrays[0].Dims.Length, ndLast = arrays[^1].Dims.Length;
            var ops = (NDArray[])arrays.Clone();
            var made = new List<NDArray>();
            try
            {
                if (ndFirst == 1)
                {
                    ops[0] = np.atleast_2d(ops[0]);
                    made.Add(ops[0]);
                }
                if (ndLast == 1)
                {
                    var row = np.atleast_2d(ops[^1]);
                    made.Add(row);
                    ops[^1] = row.T;
                    made.Add(ops[^1]);
                }
                foreach (var x in ops)
                    if (x.Dims.Length != 2) throw LinalgText.NotExactlyTwoD(x.Dims.Length);
                NDArray result = n == 3 ? DotThree(ops[0], ops[1], ops[2]) : ChainProduct(ops, ChainOrder(ops), 0, n - 1);
                if (ndFirst == 1 && ndLast == 1)
                {
                    using (result) return result[0, 0].copy();
                }
                if (ndFirst == 1 || ndLast == 1)
                {
                    using (result) return np.ravel(result);
                }
                return result;
            }
            finally
            {
                foreach (var x in made) x.Dispose();
            }
        }

        private static NDArray DotThree(NDArray a, NDArray b, NDArray c)
        {
            long a0 = a.Dims[0], a1b0 = a.Dims[1], b1c0 = c.Dims[0], c1 = c.Dims[1];
            // cost((AB)C) = a0*a1b0*b1c0 + a0*b1c0*c1 ; cost(A(BC)) = a1b0*b1c0*c1 + a0*a1b0*c1 (NumPy's integers)
            double cost1 = (double)a0 * b1c0 * (a1b0 + c1), cost2 = (double)a1b0 * c1 * (a0 + b1c0);
            if (cost1 < cost2)
            {
                using var ab = np.dot(a, b);
                return np.dot(ab, c);
            }
            using var bc = np.dot(b, c);
            return np.dot(a, bc);
        }

        private static int[,] ChainOrder(NDArray[] arrays)
        {
            int n = arrays.Length;
            var p = new double[n + 1];
            for (int i = 0; i < n; i++) p[i] = arrays[i].Dims[0];
            p[n] = arrays[^1].Dims[1];
            var m = new double[n, n];
            var s = new int[n, n];
            for (int l = 1; l < n; l++)
            {
                for (int i = 0; i < n - l; i++)
                {
                    int j = i + l;
                    m[i, j] = double.PositiveInfinity;
                    for (int k = i; k < j; k++)
                    {
                        double q = m[i, k] + m[k + 1, j] + p[i] * p[k + 1] * p[j + 1];
                        if (q < m[i, j])
                        {
                            m[i, j] = q;
                            s[i, j] = k;
                        }
                    }
                }
            }
            return s;
        }

        private static NDArray ChainProduct(NDArray[] arrays, int[,] order, int i, int j)
        {
            if (i == j) return arrays[i].SameView();
            using var left = ChainProduct(arrays, order, i, order[i, j]);
            using var right = ChainProduct(arrays, order, order[i, j] + 1, j);
            return np.dot(left, right);
        }
    }
}
