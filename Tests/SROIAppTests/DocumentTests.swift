import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SROIDomain
import Testing
import Vapor
import XCTVapor
import ZIPFoundation
@testable import SROIApp

extension AppTests {
/// The policy text and the tender annex read as documents: formatted on the page, and downloadable as HTML and Word.
@Suite("Documents")
struct DocumentTests {
    @Test("Markdown becomes headings, lists and tables; raw HTML and javascript: links do not survive")
    func markdownToHTML() {
        // Arrange
        let markdown = "# Beleid\n\nTekst met **vet**.\n\n- een\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1)) [site](https://example.org)\n"
        // Act
        let html = MarkdownDocument.html(markdown)
        // Check
        #expect(html.contains("<h1>Beleid</h1>"))
        #expect(html.contains("<strong>vet</strong>"))
        #expect(html.contains("<li>een</li>"))
        #expect(html.contains("<td>1</td>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;") || html.contains("&lt;script>"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("href=\"https://example.org\""))
    }

    @Test("The Word file is a zip with a well-formed document holding the headings, the bold text and every table cell")
    func wordFile() throws {
        // Arrange
        let markdown = "# Leidraad\n\nAanbesteding: **Schoonmaak** & meer\n\n## Regels\n\n1. Eerst\n2. Dan\n\n| doelgroep | waarde |\n|---|---|\n| WW | € 20.000 |\n"
        // Act
        let data = try WordDocument.docx(title: "Leidraad", markdown: markdown)
        let archive = try Archive(data: data, accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        // Check
        #expect(Set(archive.map(\.path)) == ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml",
                                             "word/document.xml", "docProps/core.xml"])
        let text = String(decoding: xml, as: UTF8.self)
        #expect(XMLParser(data: xml).parse(), "well-formed XML")
        #expect(text.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Leidraad</w:t>"))
        #expect(text.contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Schoonmaak</w:t>"))
        #expect(text.contains(" &amp; meer"))
        #expect(text.contains(">€ 20.000<"))
        #expect(WordDocument.blocks(markdown).contains(.numbered(number: "2", text: "Dan")))
        #expect(WordDocument.blocks(markdown).contains(.table(header: ["doelgroep", "waarde"], rows: [["WW", "€ 20.000"]])))
    }

    @Test("The policy text page shows formatted text, not Markdown, and offers Word, HTML and Markdown")
    func policyTextPage() async throws {
        try await withWorld { world in
            // Arrange
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            // Act
            let page = try await browser.get("/policy/text").body.string
            let docx = try await browser.get("/policy/text.docx")
            let html = try await browser.get("/policy/text.html")
            // Check: headings are headings; no "## " or "|---|" left in the document part.
            let article = try #require(page.components(separatedBy: "<article class=\"document\"").last?.components(separatedBy: "</article>").first)
            #expect(article.contains("<h2>Doelgroepen</h2>"))
            #expect(article.contains("<table>"))
            #expect(!article.contains("## "))
            #expect(!article.contains("|---|"))
            #expect(docx.status == .ok)
            #expect(docx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(docx.headers.first(name: .contentDisposition)?.contains("beleid-social-return.docx") == true)
            #expect(Array(docx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            #expect(html.body.string.hasPrefix("<!DOCTYPE html>"))
            #expect(html.body.string.contains("<h2>Doelgroepen</h2>"))
        }
    }

    @Test("The tender annex page is formatted and no longer asks to copy text; its Word file downloads")
    func annexPage() async throws {
        try await withWorld { world in
            // Arrange
            let c = try await world.createContract([:])
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            // Act
            let page = try await browser.get("/contracts/\(c)/annex").body.string
            let docx = try await browser.get("/contracts/\(c)/annex.docx")
            // Check
            #expect(page.contains("<h2>Spelregels</h2>"))
            #expect(!page.contains("Kopieer de tekst"))
            #expect(!page.contains("<pre"))
            #expect(docx.status == .ok)
            let archive = try Archive(data: Data(docx.body.readableBytesView), accessMode: .read)
            #expect(archive["word/document.xml"] != nil)
            // Another buyer's coordinator gets nothing.
            let other = WebSession(app: world.app)
            try await other.login("othercoordinator@test.example")
            #expect(try await other.get("/contracts/\(c)/annex.docx").status == .notFound)
        }
    }
}
}
