import Foundation
import Testing
@testable import SROIApp

extension AppTests {
/// The import's bulk UUIDs are proper random (version 4, RFC 4122 variant) UUIDs, all different.
@Suite("Random UUIDs in bulk")
struct RandomUUIDsTests {
    @Test("10.000 at once: version 4, variant 10, no two alike; none asked, none given")
    func versionVariantAndUniqueness() {
        // Arrange / Act
        let ids = RandomUUIDs.make(10_000)

        // Check
        #expect(ids.count == 10_000)
        #expect(Set(ids).count == 10_000)
        for id in ids.prefix(500) {
            #expect(id.uuid.6 >> 4 == 4)
            #expect(id.uuid.8 >> 6 == 0b10)
            // The text form a database stores is Foundation's own.
            #expect(UUID(uuidString: id.uuidString) == id)
        }
        #expect(RandomUUIDs.make(0).isEmpty)
    }

    @Test("The fast text form is Foundation's uuidString, for random and for fixed UUIDs")
    func upperText() throws {
        // Arrange
        let fixed = try #require(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        // Act / Check
        #expect(fixed.upperText == "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")
        #expect(zero.upperText == "00000000-0000-0000-0000-000000000000")
        for id in RandomUUIDs.make(10_000) + [UUID(), UUID()] {
            #expect(id.upperText == id.uuidString)
        }
    }

    @Test("UUIDs read from text are Foundation's, in either case; anything but 36 characters of hex and hyphens is refused")
    func fromText() throws {
        // Arrange
        let ids = RandomUUIDs.make(10_000) + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
        // Act / Check
        for id in ids {
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.uuidString.lowercased()) == id)
        }
        #expect(UUID(text: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F") == UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        for bad in ["", "E621E1F8C36C495A93FC0C247A3E6E5F", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5FF",
                    "E621E1F8-C36C-495A-93FC_0C247A3E6E5F", "G621E1F8-C36C-495A-93FC-0C247A3E6E5F", "E621E1F8-C36C-495A-93FC-0C247A3E6E5é"] {
            #expect(UUID(text: bad) == nil, "\(bad)")
        }
    }
}
}
