import XCTest
@testable import SROIDomain

final class ObligationCalculatorTests: XCTestCase {
    func term(_ a: String, _ b: String) -> Term { Term(start: Day(iso: a)!, end: Day(iso: b)!)! }

    let threeYears = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2028-12-31")!)!

    func testCleaningContractOwesFivePercentOfValue() {
        // DOMAIN.md worked example: € 1.200.000, wage sum € 800.000 (labour share 66,67%) → 5% = € 60.000.
        let terms = ContractTerms(value: Money(euros: 1_200_000), wageSum: Money(euros: 800_000), kind: .dienst,
                                  cpv: CPVCode("90910000"), term: threeYears)
        let result = ObligationCalculator.calculate(terms, policy: .municipalDefault)
        XCTAssertTrue(result.applicable)
        XCTAssertEqual(result.amount, Money(euros: 60_000))
        XCTAssertEqual(result.rule, .standard)
        XCTAssertEqual(result.percentage, .percent(5))
        XCTAssertEqual(result.base, .contractValue)
        XCTAssertEqual(result.explanation.last, "5% van de opdrachtwaarde van € 1.200.000 = € 60.000")
        XCTAssertTrue(result.explanation.contains { $0.contains("arbeidsaandeel van 66,67%") }, "\(result.explanation)")
        XCTAssertTrue(result.explanation[0].hasPrefix("Social return is van toepassing"))
    }

    func testLowLabourShareWithKnownWageSumTakesFivePercentOfWageSum() {
        // € 1.000.000 with wage sum € 300.000 → labour share 30% < 50% → 5% × 300.000 = € 15.000.
        let terms = ContractTerms(value: Money(euros: 1_000_000), wageSum: Money(euros: 300_000), kind: .werk,
                                  cpv: CPVCode("45000000"), term: threeYears)
        let result = ObligationCalculator.calculate(terms, policy: .municipalDefault)
        XCTAssertEqual(result.rule, .lowLabourShareOfWageSum)
        XCTAssertEqual(result.amount, Money(euros: 15_000))
        XCTAssertEqual(result.explanation.last, "5% van de loonsom van € 300.000 = € 15.000")
    }

    func testLowLabourShareWithoutWageSumTakesTwoPercentOfValue() {
        // € 1.000.000, labour share 40% given, wage sum unknown → 2% × 1.000.000 = € 20.000.
        let terms = ContractTerms(value: Money(euros: 1_000_000), labourShare: .percent(40), kind: .dienst,
                                  cpv: CPVCode("72000000"), term: threeYears)
        let result = ObligationCalculator.calculate(terms, policy: .municipalDefault)
        XCTAssertEqual(result.rule, .lowLabourShareOfValue)
        XCTAssertEqual(result.amount, Money(euros: 20_000))
        XCTAssertEqual(result.explanation.last, "2% van de opdrachtwaarde van € 1.000.000 = € 20.000")
    }

    func testCategoryPercentage() {
        // A policy with catering at 6%: € 250.000 × 6% = € 15.000.
        var policy = SocialReturnPolicy.municipalDefault
        policy.categories = [CategoryRule(name: "Catering", cpvPrefix: "555", percentage: .percent(6), labourIntensive: true)]
        let terms = ContractTerms(value: Money(euros: 250_000), kind: .dienst, cpv: CPVCode("55520000-1"), term: threeYears)
        let result = ObligationCalculator.calculate(terms, policy: policy)
        XCTAssertEqual(result.rule, .category)
        XCTAssertEqual(result.amount, Money(euros: 15_000))
        XCTAssertEqual(result.explanation.last, "6% van de opdrachtwaarde van € 250.000 = € 15.000")
    }

    func testMostSpecificCategoryWins() {
        let rules = [CategoryRule(name: "Schoonmaak", cpvPrefix: "909", percentage: .percent(6), labourIntensive: true),
                     CategoryRule(name: "Glasbewassing", cpvPrefix: "909113", percentage: .percent(7), labourIntensive: true)]
        XCTAssertEqual(rules.rule(for: CPVCode("90911300"))?.name, "Glasbewassing")
        XCTAssertEqual(rules.rule(for: CPVCode("90910000"))?.name, "Schoonmaak")
        XCTAssertNil(rules.rule(for: CPVCode("72000000")))
    }

    func testValueThreshold() {
        // € 99.999 is below € 100.000; € 100.000 is at the threshold: 5% = € 5.000.
        let below = ContractTerms(value: Money(euros: 99_999), kind: .dienst, term: threeYears)
        let result = ObligationCalculator.calculate(below, policy: .municipalDefault)
        XCTAssertFalse(result.applicable)
        XCTAssertEqual(result.amount, .zero)
        XCTAssertEqual(result.explanation, ["Social return is niet van toepassing: de opdrachtwaarde van € 99.999 is lager dan de drempel van € 100.000."])
        let at = ContractTerms(value: Money(euros: 100_000), kind: .dienst, term: threeYears)
        XCTAssertEqual(ObligationCalculator.calculate(at, policy: .municipalDefault).amount, Money(euros: 5_000))
    }

    func testDurationThreshold() {
        let six = ContractTerms(value: Money(euros: 500_000), kind: .dienst, term: term("2026-01-01", "2026-06-30"))
        XCTAssertTrue(ObligationCalculator.calculate(six, policy: .municipalDefault).applicable)
        let five = ContractTerms(value: Money(euros: 500_000), kind: .dienst, term: term("2026-01-01", "2026-06-29"))
        let result = ObligationCalculator.calculate(five, policy: .municipalDefault)
        XCTAssertFalse(result.applicable)
        XCTAssertTrue(result.explanation[0].contains("looptijd van 5 maanden is korter dan 6 maanden"))
    }

    func testSuppliesOnlyByExplicitChoice() {
        let terms = ContractTerms(value: Money(euros: 500_000), kind: .levering, term: threeYears)
        let result = ObligationCalculator.calculate(terms, policy: .municipalDefault)
        XCTAssertFalse(result.applicable)
        XCTAssertTrue(result.explanation[0].contains("levering"))
        var policy = SocialReturnPolicy.municipalDefault
        policy.appliesToSupplies = true
        XCTAssertEqual(ObligationCalculator.calculate(terms, policy: policy).amount, Money(euros: 25_000))
    }

    func testSeveralReasonsAgainstAreAllNamed() {
        let terms = ContractTerms(value: Money(euros: 50_000), kind: .levering, term: term("2026-01-01", "2026-03-31"))
        let text = ObligationCalculator.calculate(terms, policy: .municipalDefault).explanation[0]
        XCTAssertTrue(text.contains("€ 50.000"))
        XCTAssertTrue(text.contains("3 maanden"))
        XCTAssertTrue(text.contains(" en het is een levering"))
    }

    func testNationalGovernmentTakesFivePercentOfWageSumFrom250000() {
        // Rijk: wage sum € 800.000 ≥ € 250.000 → 5% × 800.000 = € 40.000.
        let terms = ContractTerms(value: Money(euros: 1_200_000), wageSum: Money(euros: 800_000), kind: .dienst, term: threeYears)
        let result = ObligationCalculator.calculate(terms, policy: .nationalGovernment)
        XCTAssertEqual(result.rule, .wageSum)
        XCTAssertEqual(result.amount, Money(euros: 40_000))
        XCTAssertEqual(result.explanation.last, "5% van de loonsom van € 800.000 = € 40.000")
        // € 249.999 is below the threshold; an unknown wage sum cannot meet it.
        let small = ContractTerms(value: Money(euros: 1_200_000), wageSum: Money(euros: 249_999), kind: .dienst, term: threeYears)
        XCTAssertFalse(ObligationCalculator.calculate(small, policy: .nationalGovernment).applicable)
        let unknown = ContractTerms(value: Money(euros: 1_200_000), kind: .dienst, term: threeYears)
        let r = ObligationCalculator.calculate(unknown, policy: .nationalGovernment)
        XCTAssertFalse(r.applicable)
        XCTAssertTrue(r.explanation[0].contains("loonsom is onbekend"))
        // The Rijk has no value threshold: € 90.000 with a wage sum of € 260.000 → € 13.000.
        let lowValue = ContractTerms(value: Money(euros: 90_000), wageSum: Money(euros: 260_000), kind: .dienst, term: threeYears)
        XCTAssertEqual(ObligationCalculator.calculate(lowValue, policy: .nationalGovernment).amount, Money(euros: 13_000))
    }

    func testOverrideKeepsComputedValueAndNeedsReason() {
        let terms = ContractTerms(value: Money(euros: 1_200_000), wageSum: Money(euros: 800_000), kind: .dienst, term: threeYears)
        let computed = ObligationCalculator.calculate(terms, policy: .municipalDefault)
        let override = ObligationOverride(amount: Money(euros: 45_000), reason: "Afspraak in de gunningsleidraad")
        XCTAssertEqual(override.validate(), [])
        let effective = EffectiveObligation(computed: computed, override: override)
        XCTAssertEqual(effective.amount, Money(euros: 45_000))
        XCTAssertEqual(effective.computed.amount, Money(euros: 60_000))
        XCTAssertEqual(effective.explanation.last,
                       "Aangepast door de coördinator: bedrag vastgesteld op € 45.000 in plaats van € 60.000. Reden: Afspraak in de gunningsleidraad")

        XCTAssertEqual(ObligationOverride(amount: Money(euros: 1), reason: "  ").validate().map(\.field), ["reason"])
        let notApplicable = EffectiveObligation(computed: computed, override: ObligationOverride(applicable: false, reason: "Raamcontract zonder personeel"))
        XCTAssertFalse(notApplicable.applicable)
        XCTAssertEqual(notApplicable.amount, .zero)
    }

    func testOverrideMakesApplicableWithAmount() {
        let small = ContractTerms(value: Money(euros: 80_000), kind: .dienst, term: threeYears)
        let computed = ObligationCalculator.calculate(small, policy: .municipalDefault)
        let effective = EffectiveObligation(computed: computed, override: ObligationOverride(applicable: true, amount: Money(euros: 4_000), reason: "Bewuste keuze"))
        XCTAssertTrue(effective.applicable)
        XCTAssertEqual(effective.amount, Money(euros: 4_000))
        XCTAssertTrue(effective.explanation.last!.contains("wel van toepassing verklaard en bedrag vastgesteld op € 4.000 in plaats van € 0"))
    }

    func testPolicyValidationNamesFields() {
        var policy = SocialReturnPolicy.municipalDefault
        policy.standardPercentage = Percentage(basisPoints: 12_000)
        policy.statusAmberThreshold = .percent(95)
        policy.categories.append(CategoryRule(name: "", cpvPrefix: "9a", labourIntensive: false))
        let fields = policy.validate().map(\.field)
        XCTAssertEqual(fields, ["standardPercentage", "statusAmberThreshold", "categories[7].name", "categories[7].cpvPrefix"])
        XCTAssertEqual(SocialReturnPolicy.municipalDefault.validate(), [])
        XCTAssertEqual(SocialReturnPolicy.nationalGovernment.validate(), [])
    }
}

final class VocabularyTests: XCTestCase {
    func testCPVDivisionNamesAndRegions() {
        XCTAssertEqual(CPVDivision.name(of: CPVCode("72000000")!), "ICT-diensten")
        XCTAssertEqual(CPVDivision.name(of: CPVCode("39130000")!), "Meubilair en inrichting")
        XCTAssertNil(CPVCode("7200000"))
        XCTAssertNil(CPVCode("72000000-12"))
        XCTAssertEqual(LabourMarketRegion.all.count, 35)
        XCTAssertEqual(Set(LabourMarketRegion.all).count, 35)
    }
}

final class PolicyDocumentTests: XCTestCase {
    func testThePolicyTextStatesThePolicysRealNumbers() {
        var policy = SocialReturnPolicy.municipalDefault
        policy.name = "Beleidskader Voorbeeldstad"
        policy.minimumValue = Money(euros: 150_000)
        policy.standardPercentage = Percentage(basisPoints: 550)
        policy.categories = [CategoryRule(name: "Groenonderhoud", cpvPrefix: "7731", percentage: .percent(6), labourIntensive: true)]
        let text = PolicyDocument.markdown(policy, organisation: "Gemeente Voorbeeldstad", version: 3)
        for section in ["## Doel", "## Doelgroepen", "## Toepassing", "## Realisatie", "## Monitoring", "## Rolverdeling", "## Beoogde resultaten"] {
            XCTAssertTrue(text.contains(section), section)
        }
        XCTAssertTrue(text.contains("als de opdrachtwaarde minstens € 150.000 excl. btw is"))
        XCTAssertTrue(text.contains("De verplichting is 5,5% van de opdrachtwaarde"))
        XCTAssertTrue(text.contains("Groenonderhoud (CPV 7731…) 6%"))
        XCTAssertTrue(text.contains("| Participatiewet | € 40.000 | 24 maanden |"))
        XCTAssertTrue(text.contains("rapporteert per kwartaal"))
        let rijk = PolicyDocument.markdown(.nationalGovernment, organisation: "Ministerie", version: 1)
        XCTAssertTrue(rijk.contains("de loonsom minstens € 250.000 is"))
        XCTAssertTrue(rijk.contains("De verplichting is 5% van de loonsom."))
    }
}

final class TenderAnnexTests: XCTestCase {
    func testTheAnnexStatesTheObligationAndTheRules() {
        let terms = ContractTerms(value: Money(euros: 1_200_000), wageSum: Money(euros: 800_000), kind: .dienst,
                                  term: Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2028-12-31")!)!)
        let obligation = ObligationCalculator.calculate(terms, policy: .municipalDefault)
        let text = TenderAnnex.markdown(title: "Schoonmaak", buyer: "Gemeente Voorbeeldstad", obligation: obligation, policy: .municipalDefault)
        XCTAssertTrue(text.contains("verplichting van **€ 60.000**"))
        XCTAssertTrue(text.contains("- 5% van de opdrachtwaarde van € 1.200.000 = € 60.000"))
        XCTAssertTrue(text.contains("- Participatiewet: € 40.000"))
        XCTAssertTrue(text.contains("U rapporteert per kwartaal"))
    }
}
