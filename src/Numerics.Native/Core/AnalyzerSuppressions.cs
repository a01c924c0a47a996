using System.Diagnostics.CodeAnalysis;

// The public names are NumPy's (API.md "Naming rule"); these rules would rename them.
[assembly: SuppressMessage("Naming", "CA1708:Identifiers should differ by more than case",
    Justification = "NumPy's lower-case attributes (a.dtype, slice.step) sit next to .NET-style members (Slice.Step, internal fields).")]
[assembly: SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "np.int8, np.float64, np.single, np.double and dtype.char are NumPy's names.")]
[assembly: SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix",
    Justification = "Python's exception and warning names (AssertionError, NumpyWarning) are the contract.")]
[assembly: SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "INumpyException is the contract's name.")]
