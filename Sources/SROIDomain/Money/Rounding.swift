/// Integer division rounded half up (half away from zero), the way Dutch amounts are rounded.
/// Money is never a floating point number, so every calculation ends here.
public func divideRoundingHalfUp(_ numerator: Int64, by denominator: Int64) -> Int64 {
    precondition(denominator != 0, "division by zero")
    let negative = (numerator < 0) != (denominator < 0)
    let n = numerator.magnitude
    let d = denominator.magnitude
    let quotient = n / d
    let remainder = n % d
    let rounded = remainder * 2 >= d ? quotient + 1 : quotient
    return negative ? -Int64(rounded) : Int64(rounded)
}
