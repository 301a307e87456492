using System.Diagnostics;

namespace OciConformance.Framework;

/// <summary>Runs the catalogue against one runtime, case by case, streaming TAP as results come in.</summary>
public sealed class Suite(SuiteSettings settings, IReadOnlyList<Case> cases, TextWriter tap, int jobs)
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(90);

    public async Task<IReadOnlyList<Row>> RunAsync(RuntimeDriver runtime, Allowlist allowlist, int subtest)
    {
        tap.WriteLine($"# Subtest: {runtime.Name} ({runtime.Binary})");
        tap.WriteLine($"    1..{cases.Count}");
        tap.Flush();

        var rows = new Row?[cases.Count];
        var next = 0;
        var gate = new object();
        using var slots = new SemaphoreSlim(jobs);
        var tasks = cases.Select(async (@case, index) =>
        {
            await slots.WaitAsync();
            try
            {
                var result = await RunOneAsync(runtime, @case, index + 1);
                lock (gate)
                {
                    rows[index] = Row.Judge(@case, result, allowlist);
                    // TAP in catalogue order: print every finished row up to the first one still running.
                    while (next < rows.Length && rows[next] is { } row)
                        Tap.WriteRow(tap, ++next, row);
                    tap.Flush();
                }
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);

        var done = rows.Select(r => r!).ToList();
        var failed = done.Count(r => r.FailsRun);
        tap.WriteLine($"{(failed == 0 ? "ok" : "not ok")} {subtest} - {runtime.Name}");
        return done;
    }

    private async Task<CaseResult> RunOneAsync(RuntimeDriver runtime, Case @case, int number)
    {
        var dir = Path.Combine(settings.WorkDir, runtime.Name, $"{number:D3}-{@case.Id}");
        Directory.CreateDirectory(dir);
        var context = new CaseContext(runtime, settings, dir, number);
        var clock = Stopwatch.StartNew();
        CaseResult result;
        try
        {
            var body = @case.Body(context);
            if (await Task.WhenAny(body, Task.Delay(CaseTimeout)) != body)
                throw new CaseFailedException($"the case did not finish within {CaseTimeout.TotalSeconds} s");
            await body;
            result = new CaseResult(Outcome.Pass, "", clock.Elapsed);
        }
        catch (CaseFailedException e)
        {
            result = new CaseResult(Outcome.Fail, e.Message, clock.Elapsed);
        }
        catch (CaseSkippedException e)
        {
            result = new CaseResult(Outcome.Skip, e.Message, clock.Elapsed);
        }
        catch (Exception e)
        {
            // A defect of the case or the host, not of the runtime; reported as a failure so it is not lost.
            result = new CaseResult(Outcome.Fail, $"case error: {e.GetType().Name}: {e.Message}", clock.Elapsed);
        }
        await context.CleanupAsync();
        return result;
    }
}
