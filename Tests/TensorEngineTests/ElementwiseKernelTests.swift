import Glibc
import Testing
@testable import TensorEngine

/// The strided elementwise loops and copies against element-by-element references
/// computed from the row-major values, over the layouts that take different paths:
/// contiguous, broadcast rows and columns, transposed, sliced with steps, ragged
/// transposed blocks, overlapping copies and dtype conversions.
@Suite struct ElementwiseKernelTests {
    /// 0, 1, 2, … as float32 of `shape`, with a sign pattern so order mistakes show.
    private func ramp(_ shape: [Int]) throws -> Tensor {
        let count = shape.reduce(1, *)
        return try Tensor(values: (0..<count).map { Float($0 % 7 == 3 ? -$0 : $0) }, shape: shape)
    }

    @Test func mergedDimsKeepEveryOperandsStrides() {
        // A contiguous [2, 3, 4] merges to one dim; a [2, 3, 4] view broadcasting its
        // middle dim cannot merge across it.
        let contiguous = View(contiguous: [2, 3, 4])
        let loop = StridedLoop(shape: [2, 3, 4], output: contiguous, contiguous)
        #expect(loop.rank == 1 && loop.size(0) == 24)
        let broadcast = View(shape: [2, 3, 4], strides: [4, 0, 1], offset: 5)
        let mixed = StridedLoop(shape: [2, 3, 4], output: contiguous, broadcast)
        #expect((0..<mixed.rank).map { mixed.size($0) } == [2, 3, 4])
        #expect((0..<mixed.rank).map { mixed.stride(1, $0) } == [4, 0, 1])
        var rows: [(Int, Int)] = []
        mixed.forEachRow { out, first, _ in rows.append((out, first)) }
        #expect(rows.map(\.0) == [0, 4, 8, 12, 16, 20])
        #expect(rows.map(\.1) == [5, 5, 5, 9, 9, 9])
    }

    @Test func broadcastAddMatchesElementwiseReference() throws {
        let x = try ramp([5, 7])
        let row = try ramp([7])
        let column = try ramp([5, 1])
        let xs = x.elements(as: Float.self), rs = row.elements(as: Float.self), cs = column.elements(as: Float.self)
        let plusRow = try binary(.add, .tensor(x), .tensor(row)).elements(as: Float.self)
        let plusColumn = try binary(.subtract, .tensor(column), .tensor(x)).elements(as: Float.self)
        for i in 0..<5 {
            for j in 0..<7 {
                #expect(plusRow[i * 7 + j] == xs[i * 7 + j] + rs[j])
                #expect(plusColumn[i * 7 + j] == cs[i] - xs[i * 7 + j])
            }
        }
    }

    @Test func stridedOperandsAndScalarsGiveTheSameValuesAsContiguousCopies() throws {
        let base = try ramp([6, 10])
        let stepped = try base.slice(1, start: 1, end: 10, step: 3).t()   // [3, 6], non-unit strides
        let dense = try stepped.clone()
        #expect(dense.isContiguous)
        let viaView = try binary(.multiply, .tensor(stepped), .scalar(.float(0.5))).elements(as: Float.self)
        let viaCopy = try binary(.multiply, .tensor(dense), .scalar(.float(0.5))).elements(as: Float.self)
        #expect(viaView == viaCopy)
        #expect(viaView == dense.elements(as: Float.self).map { $0 * 0.5 })
        let compared = try binary(.greater, .tensor(stepped), .scalar(.int(20))).elements(as: Bool.self)
        #expect(compared == dense.elements(as: Float.self).map { $0 > 20 })
    }

    @Test func mixedDtypesConvertBeforeTheKernel() throws {
        let integers = try Tensor(values: [Int64(1), -2, 3, 7], shape: [2, 2])
        let floats = try Tensor(values: [Float(0.5), 0.25], shape: [2])
        let sum = try binary(.add, .tensor(integers), .tensor(floats))
        #expect(sum.dtype == .float32)
        #expect(sum.elements(as: Float.self) == [1.5, -1.75, 3.5, 7.25])
        let quotient = try binary(.floorDivide, .tensor(integers), .scalar(.int(2)))
        #expect(quotient.elements(as: Int64.self) == [0, -1, 1, 3])
        #expect(throws: TensorError.self) { try binary(.remainder, .tensor(integers), .scalar(.int(0))) }
    }

    @Test(arguments: [[8, 8], [16, 24], [13, 21], [1, 9], [9, 1], [70, 65], [3, 4]])
    func transposedCopiesMatchTheReference(shape: [Int]) throws {
        let source = try ramp(shape)
        let values = source.elements(as: Float.self)
        let copied = try source.t().contiguous()
        #expect(copied.shape == [shape[1], shape[0]])
        let expected = (0..<shape[1]).flatMap { j in (0..<shape[0]).map { i in values[i * shape[1] + j] } }
        #expect(copied.elements(as: Float.self) == expected)
        // Doubles and a converting copy take the scalar tiles.
        let asDouble = try source.t().to(.float64)
        #expect(asDouble.elements(as: Double.self) == expected.map(Double.init))
        let int32Copy = try source.to(.int32).t().contiguous()
        #expect(int32Copy.elements(as: Int32.self) == expected.map { Int32($0) })
    }

    @Test func permutedGatherCopyMatchesTheReference() throws {
        // The Swin bias layout: [49, 49, 4] permuted to [4, 49, 49].
        let table = try ramp([49, 49, 4])
        let values = table.elements(as: Float.self)
        let permuted = try table.permute([2, 0, 1]).contiguous().elements(as: Float.self)
        for head in 0..<4 {
            for i in stride(from: 0, to: 49, by: 7) {
                for j in 0..<49 { #expect(permuted[(head * 49 + i) * 49 + j] == values[(i * 49 + j) * 4 + head]) }
            }
        }
    }

    @Test func overlappingCopyReadsBeforeItWrites() throws {
        let x = try ramp([6])
        let before = x.elements(as: Float.self)
        try x.slice(0, start: 1, end: 6, step: 1).copy(from: try x.slice(0, start: 0, end: 5, step: 1))
        #expect(x.elements(as: Float.self) == [before[0]] + before[0..<5])
        let square = try ramp([4, 4])
        let expected = try square.t().clone().elements(as: Float.self)
        try square.copy(from: try square.t())
        #expect(square.elements(as: Float.self) == expected)
    }

    @Test func unaryOpsReadStridedInputs() throws {
        let x = try ramp([4, 6])
        let column = try x.slice(1, start: 2, end: 3, step: 1)
        let expected = column.elements(as: Float.self).map { Float(Double($0).magnitude.squareRoot()) }
        #expect(try column.unary(.abs).unary(.sqrt).elements(as: Float.self) == expected)
        #expect(try x.t().unary(.negate).elements(as: Float.self) == x.t().elements(as: Float.self).map { -$0 })
    }

    @Test func powerByCommonExponentsUsesPyTorchsExactForms() throws {
        let x = try Tensor(values: [Float(1.1), 2.5, -3.3, 0.7, 1e-3, 7.25], shape: [2, 3])
        let values = x.elements(as: Float.self)
        func power(_ exponent: Scalar) throws -> [Float] {
            try binary(.power, .tensor(x), .scalar(exponent)).elements(as: Float.self)
        }
        #expect(try power(.int(2)) == values.map { $0 * $0 })
        #expect(try power(.float(3)) == values.map { $0 * $0 * $0 })
        #expect(try power(.int(-2)) == values.map { 1 / ($0 * $0) })
        #expect(try power(.int(-1)) == values.map { 1 / $0 })
        let roots = try power(.float(0.5))
        #expect(roots[0] == values[0].squareRoot() && roots[2].isNaN)
        #expect(try power(.float(-0.5))[1] == 1 / values[1].squareRoot())
        // Other exponents go through pow; six elements are all tail, where the exponent is
        // a double.
        #expect(try power(.float(1.5))[1] == Float(Glibc.pow(2.5, 1.5)))
        #expect(try power(.int(1)) == values)
        #expect(try power(.bool(false)) == [1, 1, 1, 1, 1, 1])
    }

    /// PyTorch's bits (AVX2, recorded): its pow kernel runs SLEEF's powf on each whole
    /// block of 16 floats and pow in double on the rest, and the two round
    /// -1.264051079750061^4 differently.
    @Test func powerRoundsLikePyTorchOnVectorBlocksAndTail() throws {
        let base = Float(bitPattern: UInt32(bitPattern: -1_079_915_411))
        let x = try Tensor(values: [Float](repeating: base, count: 17), shape: [17])
        let bits = try binary(.power, .tensor(x), .scalar(.int(4))).elements(as: Float.self).map(\.bitPattern)
        #expect(bits == [UInt32](repeating: 1_076_061_464, count: 16) + [1_076_061_463])
        // A tensor exponent takes the same SLEEF blocks; its tail is powf.
        let four = try Tensor(values: [Float](repeating: 4, count: 17), shape: [17])
        let tensorBits = try binary(.power, .tensor(x), .tensor(four)).elements(as: Float.self).map(\.bitPattern)
        #expect(tensorBits[0] == 1_076_061_464 && tensorBits[16] == 1_076_061_463)
    }

    @Test func whereSelectsAcrossBroadcastAndPromotion() throws {
        let condition = try Tensor(values: [true, false, true], shape: [3])
        let a = try Tensor(values: [Int64(1), 2, 3, 4, 5, 6], shape: [2, 3])
        let chosen = try whereSelect(condition, .tensor(a), .scalar(.float(-0.5)))
        #expect(chosen.dtype == .float32)
        #expect(chosen.shape == [2, 3])
        #expect(chosen.elements(as: Float.self) == [1, -0.5, 3, 4, -0.5, 6])
        let columns = try Tensor(values: [false, true, true], shape: [3, 1])
        let mixed = try whereSelect(columns, .tensor(a.t()), .scalar(.int(0)))
        #expect(mixed.elements(as: Int64.self) == [0, 0, 2, 5, 3, 6])
    }
}
