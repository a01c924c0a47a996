namespace Numerics.Native;

public static partial class np
{
    /// <summary>
    /// Starts a disposal scope for the current async flow: every array created until it is disposed is disposed
    /// with it, except those returned through <see cref="NDArray.MoveToOuterScope"/>. Scopes nest.
    /// NumPy: none (Python frees by reference counting); use <c>using (np.scope()) { … }</c>.
    /// </summary>
    public static NDScope scope() => NDScope.Begin(unscoped: false);

    /// <summary>
    /// Starts a region whose arrays belong to no scope (caches, long-lived results), even inside an active scope.
    /// NumPy: none.
    /// </summary>
    public static NDScope unscoped() => NDScope.Begin(unscoped: true);
}
