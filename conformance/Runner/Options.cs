namespace OciConformance;

/// <summary>The runner's command line.</summary>
public sealed class Options
{
    public List<(string Name, string Binary)> Runtimes { get; } = [];
    public List<string> Filters { get; } = [];
    public string? Rootfs { get; private set; }
    public string? Probe { get; private set; }
    public string? AllowlistDir { get; private set; }
    public string? WorkDir { get; private set; }
    public string? Markdown { get; private set; }
    public string? Readme { get; private set; }
    public int Jobs { get; private set; } = 1;
    public bool Keep { get; private set; }
    public bool List { get; private set; }

    public static Options Parse(IReadOnlyList<string> args)
    {
        var o = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--runtime": o.Runtimes.Add(ParseRuntime(Value())); break;
                case "--filter": o.Filters.Add(Value()); break;
                case "--rootfs": o.Rootfs = Path.GetFullPath(Value()); break;
                case "--probe": o.Probe = Path.GetFullPath(Value()); break;
                case "--allowlist": o.AllowlistDir = Path.GetFullPath(Value()); break;
                case "--work": o.WorkDir = Path.GetFullPath(Value()); break;
                case "--markdown": o.Markdown = Path.GetFullPath(Value()); break;
                case "--readme": o.Readme = Path.GetFullPath(Value()); break;
                case "--jobs":
                    o.Jobs = int.TryParse(Value(), out var j) && j > 0 ? j : throw new FormatException("--jobs needs a positive number");
                    break;
                case "--keep": o.Keep = true; break;
                case "--list": o.List = true; break;
                default: throw new FormatException($"unknown argument {args[i]}");
            }
        }
        if (o.Runtimes.Select(r => r.Name).Distinct().Count() != o.Runtimes.Count)
            throw new FormatException("two runtimes with the same name; name them with --runtime NAME=PATH");
        return o;
    }

    /// <summary>"NAME=PATH", or a PATH whose file name is the name ("/usr/bin/runc" is "runc").</summary>
    private static (string, string) ParseRuntime(string value)
    {
        var eq = value.IndexOf('=');
        var (name, path) = eq > 0 ? (value[..eq], value[(eq + 1)..]) : (Path.GetFileName(value), value);
        var full = path.Contains('/') ? Path.GetFullPath(path) : ResolveOnPath(path);
        if (!File.Exists(full)) throw new FormatException($"runtime {path}: no such file");
        return (name, full);
    }

    private static string ResolveOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists) ?? file;
}
