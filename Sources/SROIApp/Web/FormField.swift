import Foundation

/// One input of a form, with its label, value and the error to show beside it. Templates loop over these,
/// so every form gets the same accessible markup.
struct FormField: Encodable {
    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    var name: String
    var label: String
    var type: String = "text"
    var value: String = ""
    var error: String? = nil
    var hint: String? = nil
    var required: Bool = false
    var options: [Option] = []
    var inputmode: String? = nil
    var checked: Bool = false
    /// Suggestions for a text input (a datalist): free text stays possible.
    var suggestions: [String] = []
    /// What the browser may fill in (WCAG 1.3.5): name, email, new-password …
    var autocomplete: String? = nil
    /// The anchor of the word in the glossary (/uitleg): jargon gets a "Wat is dit?" link beside its field.
    var glossary: String? = nil

    /// The same field with a link to the glossary's explanation of its word.
    func explained(_ anchor: String) -> FormField {
        var f = self
        f.glossary = anchor
        return f
    }

    static func select(_ name: String, _ label: String, value: String?, options: [(String, String)], required: Bool = false,
                       hint: String? = nil, blank: String? = nil) -> FormField {
        var all = options
        if let blank { all.insert(("", blank), at: 0) }
        return FormField(name: name, label: label, type: "select", value: value ?? "", hint: hint, required: required,
                         options: all.map { Option(value: $0.0, label: $0.1, selected: $0.0 == (value ?? "")) })
    }
}

/// One line of the error summary above a form, linking to its field.
struct ErrorSummaryItem: Encodable {
    var href: String
    var text: String
}

extension Array where Element == FormField {
    /// Every field error as a line for the summary above the form.
    var errorSummary: [ErrorSummaryItem] {
        compactMap { f in f.error.map { ErrorSummaryItem(href: "#f-\(f.name)", text: "\(f.label): \($0)") } }
    }

    /// Puts each error beside its field; errors for fields not on the form are returned.
    mutating func attach(_ errors: [String: String]) -> [String] {
        var unplaced = errors
        for index in indices {
            if let message = unplaced.removeValue(forKey: self[index].name) { self[index].error = message }
        }
        return unplaced.sorted { $0.key < $1.key }.map(\.value)
    }
}
