using System.Text;

namespace WebPortal.Tests.Infrastructure;

/// <summary>The portal's SQLite file and its write-ahead log, read as bytes, to look for text stored in the clear.</summary>
public sealed class DatabaseFiles
{
    private readonly byte[] _bytes;

    private DatabaseFiles(byte[] bytes) => _bytes = bytes;

    public static DatabaseFiles Read(string path)
    {
        using var all = new MemoryStream();
        foreach (var file in new[] { path, $"{path}-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return new DatabaseFiles(all.ToArray());
    }

    /// <summary>Whether the text is there in UTF-8 or UTF-16, the encodings SQLite stores text in.</summary>
    public bool Contain(string text) =>
        _bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || _bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
