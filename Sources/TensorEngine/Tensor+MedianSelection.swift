/// The lower median of all elements by selection instead of a full sort: `median()`
/// sorted a million doubles to read one, 12.8x slower than PyTorch's nth_element.
extension Array where Element == Double {
    /// The element the stable ascending sort of this NaN-free array puts at `position`,
    /// bit for bit; the array is reordered. Ties are equal in bits except -0 and +0, so a
    /// zero answer is settled from `original`: the stable sort keeps zeros in their order.
    mutating func stableSortedElement(at position: Int, original: () -> [Double]) throws -> Double {
        let selected = try selectAscending(position)
        guard selected == 0 else { return selected }
        let unsorted = original()
        var zerosBefore = position - unsorted.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        for value in unsorted where value == 0 {
            if zerosBefore == 0 { return value }
            zerosBefore -= 1
        }
        return selected
    }

    /// Quickselect with Hoare partitions around a median of three; after a number of
    /// rounds that only adversarial orders reach, the remaining range is sorted instead.
    /// Each round checks for a requested stop (Ctrl-C, a timeout), as the sorts do.
    private mutating func selectAscending(_ position: Int) throws -> Double {
        var low = 0, high = count - 1
        var roundsLeft = 2 * (Int.bitWidth - count.leadingZeroBitCount) + 16
        try withUnsafeMutableBufferPointer { values in
            while high > low {
                try OperationStop.check()
                guard roundsLeft > 0 else {
                    values[low...high].sort()
                    return
                }
                roundsLeft -= 1
                let first = values[low], middle = values[low + (high - low) / 2], last = values[high]
                let pivot = Swift.max(Swift.min(first, middle), Swift.min(Swift.max(first, middle), last))
                var left = low, right = high
                while left <= right {
                    while values[left] < pivot { left += 1 }
                    while values[right] > pivot { right -= 1 }
                    if left <= right {
                        values.swapAt(left, right)
                        left += 1
                        right -= 1
                    }
                }
                // [low, right] ≤ pivot ≤ [left, high], and everything between equals the pivot.
                if position <= right {
                    high = right
                } else if position >= left {
                    low = left
                } else {
                    return
                }
            }
        }
        return self[position]
    }
}
