using System.Text;
using Numerics.Native.Interop;

namespace Numerics.Native.ChildHost;

/// <summary>
/// HessenbergShifts against the backend's LAPACK: what LAPACK's own ilaenv answers for ?hseqr's shift count and
/// deflation window with and without the reduced count on this thread, and whether every other iparmq answer is
/// the backend's own. Asking ilaenv (not the kernel library) proves the backend's LAPACK reaches our iparmq_.
/// </summary>
public static unsafe class ShiftChecks
{
    private const int Ns = 15, Nw = 13;
    private static readonly int[] Orders = [100, 150, 200, 300, 450, 589, 590, 1000];

    public static void Run(Dictionary<string, object?> result)
    {
        NativeBackend.EnsureKernels();
        result["name"] = NativeBackend.Name;
        var ilaenv = (delegate* unmanaged<int*, byte*, byte*, int*, int*, int*, int*, nuint, nuint, int>)
            NativeBackend.GetExport(NativeBackend.LapackeLibrary, "ilaenv_");
        var own = (delegate* unmanaged<int*, byte*, byte*, int*, int*, int*, int*, nuint, nuint, int>)
            NativeBackend.GetExport(NativeBackend.LapackeLibrary, "iparmq_");
        if (ilaenv == null || own == null) throw new InvalidOperationException("the backend's LAPACK exports no ilaenv_/iparmq_");

        // Off: every question 12..17 for several routine names gives the backend's own answer.
        var mismatches = new List<string>();
        foreach (string name in new[] { "DHSEQR", "ZLAQR0", "DGGHD3", "DTGEXC", "SLAQR5" })
            foreach (int n in Orders)
                for (int ispec = 12; ispec <= 17; ispec++)
                {
                    int viaLapack = Ask(ilaenv, ispec, name, n), theirs = Ask(own, ispec, name, n);
                    if (viaLapack != theirs) mismatches.Add($"{name} n={n} ispec={ispec}: {viaLapack} vs {theirs}");
                }
        result["off_mismatches"] = string.Join("; ", mismatches);
        result["off_ns"] = Orders.ToDictionary(n => n.ToString(), n => Ask(ilaenv, Ns, "DHSEQR", n));

        using (HessenbergShifts.Fewer())
        {
            result["on_ns"] = Orders.ToDictionary(n => n.ToString(), n => Ask(ilaenv, Ns, "DHSEQR", n));
            result["on_nw"] = Orders.ToDictionary(n => n.ToString(), n => Ask(ilaenv, Nw, "DLAQR0", n));
            int other = 0;
            var t = new Thread(() => other = Ask(ilaenv, Ns, "DHSEQR", 300));
            t.Start();
            t.Join();
            result["other_thread_ns_300"] = other;
        }
        result["after_ns_300"] = Ask(ilaenv, Ns, "DHSEQR", 300);
    }

    private static int Ask(delegate* unmanaged<int*, byte*, byte*, int*, int*, int*, int*, nuint, nuint, int> f,
        int ispec, string name, int n)
    {
        byte[] nm = Encoding.ASCII.GetBytes(name), opts = Encoding.ASCII.GetBytes("SV");
        int one = 1, lwork = n;
        fixed (byte* pn = nm, po = opts)
            return f(&ispec, pn, po, &n, &one, &n, &lwork, (nuint)nm.Length, (nuint)opts.Length);
    }
}
