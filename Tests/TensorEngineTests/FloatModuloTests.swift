import Glibc
import Testing
@testable import TensorEngine

/// float32 fmod, remainder and floor_divide: the Double-based fmod against libm's fmodf over
/// random bit patterns (every exponent, signs, subnormals, infinities and NaN), and the sign
/// and rounding rules of Python's modulo and floor division.
@Suite struct FloatModuloTests {
    @Test("exactFloatFmod agrees with fmodf to the bit")
    func fmodMatchesLibm() {
        var generator = TestBitGenerator(state: 19)
        var mismatches: [(Float, Float)] = []
        for round in 0..<400_000 {
            let a = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            // Half the divisors near the dividend's size, so the fast path is exercised.
            let b = round % 2 == 0
                ? Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
                : a * Float(bitPattern: 0x3F00_0000 | (UInt32(truncatingIfNeeded: generator.next()) & 0x00FF_FFFF)) / 3
            let fast = exactFloatFmod(a, b), slow = fmodf(a, b)
            if fast.bitPattern != slow.bitPattern && !(fast.isNaN && slow.isNaN) { mismatches.append((a, b)) }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(3))")
    }

    @Test("remainder and floor_divide take the divisor's sign and floor")
    func remainderAndFloorDivide() {
        #expect(floatRemainder(-7 as Float, 2) == 1)
        #expect(floatRemainder(7 as Float, -2) == -1)
        #expect(floatRemainder(-0.0 as Float, 3).sign == .minus)
        #expect(floatFloorDivide(-7 as Float, 2) == -4)
        #expect(floatFloorDivide(7 as Float, -2) == -4)
        #expect(floatFloorDivide(1 as Float, 0) == .infinity)
        #expect(floatFloorDivide(-0.5 as Float, 3).sign == .minus && floatFloorDivide(-0.5 as Float, 3) == -1)
        #expect(floatFloorDivide(0.5 as Float, -3) == -1)
        #expect(floatFloorDivide(0 as Float, -3).sign == .minus)
    }
}
