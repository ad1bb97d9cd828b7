import Foundation
import Testing
@testable import TensorEngine

/// index_select, scatter and logsumexp have typed fast paths for contiguous layouts; these
/// check them, every dim and a few dtypes, against plain loops over the row-major values
/// (and against the strided general path, which a transposed copy takes).
@Suite struct IndexingFastPathTests {
    /// Deterministic values spread over several magnitudes, so sums round visibly.
    private func values(_ count: Int, seed: UInt64 = 1) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Float(state >> 40) / Float(1 << 24) - 0.5
            return unit * (state & 0x300 == 0 ? 1e5 : 10)
        }
    }

    /// The same values as `tensor`, through a view that is not contiguous.
    private func strided(_ tensor: Tensor) throws -> Tensor {
        let reversed = Array((0..<tensor.rank).reversed())
        let copy = try tensor.permute(reversed).contiguous().permute(reversed)
        #expect(!copy.isContiguous)
        return copy
    }

    /// Row-major coordinates of every position of `shape`.
    private func coordinates(_ shape: [Int]) -> [[Int]] {
        var all: [[Int]] = [[]]
        for size in shape { all = all.flatMap { prefix in (0..<size).map { prefix + [$0] } } }
        return all
    }

    private func flatIndex(_ coordinate: [Int], _ shape: [Int]) -> Int {
        zip(coordinate, shape).reduce(0) { $0 * $1.1 + $1.0 }
    }

    @Test func indexSelectCopiesTheChosenSlicesAlongEveryDim() throws {
        let shape = [4, 5, 6]
        let input = values(120)
        let tensor = try Tensor(values: input, shape: shape)
        let indexValues: [[Int64]] = [[3, 0, 3, 1], [4, 4, 0, 2, 1, 3], [5, 0]]
        for dim in [0, 1, 2, -1] {
            let axis = (dim + 3) % 3
            let positions = indexValues[axis]
            let index = try Tensor(values: positions, shape: [positions.count])
            var outputShape = shape
            outputShape[axis] = positions.count
            let expected = coordinates(outputShape).map { coordinate -> Float in
                var source = coordinate
                source[axis] = Int(positions[coordinate[axis]])
                return input[flatIndex(source, shape)]
            }
            let fast = try tensor.indexSelect(dim: dim, index: index)
            #expect(fast.shape == outputShape && fast.elements(as: Float.self) == expected, "dim \(dim)")
            #expect(try strided(tensor).indexSelect(dim: dim, index: index).elements(as: Float.self) == expected, "dim \(dim)")
            let int32Index = try Tensor(values: positions.map { Int32($0) }, shape: [positions.count])
            #expect(try tensor.indexSelect(dim: dim, index: int32Index).elements(as: Float.self) == expected)
        }
        let doubles = try Tensor(values: input.map { Double($0) / 3 }, shape: shape)
        #expect(try doubles.indexSelect(dim: 2, index: Tensor(values: [Int64(5), 5], shape: [2])).elements(as: Double.self)
            == coordinates([4, 5, 2]).map { Double(input[flatIndex([$0[0], $0[1], 5], shape)]) / 3 })
        let longs = try Tensor(values: (0..<120).map { Int64($0) * 1_000_000_007 }, shape: shape)
        #expect(try longs.indexSelect(dim: 0, index: Tensor(values: [Int64(2)], shape: [1])).elements(as: Int64.self)
            == (60..<90).map { Int64($0) * 1_000_000_007 })
    }

    @Test func indexSelectChecksEveryIndexBeforeCopying() throws {
        let tensor = try Tensor(values: values(12), shape: [3, 4])
        #expect(throws: TensorError.self) { try tensor.indexSelect(dim: 0, index: Tensor(values: [Int64(1), 3], shape: [2])) }
        #expect(throws: TensorError.self) { try tensor.indexSelect(dim: 1, index: Tensor(values: [Int64(-1)], shape: [1])) }
        #expect(try tensor.indexSelect(dim: 1, index: Tensor(values: [Int64](), shape: [0])).shape == [3, 0])
    }

    /// scatter_add as a loop in the index's row-major order, adding in float.
    private func scatterAddReference(_ target: [Float], _ shape: [Int], axis: Int, index: [Int64], indexShape: [Int],
                                     source: [Float], sourceShape: [Int]) -> [Float] {
        var result = target
        for coordinate in coordinates(indexShape) {
            var destination = coordinate
            destination[axis] = Int(index[flatIndex(coordinate, indexShape)])
            result[flatIndex(destination, shape)] += source[flatIndex(coordinate, sourceShape)]
        }
        return result
    }

    @Test func scatterAddAccumulatesInIndexOrderAlongEveryDim() throws {
        let shape = [4, 5, 3], indexShape = [4, 5, 3], sourceShape = [5, 6, 3]
        let target = values(60, seed: 3), source = values(90, seed: 4)
        var state: UInt64 = 9
        for axis in 0..<3 {
            let indexValues = (0..<60).map { _ -> Int64 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int64((state >> 33) % UInt64(shape[axis]))
            }
            let index = try Tensor(values: indexValues, shape: indexShape)
            let expected = scatterAddReference(target, shape, axis: axis, index: indexValues, indexShape: indexShape,
                                               source: source, sourceShape: sourceShape)
            let targetTensor = try Tensor(values: target, shape: shape), sourceTensor = try Tensor(values: source, shape: sourceShape)
            let fast = try targetTensor.scattered(dim: axis, index: index, source: .tensor(sourceTensor), reduction: .add)
            #expect(fast.elements(as: Float.self) == expected, "dim \(axis)")
            let fromStrided = try strided(targetTensor).scattered(dim: axis - 3, index: strided(index),
                                                                  source: .tensor(strided(sourceTensor)), reduction: .add)
            #expect(fromStrided.elements(as: Float.self) == expected, "strided, dim \(axis)")
            let doubles = try Tensor(values: target.map { Double($0) }, shape: shape)
                .scattered(dim: axis, index: index, source: .tensor(Tensor(values: source.map { Double($0) }, shape: sourceShape)), reduction: .add)
            let doubleTarget = target.map { Double($0) }, doubleSource = source.map { Double($0) }
            var doubleExpected = doubleTarget
            for coordinate in coordinates(indexShape) {
                var destination = coordinate
                destination[axis] = Int(indexValues[flatIndex(coordinate, indexShape)])
                doubleExpected[flatIndex(destination, shape)] += doubleSource[flatIndex(coordinate, sourceShape)]
            }
            #expect(doubles.elements(as: Double.self) == doubleExpected, "float64, dim \(axis)")
        }
    }

    @Test func scatterReplacesAndMultipliesAndStopsAtABadIndexAsATenDoes() throws {
        let target = try Tensor(values: [Int64](repeating: 2, count: 6), shape: [2, 3])
        let index = try Tensor(values: [Int64(2), 0, 2, 1], shape: [2, 2])
        let source = try Tensor(values: [Int64(5), 7, 11, Int64.max], shape: [2, 2])
        #expect(try target.scattered(dim: 1, index: index, source: .tensor(source)).elements(as: Int64.self) == [7, 2, 5, 2, 9223372036854775807, 11])
        #expect(try target.scattered(dim: 1, index: index, source: .tensor(source), reduction: .multiply).elements(as: Int64.self)
            == [14, 2, 10, 2, 2 &* Int64.max, 22])
        #expect(try target.scattered(dim: 1, index: index, source: .tensor(source), reduction: .add).elements(as: Int64.self)
            == [9, 2, 7, 2, 2 &+ Int64.max, 13])
        let bad = try Tensor(values: [Int64(0), 3], shape: [1, 2])
        #expect(throws: TensorError.self) { try target.scatterInPlace(dim: 1, index: bad, source: .tensor(source), reduction: .add) }
        // The write before the bad index stays, as PyTorch's in-place scatter leaves it.
        #expect(target.elements(as: Int64.self) == [7, 2, 2, 2, 2, 2])
    }

    /// The reference logsumexp of one lane, in double, rounded to float as the result is.
    private func logSumExpReference(_ lane: [Float]) -> Float {
        var maximum = -Double.infinity
        for value in lane { maximum = Double(value).isNaN || maximum.isNaN ? .nan : Swift.max(maximum, Double(value)) }
        if maximum.isInfinite { maximum = 0 }
        var total = 0.0
        for value in lane { total += Foundation.exp(Double(value) - maximum) }
        return Float(Foundation.log(total) + maximum)
    }

    @Test func logSumExpKeepsTheDoubleReferenceBitsForEveryLane() throws {
        for (length, rows) in [(1, 3), (7, 5), (8, 4), (13, 9), (1000, 40)] {
            var input = values(length * rows, seed: UInt64(length)).map { $0 / 1000 }
            if rows > 4 {
                input[length] = -.infinity          // row 1 holds a -inf
                input[2 * length] = .nan            // row 2 holds a NaN
                input[3 * length] = .infinity       // row 3 holds a +inf
                for column in 0..<length { input[4 * length + column] = -.infinity }   // row 4: all -inf
            }
            let tensor = try Tensor(values: input, shape: [rows, length])
            let expected = (0..<rows).map { logSumExpReference(Array(input[($0 * length)..<(($0 + 1) * length)])) }
            let result = try tensor.logSumExp(dims: [1], keepDim: false).elements(as: Float.self)
            #expect(result.map(\.bitPattern) == expected.map(\.bitPattern), "rows of \(length)")
            let columns = try tensor.t().contiguous().logSumExp(dims: [0], keepDim: true)
            #expect(columns.shape == [1, rows])
            #expect(columns.elements(as: Float.self).map(\.bitPattern) == expected.map(\.bitPattern), "columns of \(length)")
        }
        let cube = values(4 * 5 * 6, seed: 7)
        let tensor = try Tensor(values: cube, shape: [4, 5, 6])
        let middle = try tensor.logSumExp(dims: [-2], keepDim: false).elements(as: Float.self)
        let expected = coordinates([4, 6]).map { c in logSumExpReference((0..<5).map { cube[flatIndex([c[0], $0, c[1]], [4, 5, 6])] }) }
        #expect(middle.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}

/// index_add's typed loop (alpha 1, contiguous) against a plain loop, and its general path.
@Suite struct IndexAddFastPathTests {
    @Test func indexAddAddsTheSourceSlicesInSlotOrderAlongEveryDim() throws {
        let shape = [3, 4, 5]
        let target = (0..<60).map { Float($0) * 1e6 + 0.25 }
        for axis in 0..<3 {
            let positions: [Int64] = [Int64(shape[axis] - 1), 0, Int64(shape[axis] - 1), 1]
            var sourceShape = shape
            sourceShape[axis] = positions.count
            let sourceCount = sourceShape.reduce(1, *)
            let source = (0..<sourceCount).map { Float($0 % 7) * 0.37 - 1 }
            var expected = target
            var coordinate = [0, 0, 0]
            for flat in 0..<sourceCount {
                var destination = coordinate
                destination[axis] = Int(positions[coordinate[axis]])
                let at = (destination[0] * shape[1] + destination[1]) * shape[2] + destination[2]
                expected[at] += source[flat]
                advanceRowMajor(&coordinate, in: sourceShape, dims: 3)
            }
            let index = try Tensor(values: positions, shape: [positions.count])
            let result = try Tensor(values: target, shape: shape).indexAdd(dim: axis, index: index, source: Tensor(values: source, shape: sourceShape))
            #expect(result.elements(as: Float.self) == expected, "dim \(axis)")
            // alpha 1 given as a float, and a transposed source (the general path) agree.
            let transposedSource = try Tensor(values: source, shape: sourceShape).t3().contiguous().t3()
            let general = try Tensor(values: target, shape: shape).indexAdd(dim: axis - 3, index: index, source: transposedSource, alpha: .float(1))
            #expect(general.elements(as: Float.self) == expected, "general path, dim \(axis)")
        }
    }

    @Test func indexAddKeepsIntegerArithmeticAndStopsAtABadIndex() throws {
        let target = try Tensor(values: [Int64.max, 0, 5, 7], shape: [2, 2])
        let source = try Tensor(values: [Int64(1), 2, 3, 4, 5, 6], shape: [3, 2])
        let index = try Tensor(values: [Int64(0), 1, 0], shape: [3])
        #expect(try target.indexAdd(dim: 0, index: index, source: source).elements(as: Int64.self) == [Int64.min &+ 5, 8, 8, 11])
        let bad = try Tensor(values: [Int64(1), 2, 0], shape: [3])
        #expect(throws: TensorError.self) { try target.indexAddInPlace(dim: 0, index: bad, source: source) }
        // The slot before the bad index was added, as the general path does.
        #expect(target.elements(as: Int64.self) == [Int64.max, 0, 6, 9])
    }
}

private extension Tensor {
    /// The 3-D tensor with its first and last dims swapped.
    func t3() throws -> Tensor { try transpose(0, 2) }
}
