using System.Globalization;

namespace OciRuntime.Tests.Cgroups.V2;

/// <summary>The v1 devices controller (security/device_cgroup.c), fed the lines the v1 code writes: the oracle the
/// device program is compared with. Written from the kernel's behaviour, not from the builder.</summary>
internal sealed class V1DevicesModel
{
    private sealed record Exception(char Type, uint? Major, uint? Minor, string Access);

    private bool _allowByDefault = true; // a new cgroup under the root allows everything
    private readonly List<Exception> _exceptions = [];

    public static V1DevicesModel From(IEnumerable<(string File, string Line)> writes)
    {
        var model = new V1DevicesModel();
        foreach (var (file, line) in writes)
            model.Write(file == "devices.allow", line);
        return model;
    }

    private void Write(bool allowFile, string line)
    {
        if (line[0] == 'a')
        {
            _allowByDefault = allowFile;
            _exceptions.Clear();
            return;
        }
        string[] parts = line.Split(' ');
        string[] numbers = parts[1].Split(':');
        var ex = new Exception(line[0], Parse(numbers[0]), Parse(numbers[1]), parts[2]);
        int index = _exceptions.FindIndex(e => e.Type == ex.Type && e.Major == ex.Major && e.Minor == ex.Minor);
        if (allowFile != _allowByDefault)
        {
            // dev_exception_add: an exception of the same device gains the access.
            if (index < 0)
                _exceptions.Add(ex);
            else
                _exceptions[index] = _exceptions[index] with { Access = new string("rwm".Where(c => _exceptions[index].Access.Contains(c) || ex.Access.Contains(c)).ToArray()) };
        }
        else if (index >= 0)
        {
            // dev_exception_rm: only the exception of exactly that device loses the access.
            string left = new("rwm".Where(c => _exceptions[index].Access.Contains(c) && !ex.Access.Contains(c)).ToArray());
            if (left.Length == 0)
                _exceptions.RemoveAt(index);
            else
                _exceptions[index] = _exceptions[index] with { Access = left };
        }
    }

    /// <summary>devcgroup_legacy_check_permission for a request of <paramref name="access"/> ("r", "rw", "m", ...).</summary>
    public bool Allows(char type, uint major, uint minor, string access)
    {
        bool Matches(Exception e) => e.Type == type && (e.Major is null || e.Major == major) && (e.Minor is null || e.Minor == minor);
        if (_allowByDefault)
            return !_exceptions.Any(e => Matches(e) && access.Any(e.Access.Contains));
        return _exceptions.Any(e => Matches(e) && access.All(e.Access.Contains));
    }

    private static uint? Parse(string number) => number == "*" ? null : uint.Parse(number, CultureInfo.InvariantCulture);
}
