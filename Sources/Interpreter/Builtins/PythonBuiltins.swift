import Glibc
import PySyntax
import Autograd
import TensorEngine

/// Python's builtin functions, over the language's values.
extension Interpreter {
    func makePythonBuiltins() -> [String: Value] {
        // One feature per file; later groups may replace a name an earlier one defined.
        var table: [String: Value] = [:]
        addSequenceBuiltins(to: &table)
        addIteratorBuiltins(to: &table)
        addConversionBuiltins(to: &table)
        addArithmeticBuiltins(to: &table)
        addContainerBuiltins(to: &table)
        addTypeBuiltins(to: &table)
        addObjectBuiltins(to: &table)
        for name in Array(exceptionHierarchy.keys) + ["BaseException"] {
            table[name] = .classObject(ClassObject(name: name, attributes: [:], bases: []))
        }
        table["NotImplemented"] = .none
        return table
    }
}

extension [String: Value] {
    /// Adds the builtin function `name` to a table of builtins.
    mutating func defineBuiltin(_ name: String, _ body: @escaping Builtin.Body) {
        self[name] = .builtin(Builtin(name, body))
    }
}

func scalarValue(_ scalar: Scalar) -> Value {
    switch scalar {
    case let .bool(flag): .bool(flag)
    case let .int(number): .int(number)
    case let .float(number): .float(number)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var remaining = Substring(self)
        while let range = remaining.range(of: separator) {
            parts.append(String(remaining[..<range.lowerBound]))
            remaining = remaining[range.upperBound...]
        }
        parts.append(String(remaining))
        return parts
    }
}

extension Substring {
    func range(of target: String) -> Range<Index>? {
        guard !target.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<(self.index(index, offsetBy: target.count))
            }
            index = self.index(after: index)
        }
        return nil
    }
}
