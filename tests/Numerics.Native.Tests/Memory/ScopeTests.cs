namespace Numerics.Native.Tests.Memory;

/// <summary>np.scope(): deterministic disposal per async flow (DESIGN §3.4, API.md "Scopes").</summary>
[TestFixture]
[NonParallelizable]
public class ScopeTests
{
    [Test]
    public void AScopeDisposesEveryArrayCreatedInsideIt()
    {
        long start = MemoryCounters.InUse;
        NDArray a, v, c;
        using (var s = np.scope())
        {
            a = np.arange(10);
            v = a[1..];
            c = np.concatenate(a, v);
            Assert.That(s.Count, Is.EqualTo(3));
        }
        Assert.That(a.IsDisposed && v.IsDisposed && c.IsDisposed, Is.True);
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
    }

    [Test]
    public void MoveToOuterScopeLetsAResultEscape()
    {
        NDArray kept;
        using (np.scope())
        {
            NDArray inner;
            using (np.scope())
            {
                inner = np.ones(3);
                kept = (inner[1..]).MoveToOuterScope();
            }
            Assert.That(inner.IsDisposed, Is.True);
            Assert.That(kept.IsDisposed, Is.False);
            Assert.That(kept.ToArray<double>(), Is.EqualTo(new double[] { 1, 1 }));
        }
        Assert.That(kept.IsDisposed, Is.True, "moved to the outer scope, which then ended");

        NDArray free;
        using (np.scope()) free = np.zeros(2).MoveToOuterScope();
        Assert.That(free.IsDisposed, Is.False, "no outer scope: unscoped");
        free.Dispose();
    }

    /// <summary>Arrays do not record their scope: MoveToOuterScope finds the holder by search, in the calling flow's
    /// scopes and then in every open one. An array from the middle of a scope, and one moved out by a flow that
    /// never saw the scope, both escape it, and the rest of the scope is still disposed.</summary>
    [Test]
    public void MoveToOuterScopeFindsTheHolderFromAnyFlow()
    {
        NDArray early, elsewhere;
        var others = new List<NDArray>();
        var scope = np.scope();
        early = np.arange(4);
        for (int i = 0; i < 200; i++) others.Add(np.zeros(1));
        elsewhere = np.ones(2);
        for (int i = 0; i < 200; i++) others.Add(np.zeros(1));
        Assert.That(early.MoveToOuterScope(), Is.SameAs(early));
        using (ExecutionContext.SuppressFlow())
            Task.Run(() => { Assert.That(NDScope.Current, Is.Null); elsewhere.MoveToOuterScope(); }).Wait();
        Assert.That(scope.Count, Is.EqualTo(400));
        scope.Dispose();
        Assert.That(early.IsDisposed || elsewhere.IsDisposed, Is.False);
        Assert.That(others.TrueForAll(a => a.IsDisposed), Is.True);
        Assert.That(early.ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2, 3 }));
        early.Dispose();
        elsewhere.Dispose();
        var unscoped = np.zeros(1);
        Assert.That(unscoped.MoveToOuterScope().IsDisposed, Is.False, "never scoped: nothing to search");
        unscoped.Dispose();
    }

    [Test]
    public void ExplicitlyDisposedArraysAreSkipped()
    {
        using var s = np.scope();
        var a = np.zeros(4);
        a.Dispose();
        Assert.That(s.Count, Is.Zero);
    }

    [Test]
    public void UnscopedArraysSurviveTheEnclosingScope()
    {
        NDArray cache;
        using (np.scope())
        {
            using (np.unscoped()) cache = np.arange(3);
            _ = np.arange(5);
        }
        Assert.That(cache.IsDisposed, Is.False);
        cache.Dispose();
    }

    [Test]
    public void DisposingAnOuterScopeDisposesInnerOnesFirst()
    {
        var outer = np.scope();
        var a = np.zeros(1);
        var inner = np.scope();
        var b = np.zeros(1);
        outer.Dispose();
        Assert.That(a.IsDisposed && b.IsDisposed, Is.True);
        inner.Dispose();
    }

    [Test]
    public async Task TheScopeFlowsAcrossAwaitAndIntoChildTasks()
    {
        NDArray a, b;
        using (np.scope())
        {
            a = np.zeros(3);
            await Task.Yield();
            b = await Task.Run(() => np.ones(3));
            Assert.That(a.IsDisposed || b.IsDisposed, Is.False);
        }
        Assert.That(a.IsDisposed && b.IsDisposed, Is.True);
    }

    [Test]
    public void ParallelTasksRegisterConcurrently()
    {
        long start = MemoryCounters.InUse;
        using (var s = np.scope())
        {
            Parallel.For(0, 8, _ => { for (int i = 0; i < 2000; i++) np.empty(4); });
            Assert.That(s.Count, Is.EqualTo(16000));
        }
        Assert.That(MemoryCounters.InUse, Is.EqualTo(start));
    }

    [Test]
    public void WeakScalarsAreNotRegistered()
    {
        using var s = np.scope();
        NDArray x = 5;
        NDArray y = 2.5;
        Assert.That(s.Count, Is.Zero);
        Assert.That((long)x, Is.EqualTo(5));
        Assert.That((double)y, Is.EqualTo(2.5));
    }
}
