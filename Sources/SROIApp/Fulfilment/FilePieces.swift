import Foundation
import NIOCore

/// A file on disk as a sequence of pieces, for `sroi import hours`: read a quarter megabyte at a time, so a file
/// of any size is imported with the memory of one piece.
public struct FilePieces: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    public static let pieceSize = 256 * 1024
    let path: String

    public init(path: String) { self.path = path }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let error: (any Error)?

        public mutating func next() async throws -> ByteBuffer? {
            if let error { throw error }
            guard let data = try handle?.read(upToCount: FilePieces.pieceSize), !data.isEmpty else {
                try? handle?.close()
                return nil
            }
            return ByteBuffer(data: data)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        do { return AsyncIterator(handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: path)), error: nil) }
        catch { return AsyncIterator(handle: nil, error: error) }
    }
}
