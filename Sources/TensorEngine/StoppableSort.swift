/// Sorting that a stop request (`OperationStop`) can cut short.
///
/// The standard library's sort cannot be interrupted, and one call on 2**26 elements runs
/// for many seconds. Long arrays are therefore sorted in blocks, which are then merged
/// pairwise (a bottom-up merge sort), polling between blocks and every `pollingMask + 1`
/// merged elements. Merges keep the left element on ties, so the result is the stable
/// sort's. When a stop is seen the array is left partly sorted and the caller throws.
extension Array {
    private static var blockLength: Int { 1 << 16 }
    private static var pollingMask: Int { (1 << 16) - 1 }

    mutating func stoppableSort(by areInIncreasingOrder: (Element, Element) -> Bool) {
        guard count > Self.blockLength else {
            sort(by: areInIncreasingOrder)
            return
        }
        var start = 0
        while start < count {
            if OperationStop.isRequested { return }
            let end = Swift.min(start + Self.blockLength, count)
            self[start..<end].sort(by: areInIncreasingOrder)
            start = end
        }
        var merged = self
        var width = Self.blockLength
        while width < count {
            var low = 0
            while low < count {
                let middle = Swift.min(low + width, count), high = Swift.min(low + 2 * width, count)
                guard Self.merge(self, low, middle, high, into: &merged, by: areInIncreasingOrder) else { return }
                low = high
            }
            swap(&self, &merged)
            width *= 2
        }
    }

    /// Merges the sorted runs `source[low..<middle]` and `source[middle..<high]` into
    /// `target[low..<high]`. False when a stop was requested part way.
    private static func merge(_ source: [Element], _ low: Int, _ middle: Int, _ high: Int, into target: inout [Element],
                              by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        var left = low, right = middle, output = low
        while output < high {
            if output & pollingMask == 0, OperationStop.isRequested { return false }
            if right == high || (left < middle && !areInIncreasingOrder(source[right], source[left])) {
                target[output] = source[left]
                left += 1
            } else {
                target[output] = source[right]
                right += 1
            }
            output += 1
        }
        return true
    }
}

extension Array where Element: Comparable {
    mutating func stoppableSort() { stoppableSort(by: <) }
}
