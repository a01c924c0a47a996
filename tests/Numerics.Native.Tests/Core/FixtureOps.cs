using System.Text.Json.Nodes;

namespace Numerics.Native.Tests.Core;

/// <summary>The C# side of every operation named in core.py: the same call through this library's API.</summary>
internal static class FixtureOps
{
    private static readonly string[] Dtypes =
        ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16", "float32", "float64", "complex64", "complex128"];

    internal static object? Run(string op, Call c) => op switch
    {
        "dtype_info" => DTypeInfo(c.S(0)),
        "promote_row" => Dtypes.Select(u => (object)np.promote_types(c.S(0), u)).ToList(),
        "can_cast_row" => Dtypes.Select(u => (object)np.can_cast(np.dtype(c.S(0)), u, c.S(1))).ToList(),
        "result_type3_row" => Dtypes.Select(u => (object)np.result_type(c.S(0), c.S(1), u)).ToList(),
        "result_type_seq" => np.result_type(c.Raw(0)!.AsArray().Select(t => ResultTypeOperand(t!.GetValue<string>())).ToArray()),
        "dtype_supported" => DTypeSupported(c.S(0)),
        "astype_warnings" => CastWarnings(c.A(0), c.S(1)),
        "copyto_scalar" => Mutate(np.zeros(2, c.S(0)), z => np.copyto(z, c.A(1), casting: c.S(2))),
        "copyto_0d" => Mutate(np.zeros(2, c.S(1)), z => np.copyto(z, c.A(0), casting: c.S(2))),
        "astype" => c.A(0).astype(c.S(1)),
        "astype_order" => op == "astype_order" && c.Raw(0) is JsonObject o && o["$a"]!["view"] is null
            ? c.A(0).T.astype(c.S(1), order: c.S(2)) : c.A(0).astype(c.S(1), order: c.S(2)),
        "astype_casting" => c.A(0).astype(c.S(1), casting: c.S(2)),
        "zeros" => np.zeros(c.Shp(0), c.S(1)),
        "ones" => np.ones(c.Shp(0), c.S(1)),
        "zeros_F" => np.zeros(c.Shp(0), order: "F"),
        "empty_meta" => Meta(np.empty(c.Shp(0), "int16")),
        "full" => np.full(c.Shp(0), c.A(1), c.IsNull(2) ? null : np.dtype(c.S(2))),
        "zeros_like" => np.zeros_like(c.A(0), order: c.S(1)),
        "ones_like" => np.ones_like(c.A(0), "int8", order: c.S(1)),
        "full_like" => np.full_like(c.A(0), 5, order: c.S(1)),
        "empty_like_meta" => Meta(np.empty_like(c.A(0), order: c.S(1))),
        "zeros_like_shape" => np.zeros_like(c.A(0), shape: c.Shp(1)),
        "arange_int" => c.Longs(0).Length switch
        {
            _ when c.Raw(1) is null => np.arange(c.L(0)),
            _ when c.Raw(2) is null => np.arange(c.L(0), c.L(1)),
            _ => np.arange(c.L(0), c.L(1), c.L(2)),
        },
        "arange_float" => Arange(c, 0, null),
        "arange_dtype" => ArangeDtype(c),
        "linspace" => c.Raw(3) is null ? np.linspace(c.A(0), c.A(1), c.L(2)) : np.linspace(c.A(0), c.A(1), c.L(2), c.B(3)),
        "linspace_dtype" => np.linspace(c.A(0), c.A(1), c.L(2), dtype: c.S(3)),
        "linspace_arr" => np.linspace(c.A(0), c.A(1), c.L(2)),
        "linspace_arr_axis" => np.linspace(c.A(0), c.A(1), c.L(2), axis: c.I(3)),
        "linspace_retstep" => RetStep(c),
        "linspace_f32" => np.linspace(c.A(0), c.A(1), c.L(2)),
        "logspace" => c.Raw(3) is null ? np.logspace(c.A(0), c.A(1), c.L(2)) : np.logspace(c.A(0), c.A(1), c.L(2), c.B(3)),
        "logspace_base" => np.logspace(c.A(0), c.A(1), c.L(2), @base: c.A(3)),
        "geomspace" => c.Raw(3) is null ? np.geomspace(c.A(0), c.A(1), c.L(2)) : np.geomspace(c.A(0), c.A(1), c.L(2), c.B(3)),
        "eye" => np.eye(c.L(0), c.Raw(1) is null ? null : c.L(1), c.Raw(2) is null ? 0 : c.L(2)),
        "eye_dtype" => np.eye(c.L(0), dtype: c.S(1)),
        "identity" => np.identity(c.L(0)),
        "diag" => np.diag(c.A(0), c.L(1)),
        "diagflat" => np.diagflat(c.A(0), c.L(1)),
        "tri" => np.tri(c.L(0), c.Raw(1) is null ? null : c.L(1), c.Raw(2) is null ? 0 : c.L(2)),
        "tril" => np.tril(c.A(0), c.L(1)),
        "triu" => np.triu(c.A(0), c.L(1)),
        "vander" => np.vander(c.A(0), c.NL(1), c.B(2)),
        "meshgrid" => np.meshgrid(c.Arrays(0), c.S(1), c.B(2)),
        "indices" => np.indices(c.Shp(0)),
        "mgrid" => np.mgrid[c.S(0)],
        "ogrid" => np.ogrid[c.S(0)],
        "r_" => np.r_[c.Items(0)],
        "c_" => np.c_[c.Items(0)],
        "frombuffer" => np.frombuffer(new ReadOnlyMemory<byte>(c.Bytes(0)), c.S(1), c.L(2), c.L(3)),   // Python bytes are immutable
        "array" => np.array(c.A(0), order: c.S(1)),
        "asarray" => np.asarray(c.A(0), order: c.S(1)),
        "copy" => np.copy(c.A(0), c.S(1)),
        "array_ndmin" => np.array(c.A(0), ndmin: c.I(1)),
        "array_dtype" => np.array(c.A(0), "float32"),
        "ascontiguousarray" => np.ascontiguousarray(c.A(0)),
        "asfortranarray" => np.asfortranarray(c.A(0)),
        "array_jagged" => Jagged(c.Raw(0)!.AsArray()),
        "reshape" => np.reshape(c.A(0), c.Shp(1), c.S(2)),
        "ravel" => np.ravel(c.A(0), c.S(1)),
        "flatten" => c.A(0).flatten(c.S(1)),
        "transpose" => np.transpose(c.A(0)),
        "transpose_axes" => np.transpose(c.A(0), c.Ints(1)),
        "swapaxes" => np.swapaxes(c.A(0), c.I(1), c.I(2)),
        "moveaxis" => np.moveaxis(c.A(0), c.Ax(1), c.Ax(2)),
        "rollaxis" => np.rollaxis(c.A(0), c.I(1), c.I(2)),
        "squeeze" => np.squeeze(c.A(0)),
        "squeeze_axis" => np.squeeze(c.A(0), c.Ax(1)),
        "expand_dims" => np.expand_dims(c.A(0), c.Ax(1)),
        "atleast_1d" => np.atleast_1d(c.A(0)),
        "atleast_2d" => np.atleast_2d(c.A(0)),
        "atleast_3d" => np.atleast_3d(c.A(0)),
        "flip" => np.flip(c.A(0)),
        "flip_axis" => np.flip(c.A(0), c.Ax(1)),
        "broadcast_to" => np.broadcast_to(c.A(0), c.Shp(1)),
        "broadcast_arrays_shapes" => np.broadcast_arrays(c.Arrays(0)).Select(x => (object)x.shape).ToList(),
        "broadcast_shapes" => np.broadcast_shapes(c.Raw(0)!.AsArray().Select(s => new Shape(s!.AsArray().Select(x => x!.GetValue<long>()).ToArray())).ToArray()),
        "resize" => np.resize(c.A(0), c.Shp(1)),
        "concatenate" => np.concatenate(c.Arrays(0), c.NI(1)),
        "concatenate_dtype" => np.concatenate(c.Arrays(0), dtype: "int64"),
        "concatenate_dtype_unsafe" => np.concatenate(c.Arrays(0), dtype: "int64", casting: "unsafe"),
        "stack" => np.stack(c.Arrays(0), c.I(1)),
        "vstack" => np.vstack(c.Arrays(0)),
        "hstack" => np.hstack(c.Arrays(0)),
        "dstack" => np.dstack(c.Arrays(0)),
        "column_stack" => np.column_stack(c.Arrays(0)),
        "append" => np.append(c.A(0), c.A(1), c.NI(2)),
        "insert" => np.insert(c.A(0), c.A(1), c.A(2), c.NI(3)),
        "insert2" => np.insert(c.A(0), c.A(1), c.A(2), c.NI(3)),
        "delete" => np.delete(c.A(0), c.IsList(1) && c.Raw(1)!.AsArray().Count == 0 ? np.array(Array.Empty<long>()) : c.A(1), c.NI(2)),
        "split" => c.IsList(1) ? np.split(c.A(0), c.Longs(1), c.I(2)) : np.split(c.A(0), c.L(1), c.I(2)),
        "array_split" => c.IsList(1) ? np.array_split(c.A(0), c.Longs(1), c.I(2)) : np.array_split(c.A(0), c.L(1), c.I(2)),
        "hsplit" => np.hsplit(c.A(0), c.L(1)),
        "vsplit" => np.vsplit(c.A(0), c.L(1)),
        "dsplit" => np.dsplit(c.A(0), c.L(1)),
        "unstack_like" => np.unstack(c.A(0)),
        "block" => np.block(Blocks(c, c.Raw(0)!.AsArray())),
        "tile" => np.tile(c.A(0), c.Shp(1)),
        "repeat" => np.repeat(c.A(0), c.A(1), c.NI(2)),
        "fliplr" => np.fliplr(c.A(0)),
        "flipud" => np.flipud(c.A(0)),
        "rot90" => np.rot90(c.A(0), c.I(1)),
        "rot90_axes" => np.rot90(c.A(0), c.I(1), (c.Ints(2)[0], c.Ints(2)[1])),
        "roll" => np.roll(c.A(0), c.A(1), c.NAx(2)),
        "pad" => np.pad(c.A(0), c.A(1), c.S(2)),
        "pad_const" => np.pad(c.A(0), c.A(1), constant_values: c.A(2)),
        "take" => np.take(c.A(0), c.A(1), c.NI(2), mode: c.S(3)),
        "take_along_axis" => np.take_along_axis(c.A(0), c.A(1), c.NI(2)),
        "take_along_axis2" => np.take_along_axis(c.A(0), c.A(1), c.NI(2)),
        "put_along_axis2" => Mutate(c.A(0), a => np.put_along_axis(a, c.A(1), c.A(2), c.NI(3))),
        "put" => Mutate(c.A(0), a => np.put(a, c.A(1), c.A(2), c.S(3))),
        "put_along_axis" => Mutate(c.A(0), a => np.put_along_axis(a, c.A(1), c.A(2), c.NI(3))),
        "place" => Mutate(c.A(0), a => np.place(a, c.A(1), c.A(2))),
        "putmask" => Mutate(c.A(0), a => np.putmask(a, c.A(1), c.A(2))),
        "extract" => np.extract(c.A(0), c.A(1)),
        "compress" => np.compress(c.A(0), c.A(1), c.NI(2)),
        "choose" => np.choose(c.A(0), c.Arrays(1), c.S(2)),
        "select" => Select(c),
        "copyto" => Mutate(c.A(0), a => np.copyto(a, c.A(1), c.S(2), c.IsNull(3) ? null : c.A(3))),
        "diagonal" => np.diagonal(c.A(0), c.L(1), c.I(2), c.I(3)),
        "view" => c.A(0).view(c.S(1)),
        "real" => c.A(0).real,
        "imag" => c.A(0).imag,
        "item" => Item(c.A(0), c.Longs(1)),
        "ix_" => np.ix_(c.A(0), c.A(1), c.A(2)),
        "unravel_index" => np.unravel_index(c.A(0), c.Shp(1), c.S(2)),
        "ravel_multi_index" => np.ravel_multi_index(c.Arrays(0), c.Shp(1), c.S(2), c.S(3)),
        "diag_indices" => np.diag_indices(c.L(0), c.I(1)),
        "tril_indices" => np.tril_indices(c.L(0), c.L(1), c.NL(2)),
        "triu_indices" => np.triu_indices(c.L(0), c.L(1), c.NL(2)),
        "geomspace2" => c.Raw(3) is null ? np.geomspace(c.A(0), c.A(1), c.L(2)) : np.geomspace(c.A(0), c.A(1), c.L(2), c.B(3)),
        "geomspace2_kw" => np.geomspace(c.A(0), c.A(1), c.L(2), dtype: c.KwDType(3, "dtype"), axis: c.KwInt(3, "axis") ?? 0),
        "logspace2_kw" => np.logspace(c.A(0), c.A(1), c.L(2), @base: c.KwArray(3, "base"), dtype: c.KwDType(3, "dtype"),
            axis: c.KwInt(3, "axis") ?? 0),
        "creation_order" => c.S(0) switch
        {
            "zeros" => np.zeros((2, 3), order: c.S(1)),
            "ones" => np.ones((2, 3), order: c.S(1)),
            _ => Meta(np.empty((2, 3), order: c.S(1))),
        },
        "eye_order" => np.eye(2, order: c.S(0)),
        "full_order" => np.full(2, 1, order: c.S(0)),
        "fromfunction_grid" => np.fromfunction(ix => ix[0], c.Shp(0)),
        "fromfunction_grid_dtype" => np.fromfunction(ix => ix[^1], c.Shp(0), dtype: "int32"),
        "newbyteorder" => np.dtype(c.S(0)).newbyteorder(c.S(1)[0]).str,
        "min_scalar_type" => np.min_scalar_type(c.A(0)),
        "setitem_scalar" => Mutate(c.A(0), a => a[c.S(1)] = c.A(2)),
        "fill" => Mutate(c.A(0), a => a.fill(c.A(1))),
        "int_of" => (long)c.A(0),
        "indices_dtype" => np.indices(c.Shp(0), c.S(1)),
        "pad_kw" => np.pad(c.A(0), c.A(1), c.KwString(2, "mode") ?? "constant", constant_values: c.KwArray(2, "constant_values"),
            end_values: c.KwArray(2, "end_values"), reflect_type: c.KwString(2, "reflect_type") ?? "even"),
        "tile_T" => np.tile(c.A(0).T, c.Shp(1)),
        "mT" => c.A(0).mT,
        _ => throw new NotSupportedException("no C# mapping for fixture op " + op),
    };

    /// <summary>core.py's result_type_tokens: a dtype name, "0d:&lt;dtype&gt;" or a Python scalar as a weak C# scalar.</summary>
    private static object ResultTypeOperand(string t) => t switch
    {
        "py:True" => true,
        "py:1" => 1L,
        "py:1.5" => 1.5,
        "py:1j" => new System.Numerics.Complex(0, 1),
        _ when t.StartsWith("0d:", StringComparison.Ordinal) => np.zeros(new Shape(Array.Empty<long>()), t[3..]),
        _ => np.dtype(t),
    };

    /// <summary>The warnings of one astype, as "Category: message" in the order they were raised.</summary>
    private static List<object> CastWarnings(NDArray a, string dtype)
    {
        using (np.warnings.catch_warnings(out var log))   // restores the filters when it ends, as Python's
        {
            np.warnings.simplefilter("always");
            a.astype(dtype).Dispose();
            return log.Select(w => (object)$"{w.category}: {w.Message}").ToList();
        }
    }

    private static string DTypeSupported(string spec)
    {
        try
        {
            return np.dtype(spec).name;
        }
        catch (TypeError e) when (e.Message.EndsWith("is not supported by Numerics.Native", StringComparison.Ordinal))
        {
            return "unsupported";
        }
    }

    private static List<object> DTypeInfo(string spec)
    {
        var d = np.dtype(spec);
        return [d.name, d.str, d.@char.ToString(), d.kind.ToString(), d.itemsize, d.byteorder.ToString(), d.isnative, d.alignment];
    }

    private static object Meta(NDArray a)
    {
        // np.empty: only the metadata is defined, so zero the data for the byte comparison.
        NativeOps.Zero(a);
        return a;
    }

    private static NDArray Arange(Call c, int at, DType? dtype)
    {
        if (c.Raw(at + 1) is null) return np.arange(c.D(at), dtype);
        if (c.Raw(at + 2) is null) return np.arange(c.D(at), c.D(at + 1), dtype: dtype);
        return np.arange(c.D(at), c.D(at + 1), c.D(at + 2), dtype);
    }

    private static NDArray ArangeDtype(Call c)
    {
        var xs = c.Raw(0)!.AsArray();
        var dt = np.dtype(c.S(1));
        bool ints = xs.All(x => x!.AsValue().TryGetValue<long>(out _));
        if (ints) return np.arange(xs[0]!.GetValue<long>(), xs[1]!.GetValue<long>(), xs[2]!.GetValue<long>(), dt);
        return np.arange(xs[0]!.GetValue<double>(), xs[1]!.GetValue<double>(), xs[2]!.GetValue<double>(), dt);
    }

    private static NDArray RetStep(Call c)
    {
        var r = np.linspace(c.A(0), c.A(1), c.L(2), out var step);
        r.Dispose();
        return step;
    }

    private static NDArray Jagged(JsonArray list)
    {
        if (list[0]![0] is JsonArray)
            return np.array<long>(list.Select(r => r!.AsArray().Select(x => x!.AsArray().Select(v => v!.GetValue<long>()).ToArray()).ToArray()).ToArray());
        return np.array<long>(list.Select(r => r!.AsArray().Select(v => v!.GetValue<long>()).ToArray()).ToArray());
    }

    private static object[] Blocks(Call c, JsonArray list) =>
        list.Select(x => x is JsonArray inner ? (object)Blocks(c, inner) : c.ToArray(x)).ToArray();

    private static NDArray Mutate(NDArray a, Action<NDArray> f)
    {
        var copy = a.copy();
        f(copy);
        return copy;
    }

    private static NDArray Select(Call c)
    {
        // select(x < 2, x > 3], [x, x * 10], -1.0) — built without ufuncs from the same x.
        var x = c.Raw(0)!.AsArray();
        return np.select(x.Select(c.ToArray).ToArray(), c.Raw(1)!.AsArray().Select(c.ToArray).ToArray(), c.A(2));
    }

    private static object Item(NDArray a, long[] idx) => idx.Length == 0 ? a.item() : a.item<long>(idx);
}
