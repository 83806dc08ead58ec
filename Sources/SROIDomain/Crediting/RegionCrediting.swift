/// Out-of-region placements (buiten de arbeidsmarktregio): a policy says whether a placement of a person from
/// outside the buyer's labour-market region counts, fully (100%), for a share, or not at all (0%).
public enum RegionCrediting {
    /// True when both regions are known and differ; an unknown region is given the benefit of the doubt.
    public static func isOutOfRegion(placement: String?, contract: String?) -> Bool {
        guard let p = placement?.trimming(" "), let c = contract?.trimming(" "), !p.isEmpty, !c.isEmpty else { return false }
        return p.lowercased() != c.lowercased()
    }

    /// The valuation as credited: unchanged in the region, times the policy's share outside it.
    public static func credit(_ valuation: Valuation, placementRegion: String?, contractRegion: String?, share: Percentage) -> Valuation {
        guard isOutOfRegion(placement: placementRegion, contract: contractRegion), share.basisPoints < 10_000 else { return valuation }
        let credited = Money(cents: divideRoundingHalfUp(valuation.value.cents * Int64(share.basisPoints), by: 10_000))
        return Valuation(value: credited, explanation: valuation.explanation
            + ["Buiten de arbeidsmarktregio \(contractRegion ?? "") (\(placementRegion ?? "")): telt voor \(share) = \(credited)."])
    }
}
