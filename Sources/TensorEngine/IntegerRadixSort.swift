/// Least-significant-digit radix sort of 64-bit integers, 16 bits a pass, skipping the
/// passes whose digit is the same in every key (most of them for small ranges). It is
/// stable, so positions carried along keep their original order among equal keys.
struct IntegerRadixSort {
    /// Sorts `keys` ascending, moving `positions` (if any) with them.
    static func sort(_ keys: inout [Int64], positions: inout [Int64]?) throws {
        let count = keys.count
        guard count > 1 else { return }
        // Flipping the sign bit orders signed keys as unsigned ones.
        var current = keys.map { UInt64(bitPattern: $0) ^ (1 << 63) }
        var scratch = [UInt64](repeating: 0, count: count)
        var currentPositions = positions
        var scratchPositions = positions.map { [Int64](repeating: 0, count: $0.count) }
        var histogram = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            try OperationStop.check()
            let sortedAlready = current.withUnsafeBufferPointer { source in
                histogram.withUnsafeMutableBufferPointer { counts in
                    for index in 0..<counts.count { counts[index] = 0 }
                    for key in source { counts[Int(truncatingIfNeeded: (key >> UInt64(shift)) & 0xFFFF)] &+= 1 }
                    let digit = Int(truncatingIfNeeded: (source[0] >> UInt64(shift)) & 0xFFFF)
                    if counts[digit] == count { return true }
                    var running = 0
                    for index in 0..<counts.count {
                        let size = counts[index]
                        counts[index] = running
                        running &+= size
                    }
                    return false
                }
            }
            if sortedAlready { continue }
            current.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    histogram.withUnsafeMutableBufferPointer { starts in
                        /// Moves key `index` to the next free slot of its digit's bucket.
                        @inline(__always) func place(_ index: Int) -> Int {
                            let digit = Int(truncatingIfNeeded: (source[index] >> UInt64(shift)) & 0xFFFF)
                            let slot = starts[digit]
                            starts[digit] = slot &+ 1
                            target[slot] = source[index]
                            return slot
                        }
                        if let from = currentPositions, var to = scratchPositions.take() {
                            for index in 0..<count { to[place(index)] = from[index] }
                            scratchPositions = to
                        } else {
                            for index in 0..<count { _ = place(index) }
                        }
                    }
                }
            }
            swap(&current, &scratch)
            if currentPositions != nil { swap(&currentPositions, &scratchPositions) }
        }
        for index in 0..<count { keys[index] = Int64(bitPattern: current[index] ^ (1 << 63)) }
        positions = currentPositions
    }
}
