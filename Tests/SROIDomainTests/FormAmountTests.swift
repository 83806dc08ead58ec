import SROIDomain
import Testing

@Suite("Amounts in form fields")
struct FormAmountTests {
    @Test("A form shows an amount without the euro sign, with cents only when there are any")
    func amount() {
        #expect(DutchNumberFormat.amount(Money(euros: 1_200_000)) == "1.200.000")
        #expect(DutchNumberFormat.amount(Money(cents: 2_009_132)) == "20.091,32")
        #expect(DutchNumberFormat.amount(Money(cents: -500)) == "-5")
    }
}
