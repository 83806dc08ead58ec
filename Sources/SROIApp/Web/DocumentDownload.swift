import Foundation
import Vapor

/// A Markdown document offered for download as Markdown, HTML (opens in a browser, Word and LibreOffice) or Word.
enum DocumentDownload {
    enum Format: String, CaseIterable { case md, html, docx }

    static func response(_ markdown: String, title: String, filename: String, format: Format) throws -> Response {
        var headers = HTTPHeaders()
        let body: Response.Body
        switch format {
        case .md:
            headers.contentType = HTTPMediaType(type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
            body = .init(string: markdown)
        case .html:
            headers.contentType = HTTPMediaType(type: "text", subType: "html", parameters: ["charset": "utf-8"])
            body = .init(string: MarkdownDocument.standalone(title: title, markdown: markdown))
        case .docx:
            headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
            body = .init(data: try WordDocument.docx(title: title, markdown: markdown))
        }
        headers.contentDisposition = .init(.attachment, filename: "\(filename).\(format.rawValue)")
        return Response(status: .ok, headers: headers, body: body)
    }
}
