namespace WebPortal.Localization;

/// <summary>
/// The portal's one set of UI texts, for <c>IStringLocalizer&lt;Text&gt;</c> and <c>IHtmlLocalizer&lt;Text&gt;</c>: the key
/// is the English text, and <c>Text.nl.resx</c> beside this file holds the Dutch of each. A text missing there shows in
/// English, and a test fails on it.
/// </summary>
public sealed class Text;
