using System.Text;

namespace OciRuntime.Cli;

/// <summary>Lays out rows the way Go's text/tabwriter does with runc's settings (minwidth 12, padding 3, spaces):
/// every column but the last is padded to max(12, widest cell + 3); the last column is not padded.</summary>
internal static class TabTable
{
    public static string Format(IReadOnlyList<IReadOnlyList<string>> rows, int minWidth = 12, int padding = 3)
    {
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = new int[columns];
        foreach (var row in rows)
            for (int i = 0; i < row.Count - 1; i++)
                widths[i] = Math.Max(widths[i], Math.Max(minWidth, row[i].Length + padding));
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Count; i++)
                text.Append(i < row.Count - 1 ? row[i].PadRight(widths[i]) : row[i]);
            text.Append('\n');
        }
        return text.ToString();
    }
}
