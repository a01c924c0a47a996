using System.Globalization;
using System.Runtime.InteropServices;
using Numerics.Native.Interop.Loading;

namespace Numerics.Native.Interop.Level3;

/// <summary>
/// The level-3 provider decision for this process. It is made in two steps:
/// <list type="number">
/// <item><see cref="Prepare"/>, while the kernel library loads (under the resolver's lock, before any BLAS call):
/// read NUMERICS_NATIVE_GEMM, open BLIS without initialising it, choose its sub-configuration for this CPU and write
/// BLIS_ARCH_TYPE; and decide whether BLIS can serve anything at all (if not, the kernel table keeps OpenBLAS's own
/// entry points and nothing here runs per call).</item>
/// <item><see cref="Active"/>, on the first gemm that could go to BLIS (or the first report): initialise BLIS, run
/// the self-check, and take the size split from the measured table, the calibration cache, or a calibration.</item>
/// </list>
/// </summary>
internal static unsafe class Level3Runtime
{
    internal const string ModeVariable = "NUMERICS_NATIVE_GEMM";
    internal const string FaultVariable = "NUMERICS_NATIVE_LEVEL3_FAULT";
    internal const string AcceptedModes = "auto, openblas, blis";

    internal sealed class State(RoutinePlan[] routines)
    {
        /// <summary>No routine waits for BLIS's activation.</summary>
        internal bool Active { get; } = !routines.Any(r => r.Pending);
        internal RoutinePlan[] Routines { get; } = routines;
    }

    private static readonly Lock Gate = new();
    private static volatile State? s_state;
    private static bool[] s_dispatch = new bool[Routine.Count];
    private static readonly nint[] OpenBlas = new nint[Routine.Count];
    private static nint s_openBlasSetThreads;
    private static BlisLibrary? s_blis;
    private static string? s_expectedArch;
    private static string s_calibrationKey = "";
    private static CrossoverDecision? s_decision;
    private static byte[] s_rntm = new byte[BlisLibrary.RntmSize];

    // Report facts.
    private static string s_mode = "auto", s_modeSource = "";
    private static string s_blisStatus = "", s_subconfig = "", s_subconfigWhy = "", s_selfCheck = "not run", s_split = "";
    private static string s_failure = "";

    /// <summary>The test hook's wrong kernel, if NUMERICS_NATIVE_LEVEL3_FAULT asked for one.</summary>
    internal static Fault InjectedFault { get; private set; }

    internal static ReadOnlySpan<byte> RntmTemplate => s_rntm;

    internal static string Mode => s_mode;

    /// <summary>The sub-configuration BLIS runs (after activation) or will run; empty when BLIS is not used.</summary>
    internal static string Subconfig => s_subconfig;

    internal static nint OpenBlasEntry(int t) => OpenBlas[t];

    /// <summary>Step 1; returns, per routine, whether the kernel table needs the dispatching entry point (BLIS may
    /// serve it); the others keep OpenBLAS's own function.</summary>
    /// <exception cref="NativeLibraryLoadException">NUMERICS_NATIVE_GEMM has a value other than auto, openblas, blis.</exception>
    internal static bool[] Prepare(Func<string, nint> cblasExport)
    {
        lock (Gate)
        {
            if (s_state is not null) return s_dispatch;
            for (int t = 0; t < Routine.Count; t++) OpenBlas[t] = cblasExport("cblas_" + Routine.Names[t]);
            s_openBlasSetThreads = cblasExport("openblas_set_num_threads");
            Level3Dispatch.BindBudget(
                NativeBackend.GetExport(NativeBackend.KernelsLibrary, "nk_threads_acquire"),
                NativeBackend.GetExport(NativeBackend.KernelsLibrary, "nk_threads_release"),
                NativeBackend.GetExport(NativeBackend.KernelsLibrary, "nk_get_num_threads"));
            ParseMode();
            InjectedFault = ParseFault();
            Decide();
            s_dispatch = [.. s_state!.Routines.Select(r => r.Pending)];
            return s_dispatch;
        }
    }

    private static void ParseMode()
    {
        string? raw = Libc.GetEnv(ModeVariable);
        string v = raw?.Trim().ToLowerInvariant() ?? "";
        s_mode = v switch
        {
            "" or "auto" => "auto",
            "openblas" => "openblas",
            "blis" => "blis",
            _ => throw new NativeLibraryLoadException(
                $"{ModeVariable}={raw} is not a level-3 provider setting; use one of: {AcceptedModes} (or leave it unset for auto)."),
        };
        s_modeSource = raw is null ? $"{ModeVariable} unset" : $"{ModeVariable}={raw}";
    }

    private static Fault ParseFault()
    {
        string? raw = Environment.GetEnvironmentVariable(FaultVariable);
        if (string.IsNullOrWhiteSpace(raw)) return default;
        string[] parts = raw.Split(':', 2, StringSplitOptions.TrimEntries);
        int routine = Routine.Parse(parts[0]);
        FaultKind kind = parts.Length == 2 && Enum.TryParse(parts[1], ignoreCase: true, out FaultKind k) ? k : FaultKind.None;
        return routine < 0 || kind == FaultKind.None ? default : new Fault(routine, kind);
    }

    /// <summary>Everything up to BLIS's initialisation; publishes the first <see cref="State"/>.</summary>
    private static void Decide()
    {
        if (s_mode == "openblas")
        {
            Final($"openblas ({s_modeSource})", $"not loaded ({s_modeSource})");
            return;
        }
        string backend = NativeBackend.Name;
        if (!backend.StartsWith("openblas", StringComparison.Ordinal))
        {
            if (s_mode == "auto")
            {
                Final($"{backend} (the backend; BLIS is weighed only beside OpenBLAS)", $"not loaded (backend is {backend})");
                return;
            }
        }
        CpuInfo cpu = CpuInfo.Current;
        BlisLibrary? blis = BlisLibrary.TryOpen(BlisLibrary.DefaultPath, out string why);
        if (blis is null)
        {
            Final("openblas (BLIS unavailable)", "not loaded: " + why);
            return;
        }
        s_blisStatus = $"{blis.Path}, BLIS {blis.Version}, arch_t has {blis.ArchNames.Length} entries";

        string? user = Libc.GetEnv("BLIS_ARCH_TYPE");
        BlisSubconfig? sub = null;
        string? expected = null;
        bool force = false;
        if (user is not null)
        {
            if (!int.TryParse(user, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) || id < 0 || id >= blis.ArchNames.Length)
            {
                Final("openblas (BLIS refused)", $"refused: BLIS_ARCH_TYPE={user} is not an arch_t index of BLIS {blis.Version} (0…{blis.ArchNames.Length - 1}); BLIS would abort");
                return;
            }
            string name = blis.ArchNames[id];
            sub = BlisSubconfigs.Find(name);
            if (sub is null || !cpu.Has(sub.Requires))
            {
                string missing = sub is null ? "an ISA this code does not know" : CpuInfo.Describe(sub.Requires & ~cpu.Features);
                Final("openblas (BLIS refused)", $"refused: BLIS_ARCH_TYPE={user} selects '{name}', which needs {missing}: not on this CPU (it would fault)");
                return;
            }
            if (BlisSubconfigs.KnowsRegistrations(blis.Version) && !BlisSubconfigs.IsRegistered(blis.Version, name))
            {
                Final("openblas (BLIS refused)", $"refused: BLIS_ARCH_TYPE={user} selects '{name}', which this BLIS build does not contain (it would abort)");
                return;
            }
            expected = name;
            s_subconfigWhy = $"BLIS_ARCH_TYPE={user}, set by the user";
        }
        else
        {
            BlisSubconfig? preferred = BlisSubconfigs.Preferred(cpu);
            if (preferred is not null && BlisSubconfigs.IsRegistered(blis.Version, preferred.Name) && blis.IndexOf(preferred.Name) >= 0)
            {
                sub = preferred;
                expected = preferred.Name;
                force = true;
                s_subconfigWhy = $"chosen for this CPU: it has {CpuInfo.Describe(preferred.Requires)} ({preferred.Isa})";
            }
            else if (s_mode == "blis")
            {
                s_subconfigWhy = preferred is null
                    ? "BLIS's own CPU detection (no tuned sub-configuration runs on this CPU)"
                    : $"BLIS's own CPU detection (which sub-configurations BLIS {blis.Version} registers is not known, so none is forced)";
            }
            else
            {
                Final("openblas (no tuned BLIS sub-configuration for this CPU)", s_blisStatus + "; not initialised: " + (preferred is null
                    ? "no tuned sub-configuration (AVX2/FMA3 or AVX-512) runs on this CPU"
                    : $"which sub-configurations BLIS {blis.Version} registers is not known, so none can be forced safely"));
                return;
            }
        }
        s_subconfig = expected ?? "";

        if (s_mode == "auto")
        {
            s_calibrationKey = Level3Calibration.Key(cpu, sub!.Name, blis, NativeBackend.Version, NativeBackend.CoreType, NativeBackend.BlasPath);
            s_decision = Level3Calibration.Lookup(cpu, sub.Name, blis, NativeBackend.Version, NativeBackend.CoreType, s_calibrationKey);
            if (s_decision is not null && s_decision.Windows.All(f => f is null))
            {
                s_split = $"{s_decision.Source}: {s_decision.Detail}";
                s_subconfigWhy += $" (arch_t {blis.IndexOf(sub.Name)}; not initialised: BLIS serves nothing here)";
                Final($"openblas (BLIS {sub.Name} not faster at any size: {s_decision.Source})", s_blisStatus + "; not initialised: not faster here");
                return;
            }
        }
        if (force)
        {
            // Before anything initialises BLIS; under the resolver's lock, so no native library reads the
            // environment concurrently. overwrite = 0 although it is unset: a value set meanwhile still wins.
            Libc.setenv("BLIS_ARCH_TYPE", blis.IndexOf(expected!).ToString(CultureInfo.InvariantCulture), 0);
            s_subconfigWhy += $"; BLIS_ARCH_TYPE={blis.IndexOf(expected!)} set before BLIS initialised";
        }
        s_blis = blis;
        s_expectedArch = expected;
        if (s_decision is not null) s_split = $"{s_decision.Source}: {s_decision.Detail}";
        // Routines the measured table or cache already gives to OpenBLAS at every size stay off BLIS entirely (raw
        // OpenBLAS entry point in the kernel table, no activation on their calls).
        s_state = new State([.. Enumerable.Range(0, Routine.Count).Select(t => s_decision is not null && s_decision.Windows[t] is null
            ? RoutinePlan.OpenBlasOnly(t, OpenBlas[t], $"openblas (BLIS {sub?.Name} not faster: {s_decision.Source})")
            : RoutinePlan.OpenBlasOnly(t, OpenBlas[t], "openblas (BLIS not yet initialised)", pending: true))]);
    }

    private static RoutinePlan[] Placeholder(string choice) =>
        [.. Enumerable.Range(0, Routine.Count).Select(t => RoutinePlan.OpenBlasOnly(t, OpenBlas[t], choice))];

    private static void Final(string choice, string blisStatus)
    {
        s_blisStatus = blisStatus;
        s_state = new State(Placeholder(choice));
    }

    /// <summary>The whole plan, with BLIS activated if any routine waits for it (reports, tests).</summary>
    internal static State Active()
    {
        State? s = s_state;
        if (s is { Active: true }) return s;
        return Activate();
    }

    /// <summary>The plan one call reads: activates BLIS only if this routine waits for it.</summary>
    internal static RoutinePlan Plan(int t)
    {
        State? s = s_state;
        if (s is null)
        {
            EnsurePrepared();
            s = s_state!;
        }
        RoutinePlan r = s.Routines[t];
        return r.Pending ? Activate().Routines[t] : r;
    }

    /// <summary>Makes sure <see cref="Prepare"/> ran (it runs while the kernel library loads).</summary>
    internal static void EnsurePrepared()
    {
        if (s_state is not null) return;
        NativeBackend.EnsureKernels();
        if (s_state is null) Prepare(s => NativeBackend.GetExport(NativeBackend.CblasLibrary, s));
    }

    private static State Activate()
    {
        EnsurePrepared();
        lock (Gate)
        {
            State s = s_state!;
            if (s.Active) return s;
            RoutinePlan[] plans;
            bool[] pending = [.. s.Routines.Select(r => r.Pending)];
            try
            {
                plans = BuildPlans(pending);
            }
#pragma warning disable CA1031 // a failure here must leave the process on OpenBLAS, with the reason in show_config
            catch (Exception e)
#pragma warning restore CA1031
            {
                s_failure = $"{e.GetType().Name}: {e.Message}";
                plans = Placeholder($"openblas (BLIS activation failed: {e.Message})");
            }
            // Routines that were never pending keep their final plan.
            for (int t = 0; t < Routine.Count; t++)
            {
                if (!pending[t]) plans[t] = s.Routines[t];
            }
            s = new State(plans);
            s_state = s;
            return s;
        }
    }

    /// <summary>Initialises BLIS, checks the pending routines and gives each its window.</summary>
    private static RoutinePlan[] BuildPlans(bool[] pending)
    {
        BlisLibrary blis = s_blis!;
        if (!blis.Initialize(s_expectedArch, out string why))
        {
            s_blisStatus += "; initialisation refused: " + why;
            return Placeholder("openblas (BLIS refused: " + why + ")");
        }
        s_subconfig = blis.ActiveArch;
        s_blisStatus += $"; running '{blis.ActiveArch}'";
        s_rntm = blis.RntmTemplate.ToArray();
        blis.SetGlobalThreads(NativeBackend.NumThreads);
        nint[] entries = [blis.Sgemm, blis.Dgemm, blis.Cgemm, blis.Zgemm];

        var passed = new bool[Routine.Count];
        var failures = new string?[Routine.Count];
        var counts = new int[Routine.Count];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int t = 0; t < Routine.Count; t++)
        {
            if (!pending[t]) continue;
            failures[t] = Level3SelfCheck.Run(t, OpenBlas[t], entries[t], OpenBlas[Routine.D], NativeBackend.NumThreads, out counts[t]);
            passed[t] = failures[t] is null;
        }
        int[] checkedRoutines = [.. Enumerable.Range(0, Routine.Count).Where(t => pending[t])];
        s_selfCheck = (checkedRoutines.All(t => passed[t]) ? "passed" : "FAILED") + string.Create(CultureInfo.InvariantCulture,
            $" against {NativeBackend.Name} in {clock.Elapsed.TotalMilliseconds:F0} ms: ") +
            string.Join("; ", checkedRoutines.Select(t =>
                $"{Routine.Names[t]} {(passed[t] ? "ok" : "rejected")} ({counts[t]} problems{(passed[t] ? "" : ": " + failures[t])})")) +
            (checkedRoutines.Length < Routine.Count ? " (the others never go to BLIS here, so they are not checked)" : "");

        string name = blis.ActiveArch;
        if (s_mode == "blis")
        {
            s_split = $"{s_modeSource}: BLIS for every size";
            return [.. Enumerable.Range(0, Routine.Count).Select(t => passed[t]
                ? new RoutinePlan(t, OpenBlas[t], entries[t], BlisWindow.Always, true, $"blis ({name}) for every size ({s_modeSource})")
                : RoutinePlan.OpenBlasOnly(t, OpenBlas[t], $"openblas (BLIS rejected by the self-check: {failures[t]})"))];
        }
        CrossoverDecision decision = s_decision ?? Level3Calibration.Calibrate(OpenBlas, entries, passed, s_openBlasSetThreads, NativeBackend.NumThreads, s_calibrationKey);
        s_decision = decision;
        s_split = $"{decision.Source}: {decision.Detail}";
        return [.. Enumerable.Range(0, Routine.Count).Select(t =>
        {
            if (!passed[t]) return RoutinePlan.OpenBlasOnly(t, OpenBlas[t], $"openblas (BLIS rejected by the self-check: {failures[t]})");
            if (decision.Windows[t] is not { } w) return RoutinePlan.OpenBlasOnly(t, OpenBlas[t], $"openblas (BLIS {name} not faster: {decision.Source})");
            string range = w.IsOpenEnded
                ? string.Create(CultureInfo.InvariantCulture, $"m·n·k ≥ {w.From} (n ≥ {Math.Round(Math.Cbrt(w.From))} square), openblas below")
                : string.Create(CultureInfo.InvariantCulture, $"{w.From} ≤ m·n·k < {w.Below} (n {Math.Round(Math.Cbrt(w.From))}…{Math.Round(Math.Cbrt(w.Below))} square), openblas elsewhere");
            return new RoutinePlan(t, OpenBlas[t], entries[t], w, false, string.Create(CultureInfo.InvariantCulture,
                $"blis ({name}) for {range}; with num_threads > 1 BLIS only where " +
                $"OpenBLAS would stay on one thread (m·n·k ≤ {Level3Dispatch.OpenBlasSerialMax}) or BLIS itself gets ≥ 2 threads; " +
                $"BLIS also takes calls OpenBLAS would thread while other callers hold the cores ({decision.Source})"));
        })];
    }

    internal static void RecordFailure(Exception e)
    {
        lock (Gate) s_failure = $"{e.GetType().Name}: {e.Message}";
    }

    internal static void OnNumThreadsChanged(int n)
    {
        // Only once BLIS is initialised: setting it earlier would initialise BLIS before BLIS_ARCH_TYPE is final.
        if (s_blis is { ActiveArchId: >= 0 } blis) blis.SetGlobalThreads(n);
    }

    /// <summary>The show_config lines (activates BLIS if it is in play, so the self-check result is real).</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Report()
    {
        State s = Active();
        CpuInfo cpu = CpuInfo.Current;
        var lines = new List<KeyValuePair<string, string>>
        {
            new("setting", $"{s_mode} ({s_modeSource}; accepted: {AcceptedModes})"),
            new("cpu", $"{cpu.Summary}; {(cpu.Has(CpuFeature.Avx512F) ? "AVX-512" : cpu.Has(CpuFeature.Avx2 | CpuFeature.Fma) ? "AVX2/FMA3, no AVX-512" : "no AVX2")}" +
                       (cpu.Hidden.Length > 0 ? $" (hidden by {CpuInfo.HideVariable}: {cpu.Hidden})" : "")),
            new("blis library", s_blisStatus),
            new("blis sub-configuration", s_subconfig.Length == 0 ? "none" : $"{s_subconfig} — {s_subconfigWhy}"),
            new("self-check", s_selfCheck),
            new("size split", s_split.Length == 0 ? "—" : s_split),
        };
        for (int t = 0; t < Routine.Count; t++) lines.Add(new(Routine.Names[t], s.Routines[t].Choice));
        lines.Add(new("blis threads", string.Create(CultureInfo.InvariantCulture,
            $"per call: min(num_threads, budget tokens, m·n·k·flops / {Level3Dispatch.FlopsPerBlisThread}); BLIS's global count follows num_threads")));
        if (InjectedFault.Kind != FaultKind.None)
        {
            lines.Add(new("test fault injected", $"{Routine.Names[InjectedFault.Routine]}: {InjectedFault.Kind} ({FaultVariable})"));
        }
        if (s_failure.Length > 0) lines.Add(new("failure", s_failure));
        return lines;
    }
}
