import Foundation

/// The resident memory of this process, from /proc (Linux): now, and the highest since the last reset.
enum ProcessMemory {
    static func resident() -> Int { status("VmRSS:") }
    static func peak() -> Int { status("VmHWM:") }

    /// Writing 5 to clear_refs starts the high-water mark again from the current use.
    static func resetPeak() {
        if let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") { h.write(Data("5".utf8)); try? h.close() }
    }

    private static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }
}
