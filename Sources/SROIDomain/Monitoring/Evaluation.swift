/// The evaluation of a contract's social return (step 4b): at its end, and yearly for a long one, buyer and supplier
/// write down what worked and what to take into the next tender; the buyer judges the supplier's performance.
public enum Evaluation {
    /// The buyer's judgement of the supplier's social return performance, 1 to 5.
    public static let judgements: [(value: Int, label: String)] = [(1, "onvoldoende"), (2, "matig"), (3, "voldoende"), (4, "goed"), (5, "uitstekend")]

    public static func label(_ judgement: Int) -> String? { judgements.first { $0.value == judgement }?.label }

    /// The first day an evaluation can be written: a year after the start, or the day after the end of a shorter
    /// contract (an ended contract can always be evaluated).
    public static func firstDay(of term: Term) -> Day {
        min(term.start.adding(months: 12), term.end.adding(days: 1))
    }

    public static func isOpen(term: Term, ended: Bool, today: Day) -> Bool {
        ended || today >= firstDay(of: term)
    }
}
