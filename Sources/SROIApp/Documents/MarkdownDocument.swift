import Foundation
import Ink

/// The platform's documents (the policy text, the tender annex) are written in Markdown; this turns them into HTML
/// to read on a page, to print, and to download as a file that Word and LibreOffice open. Raw HTML in the text is
/// shown as text, not run: every `<` is escaped before Ink reads it, and links go only to web, mail or own pages.
enum MarkdownDocument {
    /// The body: headings, paragraphs, lists and tables as HTML.
    static func html(_ markdown: String) -> String {
        let escaped = markdown.replacingOccurrences(of: "<", with: "&lt;")
        let html = MarkdownParser().html(from: escaped)
        return safeLinks(html)
    }

    /// A whole HTML file with its own styles, for download: opens in a browser, Word and LibreOffice Writer, and
    /// pastes into tender documents with its headings and tables.
    static func standalone(title: String, markdown: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.5; max-width: 42em; margin: 2em auto; color: #111; }
        h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.4em; } h3 { font-size: 12pt; }
        table { border-collapse: collapse; margin: .6em 0; } th, td { border: 1px solid #888; padding: .25em .6em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        </style>
        </head>
        <body>
        \(html(markdown))
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Keeps `href` and `src` that point to http(s), mailto or this site; anything else (javascript:, data:) becomes "#".
    static func safeLinks(_ html: String) -> String {
        var out = html
        for attribute in ["href", "src"] {
            var result = ""
            var rest = Substring(out)
            let marker = attribute + "=\""
            while let range = rest.range(of: marker) {
                result += rest[..<range.upperBound]
                rest = rest[range.upperBound...]
                let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                let value = rest[..<end]
                let lower = value.lowercased()
                let allowed = lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")
                    || (lower.hasPrefix("/") && !lower.hasPrefix("//")) || lower.hasPrefix("#")
                result += allowed ? String(value) : "#"
                rest = rest[end...]
            }
            out = result + rest
        }
        return out
    }
}
