namespace OciConformance.Framework;

/// <summary>Assertions for case bodies: each failure is one line saying what was expected and what the runtime did.</summary>
public static class Check
{
    public static void True(bool condition, string failure)
    {
        if (!condition) throw new CaseFailedException(failure);
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new CaseFailedException($"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    public static void SameSet<T>(IEnumerable<T> expected, IEnumerable<T>? actual, string what)
    {
        var want = expected.ToHashSet();
        var got = (actual ?? []).ToHashSet();
        if (!want.SetEquals(got))
            throw new CaseFailedException($"{what}: missing [{string.Join(", ", want.Except(got))}], unexpected [{string.Join(", ", got.Except(want))}]");
    }

    public static void Contains<T>(T item, IEnumerable<T>? items, string what)
    {
        if (items is null || !items.Contains(item))
            throw new CaseFailedException($"{what}: {Show(item)} not among [{string.Join(", ", items ?? [])}]");
    }

    public static void Succeeded(Invocation call, string what)
    {
        if (!call.Succeeded) throw new CaseFailedException($"{what} failed: {call.Brief}");
    }

    /// <summary>The runtime must refuse: a non-zero exit (a timeout does not count as a refusal).</summary>
    public static void Failed(Invocation call, string what)
    {
        if (call.ExitCode == 0) throw new CaseFailedException($"{what}: expected an error, but `{call.CommandLine}` exited 0");
        if (call.ExitCode < 0) throw new CaseFailedException($"{what}: `{call.CommandLine}` hung (killed after the timeout)");
    }

    public static CaseFailedException Fail(string failure) => new(failure);

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}

/// <summary>Skips a case when it cannot be tried here, saying why.</summary>
public static class Skip
{
    public static void Unless(bool condition, string reason)
    {
        if (!condition) throw new CaseSkippedException(reason);
    }

    public static void If(bool condition, string reason) => Unless(!condition, reason);
}
