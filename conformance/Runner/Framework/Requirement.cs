namespace OciConformance.Framework;

/// <summary>RFC 2119 level of the sentence a case checks.</summary>
public enum Level { Must, Should }

/// <summary>
/// One requirement of the runtime-spec: where it is (document and section) and the key words of its MUST/SHOULD
/// sentence, so a reader can find the sentence in the spec from the report alone.
/// </summary>
public sealed record Requirement(string Id, Level Level, string Document, string Section, string KeyWords)
{
    public string LevelName => Level == Level.Must ? "MUST" : "SHOULD";
    public string Where => $"{Document} {Section}";
}

/// <summary>A requirement and the code that checks it against one runtime. Returning normally means it passed.</summary>
public sealed record Case(Requirement Requirement, Func<CaseContext, Task> Body)
{
    public string Id => Requirement.Id;

    public static Case Must(string id, string document, string section, string keyWords, Func<CaseContext, Task> body) =>
        new(new Requirement(id, Level.Must, document, section, keyWords), body);

    public static Case Should(string id, string document, string section, string keyWords, Func<CaseContext, Task> body) =>
        new(new Requirement(id, Level.Should, document, section, keyWords), body);
}

/// <summary>The runtime did not do what the requirement says; the message says what it did instead.</summary>
public sealed class CaseFailedException(string message) : Exception(message);

/// <summary>
/// The case cannot be tried here (the host lacks a kernel feature, or the runtime's `features` does not claim it);
/// the message says which.
/// </summary>
public sealed class CaseSkippedException(string message) : Exception(message);

public enum Outcome { Pass, Fail, Skip }

public sealed record CaseResult(Outcome Outcome, string Reason, TimeSpan Elapsed);
