import Foundation
import Interpreter
import TensorEngine

/// The pictures of a ```tensor grid block, drawn under each expression's value:
/// - a selection from a 2-D tensor `x` (`x[:, 1::2]`, `x[1]`): `x`'s grid with the
///   selected cells marked;
/// - a rearrangement of all of `x`'s cells (`torch.roll(x, 1, 0)`, `x.t()`): the result's
///   grid, each cell labelled with the position of `x` it came from;
/// - a 2-D bool tensor (a mask): filled cells where it is True.
/// On a terminal the marks are coloured; in plain text selected cells are bracketed.
struct GridPictures {
    let useColor: Bool
    static let maxSide = 16

    /// The picture for `expression`, whose value is `value`, in `runner`'s session.
    func picture(of expression: String, value: Value, runner: ProgramRunner, file: String) -> String? {
        guard case let .tensor(result) = value else { return nil }
        if result.dtype == .bool, result.rank == 2 { return mask(result) }
        let sources = CodeNames.readNames(expression).filter { name in
            if case let .tensor(tensor)? = runner.interpreter.variable(name) { return Self.gridShape(tensor) != nil } else { return false }
        }
        guard sources.count == 1, let name = sources.first, case let .tensor(source)? = runner.interpreter.variable(name),
              let grid = Self.gridShape(source), grid.rows <= Self.maxSide, grid.columns <= Self.maxSide else { return nil }
        // The same expression on a tensor whose every cell holds its own position says
        // which cells the expression reads, and where each one ends up.
        let probe = CodeExecution.freshRunner(context: CodeExecution.variables(of: runner))
        guard let ids = try? Factory.arange(start: .int(0), end: .int(Int64(source.count)), step: .int(1), dtype: .int64).reshape(source.shape) else { return nil }
        probe.interpreter.setVariable(name, .tensor(ids))
        guard case let .value(.tensor(positions)) = CodeExecution.evaluate(CodeText(expression, line: 1), file: file, in: probe),
              positions.dtype == .int64 else { return nil }
        let picked = positions.int64s().map(Int.init)
        // `x` itself, or a view of all of it in order, has nothing to point out.
        if picked == Array(0..<source.count) { return nil }
        if picked.count == source.count, Set(picked).count == source.count, positions.rank == 2 {
            return provenance(positions, sourceColumns: grid.columns, name: name)
        }
        return selection(of: source, grid: grid, picked: Set(picked), name: name, expression: expression)
    }

    /// Rows and columns of a tensor drawn as a grid: a matrix, or a tensor whose other
    /// dims all have size 1 (an image `[1, H, W, 1]`).
    static func gridShape(_ tensor: Tensor) -> (rows: Int, columns: Int)? {
        if tensor.rank == 2 { return (tensor.shape[0], tensor.shape[1]) }
        let sizes = tensor.shape.filter { $0 != 1 }
        return sizes.count == 2 ? (sizes[0], sizes[1]) : nil
    }

    func selection(of source: Tensor, grid: (rows: Int, columns: Int), picked: Set<Int>, name: String, expression: String) -> String {
        let texts = source.doubles().map(Self.compact)
        let width = texts.map(\.count).max() ?? 1
        let columns = grid.columns
        var lines = ["`\(expression)` reads \(picked.count) of the \(source.count) cells of `\(name)`:"]
        for row in 0..<grid.rows {
            let cells = (0..<columns).map { column -> String in
                let index = row * columns + column
                let text = texts[index].leftPadded(width)
                guard picked.contains(index) else { return useColor ? " \(paint(text, "2")) " : " \(text) " }
                return useColor ? " \(paint(text, "1;30;46")) " : "[\(text)]"
            }
            let line = "  " + cells.joined()
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        return lines.joined(separator: "\n")
    }

    func provenance(_ positions: Tensor, sourceColumns: Int, name: String) -> String {
        let labels = positions.int64s().map { "(\(Int($0) / sourceColumns),\(Int($0) % sourceColumns))" }
        let width = labels.map(\.count).max() ?? 1
        let columns = positions.shape[1]
        var lines = ["where each cell of the result comes from in `\(name)` (row, column):"]
        for row in 0..<positions.shape[0] {
            let cells = (0..<columns).map { labels[row * columns + $0].leftPadded(width) }
            lines.append("  " + cells.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    func mask(_ mask: Tensor) -> String {
        let values = mask.doubles()
        let columns = mask.shape[1]
        let (on, off) = useColor ? (paint("██", "36"), paint("··", "2")) : ("##", "..")
        var lines = ["True cells are " + (useColor ? "filled" : "#") + ":"]
        for row in 0..<min(mask.shape[0], Self.maxSide * 2) {
            lines.append("  " + (0..<min(columns, Self.maxSide * 2)).map { values[row * columns + $0] != 0 ? on : off }.joined())
        }
        return lines.joined(separator: "\n")
    }

    func paint(_ text: String, _ code: String) -> String { "\u{1B}[\(code)m\(text)\u{1B}[0m" }

    static func compact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value == value.rounded(), Swift.abs(value) < 1e6 { return String(Int64(value)) }
        return String(format: "%.2f", value)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
