namespace Numerics.Native.Tests.Printing;

/// <summary>
/// np.set_printoptions / get_printoptions / printoptions (API.md "Configuration"): NumPy's defaults and dict text,
/// validation with NumPy's messages, scoped restore, and per-async-flow state (NumPy 2's contextvars).
/// </summary>
[TestFixture]
public class PrintOptionsTests
{
    [SetUp]
    public void ResetFlow() => PrintOptionsState.Set(null);

    [TearDown]
    public void Reset() => PrintOptionsState.Set(null);

    [Test]
    public void DefaultsAreNumPys()
    {
        var o = np.get_printoptions();
        Assert.Multiple(() =>
        {
            Assert.That(o, Is.EqualTo(new PrintOptions(8, 1000, 3, 75, false, "nan", "inf", "-", "maxprec")));
            Assert.That(o.ToString(), Is.EqualTo(
                "{'edgeitems': 3, 'threshold': 1000, 'floatmode': 'maxprec', 'precision': 8, 'suppress': False, " +
                "'linewidth': 75, 'nanstr': 'nan', 'infstr': 'inf', 'sign': '-', 'formatter': None, 'legacy': False, " +
                "'override_repr': None}"));
        });
    }

    [Test]
    public void DictTextQuotesLikePython()
    {
        using (np.printoptions(nanstr: "it's", infstr: "a\"b'c", sign: " "))
        {
            Assert.That(np.get_printoptions().ToString(), Does.Contain("'nanstr': \"it's\", 'infstr': 'a\"b\\'c', 'sign': ' '"));
        }
    }

    [Test]
    public void SetKeepsUnspecifiedOptions()
    {
        np.set_printoptions(precision: 3);
        np.set_printoptions(linewidth: 20);
        var o = np.get_printoptions();
        Assert.Multiple(() =>
        {
            Assert.That(o.precision, Is.EqualTo(3));
            Assert.That(o.linewidth, Is.EqualTo(20));
            Assert.That(o.threshold, Is.EqualTo(1000));
        });
        using var a = np.array(new[] { 1.0 / 3, 2.0 / 3 });
        Assert.That(a.ToString(), Is.EqualTo("[0.333 0.667]"));
    }

    [Test]
    public void ScopedOptionsAreRestored()
    {
        using var a = np.array(new[] { 1.0 / 3, 10.0 });
        np.set_printoptions(precision: 5);
        using (np.printoptions(precision: 2, suppress: true))
        {
            Assert.That(a.ToString(), Is.EqualTo("[ 0.33 10.  ]"));
            using (np.printoptions(floatmode: "fixed", precision: 1))
                Assert.That(a.ToString(), Is.EqualTo("[ 0.3 10.0]"));
            Assert.That(np.get_printoptions().precision, Is.EqualTo(2));
        }
        Assert.That(np.get_printoptions().precision, Is.EqualTo(5));
        Assert.That(a.ToString(), Is.EqualTo("[ 0.33333 10.     ]"));
    }

    [Test]
    public void OptionsFlowWithAsyncContext()
    {
        np.set_printoptions(precision: 4);
        int inner = -1;
        var t = Task.Run(() =>
        {
            // A started flow sees the caller's options; its own change stays in that flow.
            inner = np.get_printoptions().precision;
            np.set_printoptions(precision: 1);
        });
        t.Wait();
        Assert.Multiple(() =>
        {
            Assert.That(inner, Is.EqualTo(4));
            Assert.That(np.get_printoptions().precision, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task ConcurrentFlowsDoNotInterfere()
    {
        using var a = np.array(new[] { Math.PI });
        var tasks = Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
        {
            using (np.printoptions(precision: p))
            {
                await Task.Yield();
                for (int i = 0; i < 50; i++)
                {
                    string s = a.ToString();
                    string want = "[" + np.format_float_positional(Math.PI, precision: p, trim: ".") + "]";
                    if (s != want) return $"{p}: {s} != {want}";
                    await Task.Yield();
                }
            }
            return null;
        })).ToArray();
        var results = await Task.WhenAll(tasks);
        Assert.That(results.Where(r => r is not null), Is.Empty);
    }

    [Test]
    public void InvalidOptionsRaiseNumPysErrors()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ValueError>(() => np.set_printoptions(floatmode: "exact"))!.Message,
                Is.EqualTo("floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\""));
            Assert.That(Assert.Throws<ValueError>(() => np.set_printoptions(sign: "x"))!.Message,
                Is.EqualTo("sign option must be one of ' ', '+', or '-'"));
            Assert.That(Assert.Throws<ValueError>(() => np.set_printoptions(precision: -1))!.Message,
                Is.EqualTo("precision must be >= 0"));
            Assert.That(Assert.Throws<ValueError>(() => np.printoptions(edgeitems: -2))!.Message,
                Is.EqualTo("edgeitems must be >= 0"));
            Assert.That(Assert.Throws<ValueError>(() => np.array2string(np.array(new[] { 1.0 }), sign: "*"))!.Message,
                Is.EqualTo("sign option must be one of ' ', '+', or '-'"));
        });
        Assert.That(np.get_printoptions(), Is.EqualTo(PrintOptionsState.Default), "a failed call changes nothing");
    }

    [Test]
    public void UniqueModeIgnoresPrecision()
    {
        using var a = np.array(new[] { 0.1, 1.0 / 3 });
        using (np.printoptions(floatmode: "unique", precision: 2))
            Assert.That(np.repr(a), Is.EqualTo("array([0.1               , 0.3333333333333333])"));
    }
}
