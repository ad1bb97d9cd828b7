/// `median()` of all elements as PyTorch finds it: `std::nth_element` (libstdc++'s
/// introselect) on a `clone()` of the input, whose elements sit in memory order. Following
/// its partitions step by step gives the same element, so even a zero median has the sign
/// PyTorch's has; the selection runs in place on the engine's own copy, in the dtype.
/// (Sorting a million doubles to read one was 12.8x slower than PyTorch; widening them to
/// doubles first still cost as much as the selection.)
extension UnsafeMutableBufferPointer where Element: BinaryFloatingPoint {
    /// The element at (count - 1) / 2 after `std::nth_element`, or nan when the buffer is
    /// empty or holds a nan; the buffer is reordered.
    func lowerMedian() throws -> Element {
        if isEmpty || contains(where: { $0.isNaN }) { return .nan }
        let position = (count - 1) / 2
        var first = 0, last = count
        // libstdc++'s depth limit, 2·⌊log2 n⌋. Past it (adversarial orders only) libstdc++
        // heap-selects; sorting the rest finds the same value, if not always the same zero.
        var depthLeft = 2 * (Int.bitWidth - 1 - count.leadingZeroBitCount)
        while last - first > 3 {
            try OperationStop.check()
            guard depthLeft > 0 else {
                self[first..<last].sort()
                return self[position]
            }
            depthLeft -= 1
            moveMedianToFirst(first, first + 1, first + (last - first) / 2, last - 1)
            let cut = unguardedPartition(first + 1, last, pivot: first)
            if cut <= position { first = cut } else { last = cut }
        }
        insertionSort(first, last)
        return self[position]
    }

    /// `std::__move_median_to_first`: the median of a, b and c swapped into `result`.
    private func moveMedianToFirst(_ result: Int, _ a: Int, _ b: Int, _ c: Int) {
        if self[a] < self[b] {
            if self[b] < self[c] { swapAt(result, b) } else if self[a] < self[c] { swapAt(result, c) } else { swapAt(result, a) }
        } else if self[a] < self[c] {
            swapAt(result, a)
        } else if self[b] < self[c] {
            swapAt(result, c)
        } else {
            swapAt(result, b)
        }
    }

    /// `std::__unguarded_partition` around the element at `pivot`.
    private func unguardedPartition(_ start: Int, _ end: Int, pivot: Int) -> Int {
        var first = start, last = end
        while true {
            while self[first] < self[pivot] { first += 1 }
            last -= 1
            while self[pivot] < self[last] { last -= 1 }
            if !(first < last) { return first }
            swapAt(first, last)
            first += 1
        }
    }

    /// `std::__insertion_sort` on [start, end).
    private func insertionSort(_ start: Int, _ end: Int) {
        guard start < end else { return }
        for index in (start + 1)..<end {
            let value = self[index]
            if value < self[start] {
                var move = index
                while move > start {
                    self[move] = self[move - 1]
                    move -= 1
                }
                self[start] = value
            } else {
                var move = index
                while value < self[move - 1] {
                    self[move] = self[move - 1]
                    move -= 1
                }
                self[move] = value
            }
        }
    }
}

extension Tensor {
    /// `median()` of a floating tensor (see above), as a 0-dim tensor of its dtype.
    func floatingLowerMedian() throws -> Tensor {
        // PyTorch's clone keeps a transpose's or permutation's memory order.
        let copy = try clonePreservingFormat()
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
