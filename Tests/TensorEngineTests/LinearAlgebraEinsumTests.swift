import Testing
@testable import TensorEngine

@Suite struct LinearAlgebraEinsumTests {
    let square = try! rampTensor([3, 3], scale: 1, offset: 0)

    @Test func traceDiagonalTranspose() throws {
        expectTensorValues(try einsum("ii", [square]), [12], shape: [], dtype: .float32)
        expectTensorValues(try einsum("ii->i", [square]), [0, 4, 8], shape: [3], dtype: .float32)
        expectTensorValues(try einsum("ji", [square]), [0, 3, 6, 1, 4, 7, 2, 5, 8], shape: [3, 3], dtype: .float32)
        expectTensorValues(try einsum("ij->", [square]), [36], shape: [], dtype: .float32)
        expectTensorValues(try einsum("i j -> j", [square]), [9, 12, 15], shape: [3], dtype: .float32)
        let cube = try rampTensor([2, 2, 2], scale: 1, offset: 0)
        expectTensorValues(try einsum("...ii->...i", [cube]), [0, 3, 4, 7], shape: [2, 2], dtype: .float32)
    }

    @Test func contractions() throws {
        let a = try rampTensor([2, 3])
        let b = try rampTensor([3, 4], scale: 0.2, offset: -0.5)
        expectTensorValues(try einsum("ij,jk", [a, b]), try a.matmul(b).doubles(), shape: [2, 4], dtype: .float32)
        // Implicit output orders labels alphabetically: "ba,cb" gives [a, c].
        #expect(try einsum("ba,cb", [rampTensor([2, 3]), rampTensor([4, 2])]).shape == [3, 4])
        #expect(try einsum("...ij,...jk", [rampTensor([5, 2, 3]), b]).shape == [5, 2, 4])
        #expect(try einsum("i...->...", [rampTensor([2, 3, 4])]).shape == [3, 4])
        #expect(try einsum("i...", [rampTensor([2, 3, 4])]).shape == [3, 4, 2])
        #expect(try einsum("ij...,jk", [rampTensor([2, 3, 4]), rampTensor([3, 5])]).shape == [4, 2, 5])
        #expect(try einsum("i,j->ij", [rampTensor([2]), rampTensor([3])]).shape == [2, 3])
        expectTensorValues(try einsum("i,i", [rampTensor([3], scale: 0, offset: 1), rampTensor([1], scale: 0, offset: 1)]), [3], shape: [], dtype: .float32)
        expectTensorValues(try einsum("ij,jk->ik", [rampTensor([2, 0]), rampTensor([0, 3])]), [0, 0, 0, 0, 0, 0], shape: [2, 3], dtype: .float32)
    }

    @Test func dtypes() throws {
        let ints = try Tensor(values: [Int32](repeating: 1, count: 6), shape: [2, 3])
        #expect(try einsum("ij->i", [ints]).dtype == .int64)
        #expect(try einsum("ij->ji", [ints]).dtype == .int32)
        #expect(try einsum("ij,ij->", [ints, ints]).dtype == .int32)
        let bools = try Tensor(values: [Bool](repeating: true, count: 6), shape: [2, 3])
        #expect(try einsum("ij->", [bools]).dtype == .int64)
        #expect(try einsum("ij,ij->ij", [bools, bools]).dtype == .bool)
        #expect(try einsum("ij,ij->ij", [rampTensor([2, 3]), longTensor([1, 1, 1, 1, 1, 1], [2, 3])]).dtype == .float32)
        expectTensorError(.runtimeError, "expected scalar type Float but found Long") {
            try einsum("ij,jk->ik", [rampTensor([2, 3]), longTensor([Int64](repeating: 1, count: 12), [3, 4])])
        }
        expectTensorError(.notImplementedError, "\"bmm\" not implemented for 'Bool'") { try einsum("ij,ij", [bools, bools]) }
    }

    @Test func errors() throws {
        let x = try rampTensor([2, 3])
        expectTensorError(.runtimeError, "einsum(): subscript i has size 4 for operand 1 which does not broadcast with previously seen size 3") {
            try einsum("i,i", [rampTensor([3]), rampTensor([4])])
        }
        expectTensorError(.runtimeError, "einsum(): fewer operands were provided than specified in the equation") { try einsum("ij,jk", [x]) }
        expectTensorError(.runtimeError, "einsum(): more operands were provided than specified in the equation") { try einsum("ij", [x, x]) }
        expectTensorError(.runtimeError,
            "einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given") {
            try einsum("ijk", [x])
        }
        expectTensorError(.runtimeError, "einsum(): output subscript k does not appear in the equation for any input operand") { try einsum("ij->k", [x]) }
        expectTensorError(.runtimeError, "einsum(): output subscript i appears more than once in the output") { try einsum("ij->ii", [x]) }
        expectTensorError(.runtimeError, "einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]") {
            try einsum("i1", [x])
        }
        expectTensorError(.runtimeError, "einsum(): invalid subscript given at index 5 in the equation string, subscripts must be in [a-zA-Z]") {
            try einsum("ij->j->i", [x])
        }
        expectTensorError(.runtimeError, "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2") { try einsum("ii", [x]) }
        expectTensorError(.runtimeError, "einsum(): found '.' for operand 0 that is not part of any ellipsis") { try einsum("..i", [x]) }
        expectTensorError(.runtimeError,
            "einsum(): dimension 0 covered by ellipsis in operand 1has size 4 which does not broadcast with previously seen ellipsis with size 2 for the respective dimension") {
            try einsum("...i,...i->...", [x, rampTensor([4, 3])])
        }
        expectTensorError(.runtimeError, "einsum(): the number of subscripts in the equation (2) is more than the number of dimensions (1) for operand 0") {
            try einsum("...ij->...", [rampTensor([2])])
        }
        expectTensorError(.valueError,
            "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list") {
            try einsum("i", [])
        }
    }
}
