using System.Xml.Linq;

namespace WebPortal.Tests.Localization;

/// <summary>The portal's Dutch texts, <c>Localization/Text.nl.resx</c>: each English text the code looks up, with its Dutch.</summary>
public static class DutchResource
{
    public static readonly string AppDirectory = Path.Combine(WebPortal.TestKit.RepositoryRoot.Find(), "src", "WebPortal");

    public static readonly string File = Path.Combine(AppDirectory, "Localization", "Text.nl.resx");

    /// <summary>Every entry's name, as the file lists them, repeats included.</summary>
    public static IEnumerable<string> Names => XDocument.Load(File).Root!.Elements("data").Select(data => (string)data.Attribute("name")!);

    public static readonly IReadOnlyDictionary<string, string> Texts = XDocument.Load(File).Root!.Elements("data")
        .ToDictionary(data => (string)data.Attribute("name")!, data => (string)data.Element("value")!, StringComparer.Ordinal);
}
