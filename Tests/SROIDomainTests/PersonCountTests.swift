import SROIDomain
import Testing

/// The "< 5" rule with secondary suppression, each case worked out by hand.
@Suite("Small counts of persons")
struct PersonCountTests {
    @Test("Single counts: 1 to 4 read < 5, 0 and 5 or more are shown")
    func single() {
        #expect(SmallCountRule.protect(0) == .exact(0))
        #expect(SmallCountRule.protect(1) == .fewerThanFive)
        #expect(SmallCountRule.protect(4) == .fewerThanFive)
        #expect(SmallCountRule.protect(5) == .exact(5))
        #expect(SmallCountRule.protect(1_234).display == "1.234")
        #expect(SmallCountRule.protect(3).display == "< 5")
    }

    @Test("13 persons, 12 in one block and 1 in another: the 12 is withheld, else 13 − 12 gives the 1 away")
    func complementIsWithheld() {
        // Arrange / act
        let r = SmallCountRule.protect(total: 13, parts: [12, 1])
        // Check
        #expect(r.total == .exact(13))
        #expect(r.parts == [.withheld, .fewerThanFive])
        #expect(r.parts.map(\.display) == ["afgeschermd", "< 5"])
    }

    @Test("20 persons as 12, 6 and 2: the smallest shown part (6) is withheld, the 12 stays")
    func smallestOtherPartIsWithheld() {
        let r = SmallCountRule.protect(total: 20, parts: [12, 6, 2])
        #expect(r.total == .exact(20))
        #expect(r.parts == [.exact(12), .withheld, .fewerThanFive])
    }

    @Test("Two hidden parts need no more: 10, 2 and 1 of 13 tell only that 2 + 1 = 3")
    func twoHiddenParts() {
        let r = SmallCountRule.protect(total: 13, parts: [10, 2, 1, 0])
        #expect(r.parts == [.exact(10), .fewerThanFive, .fewerThanFive, .exact(0)])
    }

    @Test("A small total hides every part; nothing hidden leaves everything shown")
    func smallTotalAndNothingHidden() {
        let small = SmallCountRule.protect(total: 3, parts: [2, 1])
        #expect(small.total == .fewerThanFive)
        #expect(small.parts == [.fewerThanFive, .fewerThanFive])
        let large = SmallCountRule.protect(total: 15, parts: [10, 5, 0])
        #expect(large.total == .exact(15))
        #expect(large.parts == [.exact(10), .exact(5), .exact(0)])
    }

    @Test("Durable of judged: 5 of 6 would say 1 was not durable, so the 5 is withheld; 4 of 9 reads < 5 of 9")
    func partOfWhole() {
        let fiveOfSix = SmallCountRule.protect(part: 5, of: 6)
        #expect(fiveOfSix.part == .withheld)
        #expect(fiveOfSix.whole == .exact(6))
        let fourOfNine = SmallCountRule.protect(part: 4, of: 9)
        // The rest (5) is not shown anywhere, but would follow from 9 − 4: withheld as well in the group.
        #expect(fourOfNine.part == .fewerThanFive)
        #expect(fourOfNine.whole == .exact(9))
        let allOfSix = SmallCountRule.protect(part: 6, of: 6)
        #expect(allOfSix.part == .exact(6))
    }

    @Test("Someone who sees the persons gets exact counts")
    func seesPersons() {
        #expect(SmallCountRule.count(3, seesPersons: true) == .exact(3))
        #expect(SmallCountRule.count(3, seesPersons: false) == .fewerThanFive)
    }
}

@Suite("Target groups as a supplier writes them")
struct TargetGroupParsingTests {
    @Test("Codes, the labels the pages show and common words are read; anything else is not")
    func parse() {
        #expect(TargetGroup.parse("ww") == .unemploymentBenefit)
        #expect(TargetGroup.parse("WW") == .unemploymentBenefit)
        #expect(TargetGroup.parse("WIA / WAO") == .disabilityBenefit)
        #expect(TargetGroup.parse("wia") == .disabilityBenefit)
        #expect(TargetGroup.parse("Werkzoekende zonder uitkering") == .jobSeeker)
        #expect(TargetGroup.parse("job_seeker") == .jobSeeker)
        #expect(TargetGroup.parse("Bijstand") == .socialAssistance)
        #expect(TargetGroup.parse("Participatiewet") == .socialAssistance)
        #expect(TargetGroup.parse("banenafspraak (doelgroepregister)") == .banenafspraak)
        #expect(TargetGroup.parse("student mbo / hbo") == .studentMboHbo)
        #expect(TargetGroup.parse("leerling vso / PrO") == .studentVsoPro)
        #expect(TargetGroup.parse("statushouder") == nil)
        #expect(TargetGroup.parse("") == nil)
    }
}
