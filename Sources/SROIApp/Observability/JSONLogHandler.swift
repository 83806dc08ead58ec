import Foundation
import Logging

/// One JSON object per line on standard error (`SROI_LOG_FORMAT=json`), for a log collector: time, level,
/// logger, message and the metadata (request id, route) as fields.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        FileHandle.standardError.write(Data((Self.line(level: level, label: label, message: message.description,
                                                       metadata: metadata.merging(explicit ?? [:]) { $1 }, date: Date()) + "\n").utf8))
    }

    static func line(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, date: Date) -> String {
        var object: [String: String] = [:]
        for (key, value) in metadata { object[key] = "\(value)" }
        object["ts"] = ISO8601DateFormatter().string(from: date)
        object["level"] = level.rawValue
        object["logger"] = label
        object["message"] = message
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"message\":\"log line could not be encoded\"}"
    }
}
