/// A key figure as a card: its value, its name (`FigureWords`), and where to read more — a page of its own (`href`)
/// or the glossary's entry (`glossary`). The start page, the contract page and the management page show these.
struct FigureCard: Encodable {
    var label: String
    var value: String
    var href: String? = nil
    var glossary: String? = nil
}
