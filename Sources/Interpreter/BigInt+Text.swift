/// BigInt's text forms, Python's hash, and the bitwise operators.
extension BigInt {
    /// CPython refuses decimal conversions of ints longer than this (`sys.int_info`).
    static let maximumDecimalDigits = 4300

    /// Digits in `radix` (2...36), lowercase, with a leading "-" when negative.
    func text(radix: Int = 10) -> String {
        guard !isZero else { return "0" }
        // Peel off the largest power of the radix that fits a limb, then its digits.
        var chunk: UInt32 = UInt32(radix), chunkDigits = 1
        while UInt64(chunk) * UInt64(radix) <= UInt64(UInt32.max) {
            chunk *= UInt32(radix)
            chunkDigits += 1
        }
        var pieces: [String] = []
        var rest = limbs
        while !rest.isEmpty {
            let (quotient, remainder) = BigInt.divideMagnitudes(rest, [chunk])
            rest = BigInt(isNegative: false, limbs: quotient).limbs
            let digits = String(remainder.first ?? 0, radix: radix)
            pieces.append(rest.isEmpty ? digits : String(repeating: "0", count: chunkDigits - digits.count) + digits)
        }
        return (isNegative ? "-" : "") + pieces.reversed().joined()
    }

    /// Parses digits in `radix` (underscores already checked and removed), or nil.
    init?(digits: Substring, radix: Int, isNegative: Bool) {
        guard !digits.isEmpty else { return nil }
        var value = BigInt(0)
        let base = BigInt(Int64(radix))
        for character in digits {
            guard let digit = character.hexDigitValue ?? Self.letterDigit(character), digit < radix else { return nil }
            value = value * base + BigInt(Int64(digit))
        }
        self = isNegative ? -value : value
    }

    private static func letterDigit(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue, character.isLetter else { return nil }
        return Int(ascii | 0x20) - Int(Character("a").asciiValue!) + 10
    }

    /// CPython's hash of an int: the value modulo 2**61 - 1, with its sign (-1 becomes -2).
    var pythonHash: Int {
        let modulus: UInt64 = (1 << 61) - 1
        var residue: UInt64 = 0
        for limb in limbs.reversed() {
            // residue * 2**32 mod (2**61 - 1), as CPython rotates its digits in.
            residue = ((residue << 32) & modulus) | (residue >> 29)
            residue += UInt64(limb)
            if residue >= modulus { residue -= modulus }
        }
        let signed = isNegative ? -Int(residue) : Int(residue)
        return signed == -1 ? -2 : signed
    }

    /// The bits of a value as two's complement over `count` limbs (wide enough to hold it
    /// with a sign bit to spare).
    private func twosComplement(limbCount count: Int) -> [UInt32] {
        var result = limbs + [UInt32](repeating: 0, count: count - limbs.count)
        guard isNegative else { return result }
        var carry: UInt64 = 1
        for index in result.indices {
            let sum = UInt64(~result[index]) + carry
            result[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        return result
    }

    private init(twosComplement bits: [UInt32]) {
        guard let top = bits.last, top >> 31 == 1 else {
            self.init(isNegative: false, limbs: bits)
            return
        }
        var magnitude = bits.map { ~$0 }
        var carry: UInt64 = 1
        for index in magnitude.indices {
            let sum = UInt64(magnitude[index]) + carry
            magnitude[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        self.init(isNegative: true, limbs: magnitude)
    }

    /// `&`, `|` or `^` on Python's infinite two's complement.
    static func bitwise(_ a: BigInt, _ b: BigInt, _ combine: (UInt32, UInt32) -> UInt32) -> BigInt {
        let count = max(a.limbs.count, b.limbs.count) + 1
        let x = a.twosComplement(limbCount: count), y = b.twosComplement(limbCount: count)
        return BigInt(twosComplement: zip(x, y).map(combine))
    }
}
