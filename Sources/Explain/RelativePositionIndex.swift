import TensorEngine

/// Swin's relative position index, recognized by its values: for a Wh×Ww window of
/// N = Wh·Ww tokens (token t at row t / Ww, column t % Ww), entry (i, j) is
/// (dy + Wh − 1)·(2Ww − 1) + (dx + Ww − 1), where (dy, dx) is query i's position minus key
/// j's. Every entry is checked, so the words said about it are true of this tensor.
struct RelativePositionIndex {
    static let largestSide = 1024

    let height: Int
    let width: Int
    let values: [Int64]

    var tokens: Int { height * width }
    var tableRows: Int { (2 * height - 1) * (2 * width - 1) }

    init?(_ tensor: Tensor) {
        guard !tensor.dtype.isFloatingPoint, tensor.dtype != .bool, tensor.rank == 2, tensor.shape[0] == tensor.shape[1],
              tensor.shape[0] >= 3, tensor.shape[0] <= Self.largestSide else { return nil }
        let count = tensor.shape[0]
        let values = tensor.int64s()
        // A 1-D index (width 1) is tried last: a window one token wide or tall is that too.
        let heights = (1...count).filter { count % $0 == 0 && $0 != count } + [count]
        guard let height = heights.first(where: { Self.matches(values, height: $0, width: count / $0) }) else { return nil }
        self.height = height
        self.width = count / height
        self.values = values
    }

    private static func matches(_ values: [Int64], height: Int, width: Int) -> Bool {
        let count = height * width
        for query in 0..<count {
            for key in 0..<count where values[query * count + key] != Int64(entry(query, key, height: height, width: width)) {
                return false
            }
        }
        return true
    }

    private static func entry(_ query: Int, _ key: Int, height: Int, width: Int) -> Int {
        let dy = query / width - key / width, dx = query % width - key % width
        return (dy + height - 1) * (2 * width - 1) + dx + width - 1
    }

    /// What the index means, with a few entries decoded from the tensor itself.
    var notes: [String] {
        let count = tokens
        let pairs = [(0, count - 1), (count - 1, 0), (1, 0)].filter { $0.0 != $0.1 }
        if width == 1 || height == 1 {
            let examples = pairs.map { query, key in
                "(i=\(query), j=\(key)): \(query) − \(key) + \(count - 1) = \(values[query * count + key])"
            }
            return [
                "this is a relative position index for \(count) positions: entry (i, j) = (i − j) + \(count - 1), "
                    + "the offset of query i from key j shifted by \(count - 1) so it is ≥ 0; it picks one of the "
                    + "\(2 * count - 1) rows of a bias table, and equal offsets share a row",
                "for example " + examples.joined(separator: "; "),
            ]
        }
        let scale = 2 * width - 1
        let examples = pairs.map { query, key -> String in
            let dy = query / width - key / width, dx = query % width - key % width
            return "(i=\(query), j=\(key)): query at (\(query / width), \(query % width)), key at (\(key / width), \(key % width)), "
                + "dy = \(dy), dx = \(dx) → (\(dy) + \(height - 1))·\(scale) + (\(dx) + \(width - 1)) = \(values[query * count + key])"
        }
        return [
            "this is a relative position index for a \(height)×\(width) window (token t at row t // \(width), column t % \(width)): "
                + "entry (i, j) = (dy + \(height - 1))·\(scale) + (dx + \(width - 1)), where (dy, dx) = query i's (row, column) "
                + "minus key j's",
            "dy ∈ [−\(height - 1), \(height - 1)] is shifted by Wh − 1 = \(height - 1) and dx ∈ [−\(width - 1), \(width - 1)] by "
                + "Ww − 1 = \(width - 1), so both are ≥ 0; scaling the row offset by 2·Ww − 1 = \(scale) flattens each (dy, dx) "
                + "row-major into one of the (2·\(height) − 1)·(2·\(width) − 1) = \(tableRows) rows of the bias table, "
                + "and pairs with equal offsets share a row",
            "for example " + examples.joined(separator: "; "),
        ]
    }
}
