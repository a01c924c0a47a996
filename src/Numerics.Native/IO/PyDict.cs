namespace Numerics.Native;

/// <summary>A Python dict literal from an .npy header, in insertion order; a repeated key keeps its first position
/// and takes the last value, as Python does.</summary>
internal sealed class PyDict
{
    internal List<KeyValuePair<object?, object?>> Entries { get; } = [];

    internal void Set(object? key, object? value)
    {
        for (int i = 0; i < Entries.Count; i++)
        {
            if (!NpyLiteralParser.LiteralEquals(Entries[i].Key, key)) continue;
            Entries[i] = new(Entries[i].Key, value);
            return;
        }
        Entries.Add(new(key, value));
    }

    internal bool TryGet(string key, out object? value)
    {
        foreach (var e in Entries)
        {
            if (e.Key is string s && s == key)
            {
                value = e.Value;
                return true;
            }
        }
        value = null;
        return false;
    }
}
