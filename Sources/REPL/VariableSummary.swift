import Foundation
import Interpreter
import TensorEngine

/// `:vars`: one row per variable, with view-of relations between tensors.
extension ReplSession {
    /// Names bound at startup (`torch`, `F`, `nn`, `math`) are not the user's variables
    /// while they still hold the module they started with.
    func userVariableNames() -> [String] {
        let preloaded = ["torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional", "math": "math"]
        return interpreter.variableNames.filter { name in
            if name.hasPrefix("__") || name == "_" { return false }
            if case let .module(namespace)? = interpreter.variable(name), preloaded[name] == namespace.name {
                return false
            }
            return true
        }.sorted()
    }

    func showVariables() {
        let names = userVariableNames()
        guard !names.isEmpty else {
            write("no variables yet; assign one, e.g. x = torch.arange(6).view(2, 3)\n")
            return
        }
        var tensors: [(String, Tensor)] = []
        for name in names {
            if case let .tensor(tensor)? = interpreter.variable(name) { tensors.append((name, tensor)) }
        }
        var rows: [[String]] = [["name", "type", "dtype", "shape", "details"]]
        for name in names {
            guard let value = interpreter.variable(name) else { continue }
            switch value {
            case let .tensor(tensor):
                rows.append([name, "Tensor", tensor.dtype.rawValue, "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]",
                             viewRelation(of: name, tensor, among: tensors)])
            default:
                let repr = ((try? interpreter.repr(value)) ?? "").replacingOccurrences(of: "\n", with: " ")
                rows.append([name, value.typeName, "", "", repr])
            }
        }
        write(table(rows) + "\n")
    }

    /// "view of x" when `tensor` shares its storage with a tensor that owns all of it;
    /// "shares storage with a, b" when none does (both are views of something gone).
    func viewRelation(of name: String, _ tensor: Tensor, among tensors: [(String, Tensor)]) -> String {
        let sharing = tensors.filter { $0.0 != name && $0.1.sharesStorage(with: tensor) && $0.1 !== tensor }
        let aliases = tensors.filter { $0.0 != name && $0.1 === tensor }.map(\.0)
        var notes: [String] = []
        if !aliases.isEmpty { notes.append("same tensor as " + aliases.joined(separator: ", ")) }
        if !sharing.isEmpty {
            if ownsStorage(tensor) {
                notes.append("viewed by " + sharing.map(\.0).joined(separator: ", "))
            } else if let base = sharing.first(where: { ownsStorage($0.1) }) {
                notes.append("view of " + base.0)
            } else {
                notes.append("shares storage with " + sharing.map(\.0).joined(separator: ", "))
            }
        }
        if notes.isEmpty && !tensor.isContiguous { notes.append("non-contiguous") }
        return notes.joined(separator: "; ")
    }

    private func ownsStorage(_ tensor: Tensor) -> Bool {
        tensor.storageOffset == 0 && tensor.isContiguous && tensor.count * tensor.dtype.itemSize == tensor.storage.byteCount
    }

    /// Columns padded to their widest cell; the last column is cut to the terminal width.
    func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let width = settings.width()
        return rows.enumerated().map { index, row in
            var line = ""
            for (column, cell) in row.enumerated() {
                if column == row.count - 1 {
                    line += cell
                } else {
                    line += cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
                }
            }
            line = line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            if line.count > width { line = String(line.prefix(max(10, width - 1))) + "…" }
            return index == 0 ? paint(line, "1") : line
        }.joined(separator: "\n")
    }
}
