@testable import Interpreter
import Testing

/// The arbitrary-precision ints behind Python ints past Int64, against Int64 arithmetic
/// where it does not overflow and against identities where it does.
@Suite("big ints")
struct BigIntTests {
    static let samples: [Int64] = [0, 1, -1, 2, -7, 12_345, 1 << 31, -(1 << 31), (1 << 32) - 1, 1 << 32, 987_654_321_987,
                                   Int64(Int32.max) * 3, -4_611_686_018_427_387_904, 3_037_000_499, Int64.max, Int64.min]

    @Test("add, subtract, multiply and floor-divide agree with Int64 where it does not overflow")
    func agreesWithInt64() {
        for a in Self.samples {
            for b in Self.samples {
                let x = BigInt(a), y = BigInt(b)
                if case let (sum, false) = a.addingReportingOverflow(b) { #expect(x + y == BigInt(sum), "\(a) + \(b)") }
                if case let (difference, false) = a.subtractingReportingOverflow(b) { #expect(x - y == BigInt(difference), "\(a) - \(b)") }
                if case let (product, false) = a.multipliedReportingOverflow(by: b) { #expect(x * y == BigInt(product), "\(a) * \(b)") }
                guard b != 0, !(a == .min && b == -1) else { continue }
                var quotient = a / b, remainder = a % b
                if remainder != 0 && (remainder < 0) != (b < 0) { quotient -= 1; remainder += b }
                let result = x.flooredDivided(by: y)
                #expect(result.quotient == BigInt(quotient) && result.remainder == BigInt(remainder), "\(a) // \(b)")
            }
        }
    }

    @Test("(a * b + r) // b gives back a and r for values far past 64 bits")
    func divisionInvertsMultiplication() {
        let a = BigInt(digits: "123456789012345678901234567890123456789", radix: 10, isNegative: false)!
        let b = BigInt(digits: "98765432109876543210987", radix: 10, isNegative: true)!
        let r = BigInt(digits: "12345", radix: 10, isNegative: true)!
        let (quotient, remainder) = (a * b + r).flooredDivided(by: b)
        #expect(quotient == a && remainder == r)
        #expect((a * b).text() == "-12193263113702179522618422493004842249299264898618678204540743")
    }

    @Test("text round-trips in every radix", arguments: [2, 8, 10, 16, 36])
    func textRoundTrips(_ radix: Int) {
        let value = BigInt(1).shiftedLeft(by: 200) - BigInt(987_654_321)
        for number in [value, -value, BigInt(0), BigInt(-1)] {
            let text = number.text(radix: radix)
            let parsed = BigInt(digits: Substring(text.drop { $0 == "-" }), radix: radix, isNegative: text.hasPrefix("-"))
            #expect(parsed == number, "\(text)")
        }
        #expect(BigInt(Int64.min).text(radix: radix) == String(Int64.min, radix: radix))
    }

    @Test("doubles convert exactly both ways, rounding to nearest even")
    func doubleConversion() {
        #expect(BigInt(truncating: 0x1p80)!.text() == "1208925819614629174706176")
        #expect(BigInt(truncating: -1e30)!.text() == "-1000000000000000019884624838656")
        #expect(BigInt(1).shiftedLeft(by: 80).double == 0x1p80)
        // 2**64 + 2**11 lies halfway between two doubles; the even one is 2**64.
        #expect((BigInt(1).shiftedLeft(by: 64) + BigInt(1 << 11)).double == 0x1p64)
        #expect((BigInt(1).shiftedLeft(by: 64) + BigInt(1 << 11) + BigInt(1)).double == 0x1p64 + 0x1p12)
        #expect(BigInt(1).shiftedLeft(by: 1024).double == nil)
    }

    @Test("CPython's hash of ints: modulo 2**61 - 1")
    func pythonHash() {
        #expect(BigInt(1).shiftedLeft(by: 100).pythonHash == 549_755_813_888)
        #expect((-BigInt(1).shiftedLeft(by: 100)).pythonHash == -549_755_813_888)
        #expect(BigInt((1 << 61) - 1).pythonHash == 0)
        #expect(BigInt(-1).pythonHash == -2)
    }

    @Test("shifts and bitwise operators follow two's complement")
    func bitwise() {
        for a in Self.samples {
            for b in Self.samples {
                #expect(BigInt.bitwise(BigInt(a), BigInt(b), &) == BigInt(a & b))
                #expect(BigInt.bitwise(BigInt(a), BigInt(b), |) == BigInt(a | b))
                #expect(BigInt.bitwise(BigInt(a), BigInt(b), ^) == BigInt(a ^ b))
            }
            for count in [0, 1, 5, 31, 32, 33, 62] {
                #expect(BigInt(a).shiftedRight(by: count) == BigInt(a >> count), "\(a) >> \(count)")
            }
        }
    }
}
