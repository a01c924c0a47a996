using System.Runtime.InteropServices;
using Numerics.Native.Interop;

namespace Numerics.Native.Tests.Interop;

/// <summary>
/// The strided N-d driver called through the generated bindings: proves the C# view of nk_iter/nk_operand/nk_loop
/// matches the C ABI on contiguous, strided, negative-stride and broadcast operands. Expected values are the
/// element-by-element definition (out[i,j] = a[i,j] op b[i,j]) evaluated in C#.
/// </summary>
[TestFixture]
public unsafe class ElementwiseBindingTests
{
    public enum Layout { Contiguous, Strided, Reversed, BroadcastRow, BroadcastScalar }

    private static readonly (int Op, Func<double, double, double> F)[] Ops =
    [
        ((int)nk_op.NK_OP_ADD, (a, b) => a + b),
        ((int)nk_op.NK_OP_SUBTRACT, (a, b) => a - b),
        ((int)nk_op.NK_OP_MULTIPLY, (a, b) => a * b),
        ((int)nk_op.NK_OP_DIVIDE, (a, b) => a / b),
    ];

    [Test]
    public void Float64_EveryOpLayoutAndShape(
        [Values(0, 1, 2, 3)] int opIndex,
        [Values] Layout layout,
        [Values(1, 7, 64, 1000)] int rows,
        [Values(1, 3, 17)] int cols)
    {
        var (op, f) = Ops[opIndex];
        const int itemsize = sizeof(double);
        // a is stored with room for every layout: 2*rows x 2*cols, walked according to the layout.
        int arows = 2 * rows, acols = 2 * cols;
        double[] a = new double[arows * acols], b = new double[acols], outv = new double[rows * cols];
        var rng = new Random(rows * 1000 + cols);
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() * 4 - 2;
        for (int i = 0; i < b.Length; i++) b[i] = rng.NextDouble() + 0.5;

        fixed (double* pa = a, pb = b, po = outv)
        {
            nk_iter it = default;
            it.ndim = 2;
            it.nin = 2;
            it.nout = 1;
            it.shape[0] = rows;
            it.shape[1] = cols;
            long aRow = acols * itemsize;
            // Pointers cannot be tuple elements, so the layout picks an element offset and two strides.
            (long aStart, long as0, long as1) = layout switch
            {
                Layout.Strided => (0L, 2 * aRow, 2L * itemsize),
                Layout.Reversed => ((long)(rows - 1) * acols + (cols - 1), -aRow, -(long)itemsize),
                _ => (0L, aRow, (long)itemsize),
            };
            byte* aData = (byte*)(pa + aStart);
            (long bs0, long bs1) = layout switch
            {
                Layout.BroadcastRow => (0L, (long)itemsize),
                Layout.BroadcastScalar => (0L, 0L),
                _ => (0L, (long)itemsize),
            };
            SetOperand(ref it.op[0], aData, as0, as1);
            SetOperand(ref it.op[1], (byte*)pb, bs0, bs1);
            SetOperand(ref it.op[2], (byte*)po, cols * itemsize, itemsize);
            it.op[2].flags = (int)nk_op_flags.NK_OP_OUT;

            sbyte* sig = stackalloc sbyte[3] { (sbyte)nk_dtype.NK_FLOAT64, (sbyte)nk_dtype.NK_FLOAT64, (sbyte)nk_dtype.NK_FLOAT64 };
            nk_loop* loop;
            nk_status st;
            NativeBackend.EnsureKernels();
            Assert.That(NumericsKernels.nk_loop_find(op, sig, 3, &loop, &st), Is.Zero);
            Assert.That(NumericsKernels.nk_elementwise(&it, loop, &st), Is.Zero, Marshal.PtrToStringUTF8((nint)NumericsKernels.nk_last_error()));

            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    double av = *(double*)(aData + i * as0 + j * as1);
                    double bv = *(double*)((byte*)pb + i * bs0 + j * bs1);
                    Assert.That(outv[i * cols + j], Is.EqualTo(f(av, bv)), $"[{i},{j}]");
                }
            }
        }
    }

    [Test]
    public void DivideByZero_ReportsFloatingPointFlags()
    {
        double[] a = [1, 0, -1], b = [0, 0, 0], o = new double[3];
        fixed (double* pa = a, pb = b, po = o)
        {
            nk_iter it = default;
            it.ndim = 1;
            it.nin = 2;
            it.nout = 1;
            it.shape[0] = 3;
            SetOperand(ref it.op[0], (byte*)pa, 8, 0);
            SetOperand(ref it.op[1], (byte*)pb, 8, 0);
            SetOperand(ref it.op[2], (byte*)po, 8, 0);
            sbyte* sig = stackalloc sbyte[3] { 11, 11, 11 };
            nk_loop* loop;
            nk_status st;
            NativeBackend.EnsureKernels();
            Assert.That(NumericsKernels.nk_loop_find((int)nk_op.NK_OP_DIVIDE, sig, 3, &loop, &st), Is.Zero);
            Assert.That(NumericsKernels.nk_elementwise(&it, loop, &st), Is.Zero);
            Assert.That(st.fpe & (int)nk_fpe.NK_FPE_DIVIDEBYZERO, Is.Not.Zero);
            Assert.That(st.fpe & (int)nk_fpe.NK_FPE_INVALID, Is.Not.Zero);
            Assert.That(o[0], Is.EqualTo(double.PositiveInfinity));
            Assert.That(double.IsNaN(o[1]));
            Assert.That(o[2], Is.EqualTo(double.NegativeInfinity));
        }
    }

    [Test]
    public void UnknownSignature_IsNoLoop()
    {
        sbyte* sig = stackalloc sbyte[3] { (sbyte)nk_dtype.NK_INT8, (sbyte)nk_dtype.NK_FLOAT64, (sbyte)nk_dtype.NK_FLOAT64 };
        nk_loop* loop;
        nk_status st;
        NativeBackend.EnsureKernels();
        Assert.That(NumericsKernels.nk_loop_find((int)nk_op.NK_OP_ADD, sig, 3, &loop, &st), Is.EqualTo((int)nk_code.NK_E_NO_LOOP));
    }

    private static void SetOperand(ref nk_operand op, byte* data, long s0, long s1)
    {
        op.data = data;
        op.strides[0] = s0;
        op.strides[1] = s1;
        op.dtype = (int)nk_dtype.NK_FLOAT64;
        op.flags = (int)nk_op_flags.NK_OP_IN;
    }
}
