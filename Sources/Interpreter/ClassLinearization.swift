/// Python's C3 linearization, used to refuse class hierarchies Python refuses
/// (`class C(A, B)` where B already derives from A).
enum ClassLinearization {
    /// Refuses bases no consistent method resolution order exists for, with Python's TypeError.
    static func check(bases: [ClassObject]) throws {
        for (index, base) in bases.enumerated() where bases[..<index].contains(where: { $0 === base }) {
            throw PythonError.typeError("duplicate base class \(base.name)")
        }
        if case let .failure(conflict) = merge(bases.map(\.mro) + [bases]) {
            var names: [String] = []
            for head in conflict.heads where !names.contains(head.name) { names.append(head.name) }
            throw PythonError.typeError(
                "Cannot create a consistent method resolution\norder (MRO) for bases \(names.joined(separator: ", "))")
        }
    }

    /// The ancestors a class with these bases resolves attributes through, nearest first:
    /// the merge of the bases' own orders (consistent, since `check` ran on them first).
    static func ancestors(of bases: [ClassObject]) -> [ClassObject] {
        if case let .success(merged) = merge(bases.map(\.mro) + [bases]) { return merged }
        // Classes the interpreter builds itself are never inconsistent; keep every base anyway.
        var seen: [ClassObject] = []
        for candidate in bases.flatMap(\.mro) where !seen.contains(where: { $0 === candidate }) { seen.append(candidate) }
        return seen
    }

    private struct Conflict: Error { let heads: [ClassObject] }

    /// C3's merge: repeatedly take the first head that is in no other list's tail. On
    /// failure, the heads left, which Python names in its message.
    private static func merge(_ sequences: [[ClassObject]]) -> Result<[ClassObject], Conflict> {
        var remaining = sequences.filter { !$0.isEmpty }
        var result: [ClassObject] = []
        while !remaining.isEmpty {
            let candidate = remaining.lazy.map { $0[0] }.first { head in
                !remaining.contains { $0.dropFirst().contains { $0 === head } }
            }
            guard let head = candidate else { return .failure(Conflict(heads: remaining.map { $0[0] })) }
            result.append(head)
            remaining = remaining.map { $0.first === head ? Array($0.dropFirst()) : $0 }.filter { !$0.isEmpty }
        }
        return .success(result)
    }
}
