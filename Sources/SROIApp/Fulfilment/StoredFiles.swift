import Crypto
import Foundation
import SROIDomain

/// Files kept on disk under a random name (evidence, attachments of bids): written to a temporary name and renamed, so
/// a failure (a full disk) leaves nothing half-written.
enum StoredFiles {
    /// Writes `data` and answers its storage key and SHA-256; throws `EvidenceService.storageError` on failure.
    static func write(_ data: Data, directory: String) throws -> (key: String, sha256: String) {
        let fm = FileManager.default
        let key = UUID().uuidString.lowercased()
        let temporary = directory + "/." + key + ".part"
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try data.write(to: URL(fileURLWithPath: temporary))
            try fm.moveItem(atPath: temporary, toPath: directory + "/" + key)
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw EvidenceService.storageError(error)
        }
        return (key, Hex.lowercase(SHA256.hash(data: data)))
    }

    /// Runs `record` (the file's row and its audit entry); when that fails the stored file is removed again, so no
    /// file stays on disk without its record.
    static func keep(_ key: String, in directory: String, recordedBy record: () async throws -> Void) async throws {
        do {
            try await record()
        } catch {
            try? FileManager.default.removeItem(atPath: directory + "/" + key)
            throw error
        }
    }

    /// A file name as shown: its last path part, without line breaks or quotes, at most 150 characters.
    static func cleanName(_ filename: String) -> String {
        let clean = String(String(filename.split(separator: "/").last ?? "bestand").filter { !$0.isNewline && $0 != "\"" }.prefix(150))
        return clean.isEmpty ? "bestand" : clean
    }
}
