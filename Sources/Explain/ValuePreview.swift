import Foundation
import Interpreter
import TensorEngine

/// Previews of values: small tensors in full, PyTorch-formatted; large ones as one
/// summary line in the style of lovely-tensors.
enum ValuePreview {
    /// Tensors up to this many elements print in full.
    static let fullPrintLimit = 24

    static func preview(_ tensor: Tensor) -> String {
        if tensor.count <= fullPrintLimit { return tensor.repr }
        return summary(tensor)
    }

    /// `float32[8, 10] n=80 x∈[-2.145, 1.963] μ=0.041 σ=0.982`, plus NaN, ±inf and zero
    /// counts when there are any.
    static func summary(_ tensor: Tensor) -> String {
        var parts = ["\(TensorSignature(tensor))", "n=\(tensor.count)"]
        guard tensor.count > 0 else { return parts.joined(separator: " ") + " (empty)" }
        let values = tensor.doubles()
        let finite = values.filter(\.isFinite)
        let nanCount = values.filter(\.isNaN).count
        let positiveInfinities = values.filter { $0 == .infinity }.count
        let negativeInfinities = values.filter { $0 == -.infinity }.count
        let zeros = values.filter { $0 == 0 }.count
        if let low = finite.min(), let high = finite.max() {
            let mean = finite.reduce(0, +) / Double(finite.count)
            let variance = finite.count > 1 ? finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1) : 0
            parts.append("x∈[\(compact(low)), \(compact(high))]")
            parts.append("μ=\(compact(mean))")
            parts.append("σ=\(compact(variance.squareRoot()))")
        }
        if nanCount > 0 { parts.append("NaN×\(nanCount)!") }
        if positiveInfinities > 0 { parts.append("+inf×\(positiveInfinities)!") }
        if negativeInfinities > 0 { parts.append("-inf×\(negativeInfinities)!") }
        if zeros > 0 { parts.append(zeros == tensor.count ? "all zeros" : "zeros×\(zeros)") }
        return parts.joined(separator: " ")
    }

    /// A non-tensor result, as Python would show it.
    static func preview(_ value: Value, interpreter: Interpreter?) -> String? {
        switch value {
        case .int, .float, .bool, .size, .string, .tuple, .dtype:
            return interpreter.flatMap { try? $0.repr(value) } ?? fallbackRepr(value)
        default:
            return nil
        }
    }

    private static func fallbackRepr(_ value: Value) -> String? {
        switch value {
        case let .int(number): return String(number)
        case let .float(number): return compact(number)
        case let .bool(flag): return flag ? "True" : "False"
        case let .size(sizes): return "torch.Size(\(shapeText(sizes)))"
        default: return nil
        }
    }
}

/// Four significant digits without trailing zeros: `0.4123`, `-100`, `1.2e-05`.
func compact(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let magnitude = abs(value)
    if magnitude >= 1e-4 && magnitude < 1e6 {
        var text = String(format: "%.4g", value)
        if text.contains("e") { text = String(format: "%.4f", value) }
        return text
    }
    return String(format: "%.3e", value)
}

/// Whether any element (or the number itself) is NaN.
func holdsNaN(_ value: Value) -> Bool {
    switch value {
    case let .tensor(tensor): return tensor.dtype.isFloatingPoint && tensor.doubles().contains(where: \.isNaN)
    case let .float(number): return number.isNaN
    default: return false
    }
}

/// `[0, 1, 2, …, 9]` (at most `limit` items shown).
func listText(_ items: [Int], limit: Int = 8) -> String {
    if items.count <= limit { return "[" + items.map(String.init).joined(separator: ", ") + "]" }
    return "[" + items.prefix(limit - 1).map(String.init).joined(separator: ", ") + ", …, \(items.last!)]"
}

func plural(_ count: Int, _ noun: String) -> String {
    if count == 1 { return "1 \(noun)" }
    if noun.hasSuffix("y") && !noun.hasSuffix("ey") { return "\(count) \(noun.dropLast())ies" }
    return "\(count) \(noun)s"
}
