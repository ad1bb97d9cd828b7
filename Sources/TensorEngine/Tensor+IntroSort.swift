/// Ports of libstdc++'s `std::sort`, `std::nth_element` and `std::partial_sort`.
///
/// PyTorch's CPU sort (with stable=False), topk and median call these on (value, index)
/// pairs, comparing values only. Equal values therefore come out in whatever order these
/// exact algorithms leave them, which a stable sort does not reproduce for more than 16
/// elements. Following the same steps gives PyTorch's tie order.
///
/// The order is a type, not a closure, so each use is specialized and the comparisons
/// inline; the loops work on a buffer without bounds checks. Together these make a sort
/// of 2**26 elements take seconds, not minutes.
struct LibstdcxxAlgorithms<Order: LaneOrder> {
    typealias Element = Order.Element
    typealias Buffer = UnsafeMutableBufferPointer<Element>
    let order: Order
    @inline(__always) private func less(_ a: Element, _ b: Element) -> Bool { order.less(a, b) }
    private static var threshold: Int { 16 }
    /// Partitions longer than this poll for a stop (`OperationStop`): a few milliseconds
    /// of work each, so Ctrl-C reaches a sort of 2**26 elements at once.
    private static var pollingLength: Int { 1 << 16 }
    private static var pollingMask: Int { (1 << 16) - 1 }

    /// floor(log2(n)), as `std::__lg`.
    private static func lg(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

    func sort(_ array: inout [Element], _ first: Int, _ last: Int) {
        guard last - first > 1 else { return }
        array.withUnsafeMutableBufferPointer { sort(in: $0, first, last) }
    }

    func nthElement(_ array: inout [Element], _ first: Int, nth: Int, _ last: Int) {
        array.withUnsafeMutableBufferPointer { nthElement(in: $0, first, nth: nth, last) }
    }

    func partialSort(_ array: inout [Element], _ first: Int, middle: Int, _ last: Int) {
        array.withUnsafeMutableBufferPointer { partialSort(in: $0, first, middle: middle, last) }
    }

    private func sort(in a: Buffer, _ first: Int, _ last: Int) {
        introsortLoop(a, first, last, depthLimit: Self.lg(last - first) * 2)
        // A stopped introsort leaves partitions unordered, where the unguarded insertion
        // sort would run off the front; the caller throws instead.
        if OperationStop.isRequested { return }
        finalInsertionSort(a, first, last)
    }

    /// Returns early, leaving the buffer partly selected, when a stop is requested.
    func nthElement(in a: Buffer, _ first: Int, nth: Int, _ last: Int) {
        guard first != last, nth != last else { return }
        var first = first
        var last = last
        var depthLimit = Self.lg(last - first) * 2
        while last - first > 3 {
            if last - first > Self.pollingLength, OperationStop.isRequested { return }
            if depthLimit == 0 {
                heapSelect(a, first, nth + 1, last)
                a.swapAt(first, nth)
                return
            }
            depthLimit -= 1
            let cut = partitionAroundPivot(a, first, last)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(a, first, last)
    }

    private func partialSort(in a: Buffer, _ first: Int, middle: Int, _ last: Int) {
        heapSelect(a, first, middle, last)
        sortHeap(a, first, middle)
    }

    // MARK: - introsort

    private func introsortLoop(_ a: Buffer, _ first: Int, _ last: Int, depthLimit: Int) {
        var last = last
        var depthLimit = depthLimit
        while last - first > Self.threshold {
            if last - first > Self.pollingLength, OperationStop.isRequested { return }
            if depthLimit == 0 {
                partialSort(in: a, first, middle: last, last)
                return
            }
            depthLimit -= 1
            let cut = partitionAroundPivot(a, first, last)
            introsortLoop(a, cut, last, depthLimit: depthLimit)
            last = cut
        }
    }

    private func partitionAroundPivot(_ a: Buffer, _ first: Int, _ last: Int) -> Int {
        let mid = first + (last - first) / 2
        moveMedianToFirst(a, first, first + 1, mid, last - 1)
        return unguardedPartition(a, first + 1, last, pivot: first)
    }

    private func moveMedianToFirst(_ a: Buffer, _ result: Int, _ x: Int, _ y: Int, _ z: Int) {
        if less(a[x], a[y]) {
            if less(a[y], a[z]) { a.swapAt(result, y) }
            else if less(a[x], a[z]) { a.swapAt(result, z) }
            else { a.swapAt(result, x) }
        } else if less(a[x], a[z]) { a.swapAt(result, x) }
        else if less(a[y], a[z]) { a.swapAt(result, z) }
        else { a.swapAt(result, y) }
    }

    private func unguardedPartition(_ a: Buffer, _ first: Int, _ last: Int, pivot: Int) -> Int {
        var first = first
        var last = last
        // One pass over 2**26 elements takes seconds: poll every few thousand swaps. A cut
        // returned early still lies inside the range, so the stopped sort stays in bounds.
        var swaps = 0
        while true {
            while less(a[first], a[pivot]) { first += 1 }
            last -= 1
            while less(a[pivot], a[last]) { last -= 1 }
            if !(first < last) { return first }
            a.swapAt(first, last)
            first += 1
            swaps &+= 1
            if swaps & 0x3FFF == 0, OperationStop.isRequested { return first }
        }
    }

    // MARK: - insertion sort

    private func finalInsertionSort(_ a: Buffer, _ first: Int, _ last: Int) {
        if last - first > Self.threshold {
            insertionSort(a, first, first + Self.threshold)
            for index in (first + Self.threshold)..<last { unguardedLinearInsert(a, index) }
        } else {
            insertionSort(a, first, last)
        }
    }

    private func insertionSort(_ a: Buffer, _ first: Int, _ last: Int) {
        guard first != last else { return }
        var index = first + 1
        while index < last {
            if less(a[index], a[first]) {
                let value = a[index]
                var position = index
                while position > first {
                    a[position] = a[position - 1]
                    position -= 1
                }
                a[first] = value
            } else {
                unguardedLinearInsert(a, index)
            }
            index += 1
        }
    }

    private func unguardedLinearInsert(_ a: Buffer, _ last: Int) {
        let value = a[last]
        var hole = last
        var next = last - 1
        while less(value, a[next]) {
            a[hole] = a[next]
            hole = next
            next -= 1
        }
        a[hole] = value
    }

    // MARK: - heap

    private func heapSelect(_ a: Buffer, _ first: Int, _ middle: Int, _ last: Int) {
        makeHeap(a, first, middle)
        var index = middle
        while index < last {
            if index & Self.pollingMask == 0, OperationStop.isRequested { return }
            if less(a[index], a[first]) { popHeap(a, first, middle, result: index) }
            index += 1
        }
    }

    private func makeHeap(_ a: Buffer, _ first: Int, _ last: Int) {
        let length = last - first
        guard length >= 2 else { return }
        var parent = (length - 2) / 2
        while true {
            adjustHeap(a, first, hole: parent, length: length, value: a[first + parent])
            if parent == 0 { return }
            parent -= 1
        }
    }

    private func sortHeap(_ a: Buffer, _ first: Int, _ last: Int) {
        var last = last
        while last - first > 1 {
            if last & Self.pollingMask == 0, OperationStop.isRequested { return }
            last -= 1
            popHeap(a, first, last, result: last)
        }
    }

    private func popHeap(_ a: Buffer, _ first: Int, _ last: Int, result: Int) {
        let value = a[result]
        a[result] = a[first]
        adjustHeap(a, first, hole: 0, length: last - first, value: value)
    }

    private func adjustHeap(_ a: Buffer, _ first: Int, hole: Int, length: Int, value: Element) {
        let top = hole
        var hole = hole
        var child = hole
        while child < (length - 1) / 2 {
            child = 2 * (child + 1)
            if less(a[first + child], a[first + child - 1]) { child -= 1 }
            a[first + hole] = a[first + child]
            hole = child
        }
        if length & 1 == 0, child == (length - 2) / 2 {
            child = 2 * (child + 1)
            a[first + hole] = a[first + child - 1]
            hole = child - 1
        }
        // push_heap
        var parent = (hole - 1) / 2
        while hole > top, less(a[first + parent], value) {
            a[first + hole] = a[first + parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        a[first + hole] = value
    }
}
