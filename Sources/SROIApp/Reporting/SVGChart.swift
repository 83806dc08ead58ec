import Foundation
import SROIDomain

/// Server-rendered SVG charts: no script, no external service, readable in print (patterns and labels, not
/// colour alone) and by screen readers (`role="img"` with a title and description; the page shows the table too).
enum SVGChart {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A rounded top for the value axis: 1, 2 or 5 times a power of ten.
    static func niceMax(_ value: Int64) -> Int64 {
        guard value > 0 else { return 1 }
        var step: Int64 = 1
        while step * 10 <= value { step *= 10 }
        for m in [1, 2, 5, 10] as [Int64] where step * m >= value { return step * m }
        return step * 10
    }

    private static func open(_ id: String, _ title: String, _ desc: String, width: Int, height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" class=\"chart\">"
            + "<title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(desc))</desc>"
    }

    /// Cumulative expected (dashed) against realised (solid, with points) per quarter.
    static func timeline(_ points: [ManagementFigures.TimelinePoint], id: String = "tl") -> String {
        let w = 640, h = 260, left = 90, right = 40, top = 20, bottom = 40
        let maxValue = niceMax(points.map { max($0.expected.cents, $0.realised?.cents ?? 0) }.max() ?? 0)
        let plotW = w - left - right, plotH = h - top - bottom
        func x(_ i: Int) -> Int { left + (points.count <= 1 ? plotW / 2 : i * plotW / (points.count - 1)) }
        func y(_ cents: Int64) -> Int { top + plotH - Int(Int64(plotH) * cents / maxValue) }
        let desc = points.map { "\($0.label): verwacht \($0.expected), gerealiseerd \($0.realised?.description ?? "nog niet")" }.joined(separator: "; ")
        var s = open(id, "Gerealiseerd tegenover verwacht", desc, width: w, height: h)
        for i in 0...4 {
            let v = maxValue * Int64(i) / 4
            s += "<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(w - right)\" y2=\"\(y(v))\" class=\"grid\"/>"
            s += "<text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" text-anchor=\"end\" class=\"axis\">\(escape(Money(cents: v).description))</text>"
        }
        for (i, p) in points.enumerated() {
            s += "<text x=\"\(x(i))\" y=\"\(h - 12)\" text-anchor=\"middle\" class=\"axis\">\(escape(p.label))</text>"
        }
        s += "<polyline class=\"expected\" fill=\"none\" points=\"" + points.enumerated().map { "\(x($0.offset)),\(y($0.element.expected.cents))" }.joined(separator: " ") + "\"/>"
        let realised = points.enumerated().compactMap { i, p in p.realised.map { (i, $0) } }
        if !realised.isEmpty {
            s += "<polyline class=\"realised\" fill=\"none\" points=\"" + realised.map { "\(x($0.0)),\(y($0.1.cents))" }.joined(separator: " ") + "\"/>"
            for (i, v) in realised { s += "<circle class=\"realised-point\" cx=\"\(x(i))\" cy=\"\(y(v.cents))\" r=\"4\"/>" }
        }
        s += "<g class=\"legend\"><line x1=\"\(left)\" y1=\"8\" x2=\"\(left + 24)\" y2=\"8\" class=\"expected\"/><text x=\"\(left + 30)\" y=\"12\">verwacht</text>"
        s += "<line x1=\"\(left + 110)\" y1=\"8\" x2=\"\(left + 134)\" y2=\"8\" class=\"realised\"/><text x=\"\(left + 140)\" y=\"12\">gerealiseerd</text></g>"
        return s + "</svg>"
    }

    /// Horizontal bars with their value written next to them.
    static func bars(_ items: [(String, Money)], title: String, id: String) -> String {
        let w = 640, rowH = 28, left = 200, right = 110
        let h = max(1, items.count) * rowH + 10
        let maxValue = max(1, items.map(\.1.cents).max() ?? 1)
        let desc = items.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
        var s = open(id, title, desc.isEmpty ? "geen gegevens" : desc, width: w, height: h)
        for (i, item) in items.enumerated() {
            let y = 5 + i * rowH
            let len = Int(Int64(w - left - right) * item.1.cents / maxValue)
            s += "<text x=\"\(left - 8)\" y=\"\(y + 18)\" text-anchor=\"end\" class=\"label\">\(escape(item.0))</text>"
            s += "<rect x=\"\(left)\" y=\"\(y + 4)\" width=\"\(max(len, item.1.cents > 0 ? 2 : 0))\" height=\"\(rowH - 8)\" class=\"bar\"/>"
            s += "<text x=\"\(left + len + 6)\" y=\"\(y + 18)\" class=\"value\">\(escape(item.1.description))</text>"
        }
        return s + "</svg>"
    }

    /// Banenafspraak jobs against the organisation's goal: a bar with a marker where the goal is.
    static func goal(jobsThousandths: Int64, goal: Int, year: Int?, id: String = "goal") -> String {
        let w = 640, h = 70, left = 20, right = 20
        let goalThousandths = Int64(goal) * 1000
        let scale = max(goalThousandths, jobsThousandths, 1) * 11 / 10
        let plotW = w - left - right
        let len = Int(Int64(plotW) * jobsThousandths / scale), mark = left + Int(Int64(plotW) * goalThousandths / scale)
        let text = "\(BanenafspraakJobs.dutch(jobsThousandths)) banenafspraakbanen; doel \(goal)" + (year.map { " in \($0)" } ?? "")
        var s = open(id, "Banenafspraakbanen tegenover het doel", text, width: w, height: h)
        s += "<rect x=\"\(left)\" y=\"20\" width=\"\(plotW)\" height=\"22\" class=\"track\"/>"
        s += "<rect x=\"\(left)\" y=\"20\" width=\"\(len)\" height=\"22\" class=\"bar\"/>"
        s += "<line x1=\"\(mark)\" y1=\"12\" x2=\"\(mark)\" y2=\"50\" class=\"goal\"/>"
        s += "<text x=\"\(mark)\" y=\"64\" text-anchor=\"middle\" class=\"axis\">doel \(goal)</text>"
        s += "<text x=\"\(left)\" y=\"12\" class=\"axis\">\(escape(BanenafspraakJobs.dutch(jobsThousandths))) banen</text>"
        return s + "</svg>"
    }
}
