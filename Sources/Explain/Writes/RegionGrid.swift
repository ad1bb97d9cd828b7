import TensorEngine

/// Draws a write's region: one row of text per row of the 2-D slice drawn, each cell
/// the value written there or a dot where nothing was written.
enum RegionGrid {
    /// The widest line a grid draws, so that with the step's indent it fits 100 columns.
    static let maxWidth = 88
    static let maxRows = 32

    static func render(title: String, cells: [[String?]], style: PictureStyle) -> String {
        let dot = style.unicode ? "·" : "."
        let rows = Array(cells.prefix(maxRows))
        let labelWidth = String(max(rows.count - 1, 0)).count
        let cellWidth = max(rows.flatMap { $0 }.map { ($0 ?? dot).count }.max() ?? 1, 1)
        let columnCount = rows.first?.count ?? 0
        // "  r │ " then cells of `cellWidth` separated by one space.
        let fitting = max(1, (maxWidth - labelWidth - 5) / (cellWidth + 1))
        let shownColumns = min(columnCount, fitting)
        var lines = [title]
        if rows.count < cells.count || shownColumns < columnCount {
            lines[0] += " (top-left \(rows.count)×\(shownColumns) shown)"
        }
        for (row, line) in rows.enumerated() {
            let texts = line.prefix(shownColumns).map { ($0 ?? dot).leftPad(cellWidth) }
            lines.append("  \(String(row).leftPad(labelWidth)) │ " + texts.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}

/// The elements one write reached, as flat row-major positions in the written tensor,
/// found by replaying the write's index on a tensor that holds each element's position.
struct WrittenRegion {
    /// Bigger tensors are not replayed: the copy of positions would cost too much.
    static let elementLimit = 1 << 20

    /// The written tensor's shape.
    let shape: [Int]
    /// The shape of what the index selected (the shape the value is broadcast to).
    let selectionShape: [Int]
    /// The distinct positions written, in increasing order.
    let positions: [Int]

    var total: Int { shape.reduce(1, *) }
    var count: Int { positions.count }
    var isWhole: Bool { count == total }

    init(shape: [Int], selectionShape: [Int], positions: [Int]) {
        self.shape = shape
        self.selectionShape = selectionShape
        self.positions = Array(Set(positions)).sorted()
    }

    /// The region `tensor[indices]` covers; `numbered` holds each element's own position.
    init?(shape: [Int], indices: [TensorIndex], numbered: NumberedTensors = NumberedTensors()) {
        guard let table = numbered.table(shape), let selected = try? table.getItem(indices) else { return nil }
        self.init(shape: shape, selectionShape: selected.shape, positions: selected.int64s().map { Int($0) })
    }

    /// The positions where `mask`, broadcast to `shape`, is True.
    init?(shape: [Int], mask: Tensor) {
        guard shape.reduce(1, *) <= Self.elementLimit, mask.dtype == .bool,
              let expanded = try? mask.expand(shape) else { return nil }
        let flags = expanded.bools()
        self.init(shape: shape, selectionShape: shape, positions: flags.indices.filter { flags[$0] })
    }

    static func whole(_ shape: [Int]) -> WrittenRegion {
        WrittenRegion(shape: shape, selectionShape: shape, positions: Array(0..<shape.reduce(1, *)))
    }

    /// "16 of the 64 elements", "all 64 elements".
    var countText: String {
        if isWhole { return count == 1 ? "the one element" : "all \(count) elements" }
        return "\(count) of the \(plural(total, "element"))"
    }

    /// A picture of the region in `tensor` (already written): a 2-D slice through the
    /// first written element, along the dims the region spans (then other dims longer than
    /// 1), each written cell labelled with its value now. Nil when there is nothing to draw.
    func picture(of tensor: Tensor, name: String, caption: String = "after the write") -> Picture? {
        guard tensor.shape == shape, count > 0, total <= Self.elementLimit, total > 1 else { return nil }
        let written = Set(positions)
        let first = StepBuilder.unravel(positions[0], shape)
        let (rowDim, columnDim) = drawnDims()
        // Only the drawn slice is read: a large tensor's other elements are never copied.
        let sliceIndices = shape.indices.map { dim -> TensorIndex in
            dim == rowDim || dim == columnDim ? .slice(start: nil, stop: nil, step: nil) : .integer(first[dim])
        }
        guard let drawn = try? tensor.getItem(sliceIndices) else { return nil }
        let values = drawn.doubles()
        let columnCount = shape[columnDim]
        let rowCount = min(rowDim.map { shape[$0] } ?? 1, RegionGrid.maxRows)
        // Only the drawn cells are formatted: a large tensor's other elements are never read.
        let texts: [[String?]] = (0..<rowCount).map { row in
            var coordinates = first
            if let rowDim { coordinates[rowDim] = row }
            return (0..<columnCount).map { column in
                coordinates[columnDim] = column
                return written.contains(flatIndex(coordinates)) ? compact(values[row * columnCount + column]) : nil
            }
        }
        let showsValues = texts.joined().allSatisfy { ($0?.count ?? 0) <= 5 }
        let cells = showsValues ? texts : texts.map { row in row.map { $0.map { _ in "#" } } }
        let label = (0..<shape.count).map { dim in dim == rowDim || dim == columnDim ? ":" : String(first[dim]) }
        var legend = rowDim.map { ["rows: dim \($0)", "columns: dim \(columnDim)"] } ?? ["dim \(columnDim)"]
        if !showsValues { legend.append("# = written") }
        if cells.joined().contains(where: { $0 == nil }) { legend.append("dots: not written") }
        let title = "\(name)[\(label.joined(separator: ", "))] \(caption) (\(legend.joined(separator: "; "))):"
        return .grid(title: title, cells: cells)
    }

    /// The dims the region spans (more than one coordinate written), then the last other
    /// dims longer than 1, two at most, in dim order.
    private func drawnDims() -> (row: Int?, column: Int) {
        let long = shape.indices.filter { shape[$0] > 1 }
        let spanned = long.filter { dim in
            let stride = shape[(dim + 1)...].reduce(1, *)
            return Set(positions.map { $0 / stride % shape[dim] }).count > 1
        }
        var chosen = Array(spanned.suffix(2))
        for dim in long.reversed() where chosen.count < 2 && !chosen.contains(dim) { chosen.append(dim) }
        chosen.sort()
        guard let last = chosen.last else { return (nil, max(shape.count - 1, 0)) }
        return (chosen.count == 2 ? chosen[0] : nil, last)
    }

    private func flatIndex(_ coordinates: [Int]) -> Int {
        var flat = 0
        for (dim, coordinate) in coordinates.enumerated() { flat = flat * shape[dim] + coordinate }
        return flat
    }
}

/// A tensor of each element's own row-major position, for each shape asked for, kept for
/// the next write of the same shape (a loop writes into one tensor many times).
final class NumberedTensors {
    private var tables: [[Int]: Tensor] = [:]

    func table(_ shape: [Int]) -> Tensor? {
        if let table = tables[shape] { return table }
        let total = shape.reduce(1, *)
        guard total <= WrittenRegion.elementLimit, let table = try? Tensor(values: (0..<total).map { Int64($0) }, shape: shape) else { return nil }
        if tables.count >= 8 { tables.removeAll() }
        tables[shape] = table
        return table
    }
}
