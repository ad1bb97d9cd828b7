/// `median()` of all elements as PyTorch finds it: `std::nth_element` (libstdc++'s
/// introselect, `LibstdcxxAlgorithms`) with `<` on a `clone()` of the input, whose elements
/// sit in memory order. Following its partitions step by step gives the same element, so
/// even a zero median has the sign PyTorch's has; the selection runs in place on the
/// engine's own copy, in the dtype. (Sorting a million doubles to read one was 12.8x slower
/// than PyTorch; widening them to doubles first still cost as much as the selection.)
struct ValueOrder<Value: Comparable>: LaneOrder {
    @inline(__always) func less(_ a: Value, _ b: Value) -> Bool { a < b }
}

extension UnsafeMutableBufferPointer where Element: BinaryFloatingPoint {
    /// The element at (count - 1) / 2 after `std::nth_element`, or nan when the buffer is
    /// empty or holds a nan; the buffer is reordered.
    func lowerMedian() throws -> Element {
        if isEmpty || contains(where: { $0.isNaN }) { return .nan }
        let position = (count - 1) / 2
        LibstdcxxAlgorithms(order: ValueOrder<Element>()).nthElement(in: self, 0, nth: position, count)
        // A stop leaves the selection unfinished.
        try OperationStop.check()
        return self[position]
    }
}

extension Tensor {
    /// `median()` of a floating tensor (see above), as a 0-dim tensor of its dtype.
    func floatingLowerMedian() throws -> Tensor {
        // PyTorch's clone keeps the order of the dims by stride (infer_dense_strides), so
        // the copy walks them from the largest stride in: memory order for a transpose.
        let order = (0..<rank).sorted { strides[$0] != strides[$1] ? strides[$0] > strides[$1] : $0 < $1 }
        let copy = try viewing(View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: storageOffset)).clone()
        switch dtype {
        case .float32:
            let median = try UnsafeMutableBufferPointer(start: copy.pointer(Float.self), count: count).lowerMedian()
            return try Tensor(values: [median], shape: [])
        case .float64:
            let median = try UnsafeMutableBufferPointer(start: copy.pointer(Double.self), count: count).lowerMedian()
            return try Tensor(values: [median], shape: [])
        default:
            // The 16-bit floats widen exactly, so doubles order them the same.
            var values = copy.castDoubles(view: View(shape: [count], strides: [1], offset: 0), to: .float64)
            let median = try values.withUnsafeMutableBufferPointer { try $0.lowerMedian() }
            return try ResultBuilder.tensor(doubles: [median], shape: [], dtype: dtype)
        }
    }
}
