import Autograd
import TensorEngine

/// `from einops import rearrange, repeat, reduce`: einops' patterns over the engine's
/// tensors, in the steps einops' torch backend takes (reshape, permute, reduce, unsqueeze
/// and expand, reshape), so results, views and grad_fn names are the ones PyTorch shows.
extension Interpreter {
    func makeEinopsMembers() -> [String: Value] {
        var members: [String: Value] = ["EinopsError": .classObject(ClassObject(name: "EinopsError", attributes: [:], bases: []))]
        for operation in ["rearrange", "repeat", "reduce"] {
            members[operation] = stdlibFunction(operation) { interpreter, arguments in
                guard arguments.positional.count >= (operation == "reduce" ? 3 : 2) else {
                    throw PythonError.typeError("\(operation)() missing required positional arguments")
                }
                let input = try interpreter.einopsInput(arguments.positional[0])
                guard case let .string(pattern) = arguments.positional[1] else { throw PythonError.typeError("\(operation)() pattern must be a string") }
                var reduction: String?
                if operation == "reduce" {
                    guard case let .string(name) = arguments.positional[2] else { throw PythonError.typeError("reduce() reduction must be a string") }
                    reduction = name
                }
                var lengths: [String: Int] = [:]
                var shownLengths: [String] = []
                for (name, value) in arguments.keywords {
                    lengths[name] = try interpreter.pythonIntValue(value)
                    shownLengths.append("'\(name)': \(lengths[name] ?? 0)")
                }
                let recipe = EinopsRecipe(operation: operation, pattern: pattern, reduction: reduction)
                do {
                    return .tensor(try recipe.apply(input, lengths: lengths))
                } catch let message as EinopsRecipe.Failure {
                    throw PythonError("EinopsError", " Error while processing \(operation)-reduction pattern \"\(pattern)\".\n Input tensor shape: "
                                      + "\(formatTorchSize(input.shape)). Additional info: {\(shownLengths.joined(separator: ", "))}.\n \(message.text)")
                }
            }
        }
        return members
    }

    /// A tensor, or a list of same-shaped tensors stacked along a new first dim as einops does.
    private func einopsInput(_ value: Value) throws -> Tensor {
        if case let .tensor(tensor) = value { return tensor }
        let items = try iterate(value)
        let tensors = try items.map { item -> Tensor in
            guard case let .tensor(tensor) = item else { throw PythonError.typeError("einops takes a tensor or a list of tensors") }
            return tensor
        }
        return try Autodiff.stack(tensors, dim: 0)
    }
}

/// One parsed pattern: each side a list of groups of axis names, `…` standing for the
/// axes an ellipsis covers.
struct EinopsRecipe {
    struct Failure: Error { let text: String }

    let operation: String
    let pattern: String
    let reduction: String?

    func apply(_ input: Tensor, lengths given: [String: Int]) throws -> Tensor {
        let sides = pattern.components(separatedBy: "->")
        guard sides.count == 2 else { throw Failure(text: "Pattern must contain exactly one '->'") }
        let ellipsisRank = try Self.ellipsisRank(sides[0], rank: input.rank)
        let left = try Self.groups(sides[0], ellipsisRank: ellipsisRank)
        let right = try Self.groups(sides[1], ellipsisRank: ellipsisRank)
        guard left.count == input.rank else {
            throw Failure(text: "Wrong shape: expected \(left.count) dims. Received \(input.rank)-dim tensor.")
        }
        var lengths = given
        for (group, size) in zip(left, input.shape) { try Self.solve(group, size: size, lengths: &lengths) }
        let leftAxes = left.flatMap { $0 }, rightAxes = right.flatMap { $0 }
        let added = rightAxes.filter { !leftAxes.contains($0) }
        let reduced = leftAxes.filter { !rightAxes.contains($0) }
        if operation != "repeat", !added.isEmpty { throw Failure(text: "Unexpected identifiers on the right side of \(operation): {\(added.joined(separator: ", "))}") }
        if operation != "reduce", !reduced.isEmpty { throw Failure(text: "Identifiers only on one side of expression (should be on both): {\(reduced.joined(separator: ", "))}") }
        for axis in added where lengths[axis] == nil { throw Failure(text: "Specify sizes for new axes in repeat: {\(axis)}") }

        var tensor = input
        if left.contains(where: { $0.count != 1 }) { tensor = try Autodiff.reshape(tensor, leftAxes.map { lengths[$0] ?? 1 }) }
        let order = rightAxes.filter { leftAxes.contains($0) } + reduced
        let permutation = order.compactMap { leftAxes.firstIndex(of: $0) }
        if permutation != Array(permutation.indices) { tensor = try Autodiff.permute(tensor, permutation) }
        if !reduced.isEmpty { tensor = try reduce(tensor, axes: Array((order.count - reduced.count)..<order.count)) }
        if !added.isEmpty {
            var sizes = [Int](repeating: -1, count: rightAxes.count)
            for (position, axis) in rightAxes.enumerated() where added.contains(axis) {
                tensor = try Autodiff.unsqueeze(tensor, position)
                sizes[position] = lengths[axis] ?? 1
            }
            tensor = try Autodiff.expand(tensor, sizes)
        }
        if right.contains(where: { $0.count != 1 }) {
            tensor = try Autodiff.reshape(tensor, right.map { $0.reduce(1) { $0 * (lengths[$1] ?? 1) } })
        }
        return tensor
    }

    private func reduce(_ tensor: Tensor, axes: [Int]) throws -> Tensor {
        switch reduction {
        case "mean": return try Autodiff.mean(tensor, dims: axes, keepDim: false)
        case "sum": return try Autodiff.sum(tensor, dims: axes, keepDim: false)
        case "max", "min": return try Autodiff.amax(tensor, dims: axes, keepDim: false, largest: reduction == "max")
        case "prod":
            var result = tensor
            for axis in axes.sorted().reversed() { result = try Autodiff.prod(result, dim: axis, keepDim: false) }
            return result
        default: throw Failure(text: "Unknown reduction \(reduction ?? ""). Possible values: ('min', 'max', 'sum', 'mean', 'prod')")
        }
    }

    /// How many input dims `...` on the left stands for.
    private static func ellipsisRank(_ side: String, rank: Int) throws -> Int {
        let tokens = try groups(side, ellipsisRank: nil)
        let named = tokens.filter { $0 != ["…"] }.count
        return tokens.contains(["…"]) ? max(rank - named, 0) : 0
    }

    /// `b (h w) ... c` → [["b"], ["h", "w"], ["…0"], ["…1"], ["c"]]; `1` and `()` are empty
    /// groups. With no `ellipsisRank` the ellipsis stays one `["…"]` marker.
    private static func groups(_ side: String, ellipsisRank: Int?) throws -> [[String]] {
        var result: [[String]] = []
        var open: [String]?
        let spaced = side.replacingOccurrences(of: "(", with: " ( ").replacingOccurrences(of: ")", with: " ) ")
        for token in spaced.split(separator: " ").map(String.init) {
            switch token {
            case "(":
                guard open == nil else { throw Failure(text: "Axis composition is one-level (brackets inside brackets not allowed)") }
                open = []
            case ")":
                guard let group = open else { throw Failure(text: "Brackets are not balanced") }
                result.append(group)
                open = nil
            case "...", "…":
                guard open == nil else { throw Failure(text: "Ellipsis inside parenthesis is not supported by TensorTutor's einops") }
                result += ellipsisRank.map { rank in (0..<rank).map { ["…\($0)"] } } ?? [["…"]]
            case "1":
                if open == nil { result.append([]) }
            default:
                guard token.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), token.first?.isNumber == false else {
                    throw Failure(text: "Invalid axis identifier: \(token)")
                }
                if open != nil { open?.append(token) } else { result.append([token]) }
            }
        }
        guard open == nil else { throw Failure(text: "Brackets are not balanced") }
        return result
    }

    /// Fills in the one unknown length of a group from the dim's size.
    private static func solve(_ group: [String], size: Int, lengths: inout [String: Int]) throws {
        let unknown = group.filter { lengths[$0] == nil }
        let known = group.filter { lengths[$0] != nil }.reduce(1) { $0 * (lengths[$1] ?? 1) }
        switch unknown.count {
        case 0:
            guard known == size else { throw Failure(text: "Shape mismatch, \(size) != \(known)") }
        case 1:
            guard known > 0, size % known == 0 else { throw Failure(text: "Shape mismatch, can't divide axis of length \(size) in chunks of \(known)") }
            lengths[unknown[0]] = size / known
        default:
            throw Failure(text: "Could not infer sizes for {\(unknown.joined(separator: ", "))}")
        }
    }
}
