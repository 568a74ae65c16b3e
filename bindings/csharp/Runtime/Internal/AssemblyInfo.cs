using System.Runtime.CompilerServices;

// The NUnit tests (Tests~/) check internals: the pending-call table, the thunks, UTF-8 decoding.
[assembly: InternalsVisibleTo("TimConvGroup.Tests")]
