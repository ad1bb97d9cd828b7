import TensorEngine

/// How pictures may draw: shaded Unicode blocks on a terminal, plain ASCII and numbers
/// when piped or when NO_COLOR is set.
public struct PictureStyle: Sendable {
    public var unicode: Bool

    public init(unicode: Bool) { self.unicode = unicode }

    public static let plain = PictureStyle(unicode: false)
    public static let terminal = PictureStyle(unicode: true)
}

/// A picture that says more than numbers: probability bars or a 2-D heatmap.
public enum Picture: Sendable {
    /// One bar per class; several series (e.g. before and after a temperature) per class.
    case bars(title: String, labels: [String], series: [(name: String, values: [Double])])
    case heatmap(title: String, matrix: [[Double]])
    /// Which cells a write reached: each written cell shows its text, the others a dot.
    case grid(title: String, cells: [[String?]])

    public func render(_ style: PictureStyle) -> String {
        switch self {
        case let .bars(title, labels, series): return BarChart.render(title: title, labels: labels, series: series, style: style)
        case let .heatmap(title, matrix): return Heatmap.render(title: title, matrix: matrix, style: style)
        case let .grid(title, cells): return RegionGrid.render(title: title, cells: cells, style: style)
        }
    }
}

enum BarChart {
    static let width = 24

    static func render(title: String, labels: [String], series: [(name: String, values: [Double])], style: PictureStyle) -> String {
        var lines = [title]
        let labelWidth = labels.map(\.count).max() ?? 0
        let nameWidth = series.count > 1 ? (series.map(\.name.count).max() ?? 0) + 1 : 0
        for (row, label) in labels.enumerated() {
            for (position, entry) in series.enumerated() {
                let value = row < entry.values.count ? entry.values[row] : 0
                let head = position == 0 ? label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) : String(repeating: " ", count: labelWidth)
                let name = series.count > 1 ? " " + entry.name.padding(toLength: nameWidth - 1, withPad: " ", startingAt: 0) : ""
                lines.append("  \(head)\(name) │\(bar(value, style))│ \(formatProbability(value))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A bar of `value` in [0, 1], `width` cells long, in eighths of a cell on Unicode.
    static func bar(_ value: Double, _ style: PictureStyle) -> String {
        let clamped = value.isFinite ? min(max(value, 0), 1) : 0
        if !style.unicode {
            let cells = Int((clamped * Double(width)).rounded())
            return String(repeating: "#", count: cells) + String(repeating: " ", count: width - cells)
        }
        let eighths = Int((clamped * Double(width * 8)).rounded())
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
        text += String(repeating: " ", count: width - text.count)
        return text
    }

    static func formatProbability(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : compact(value)
    }
}

enum Heatmap {
    /// Largest side drawn; bigger tensors show their top-left corner.
    static let maxSide = 32

    static func render(title: String, matrix: [[Double]], style: PictureStyle) -> String {
        let rows = Array(matrix.prefix(maxSide)).map { Array($0.prefix(maxSide)) }
        // The scale and the legend describe the whole matrix, not only the corner drawn, so
        // "lowest", "highest" and "every entry" stay true when the picture is cropped.
        let values = matrix.flatMap { $0 }
        let finite = values.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 0
        if !values.isEmpty, finite.count == values.count, high == low {
            return "\(title): every entry is \(compact(high))"
        }
        var lines = [title]
        if matrix.count > maxSide || (matrix.first?.count ?? 0) > maxSide {
            lines[0] += " (top-left \(rows.count)×\(rows.first?.count ?? 0) shown)"
        }
        let columns = rows.first?.count ?? 0
        if !style.unicode && columns <= 16 {
            let texts = rows.map { $0.map(compact) }
            let cellWidth = max(texts.flatMap { $0 }.map(\.count).max() ?? 1, String(columns - 1).count)
            for (row, cells) in texts.enumerated() {
                let rowLabel = String(row).leftPad(String(rows.count - 1).count)
                lines.append("  \(rowLabel) │ " + cells.map { $0.leftPad(cellWidth) }.joined(separator: " "))
            }
            return lines.joined(separator: "\n")
        }
        let ramp: [String] = style.unicode ? ["  ", "░░", "▒▒", "▓▓", "██"] : [" ", ".", ":", "*", "#"]
        for (row, cells) in rows.enumerated() {
            let shades = cells.map { value -> String in
                if value.isNaN { return style.unicode ? "??" : "?" }
                if value == -.infinity { return ramp[0] }
                if value == .infinity { return ramp[ramp.count - 1] }
                let level = high > low ? Int(((value - low) / (high - low) * Double(ramp.count - 1)).rounded()) : ramp.count - 1
                return ramp[level]
            }
            lines.append("  \(String(row).leftPad(String(rows.count - 1).count)) │" + shades.joined() + "│")
        }
        let darkest = String(ramp[ramp.count - 1].prefix(1))
        var legend = high > low ? "  blank = \(compact(low)) (lowest) … \(darkest) = \(compact(high)) (highest)"
            : finite.isEmpty ? "  no entry is finite" : "  every finite entry is \(compact(high))"
        var special: [String] = []
        if values.contains(-.infinity) { special.append("-inf is blank") }
        if values.contains(.infinity) { special.append("inf is \(darkest)") }
        if values.contains(where: \.isNaN) { special.append("? is NaN") }
        if !special.isEmpty { legend += "; " + special.joined(separator: ", ") }
        lines.append(legend)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
